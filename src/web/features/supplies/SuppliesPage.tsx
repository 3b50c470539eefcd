import { Card, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { DonationSummary } from '../../../shared/donations';
import type { StockRow } from '../../../shared/supplies';
import { api } from '../../app/api';
import { PagedTable } from '../../app/components/PagedTable';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { usePaged } from '../../app/usePaged';
import CoverAlertsCard from './CoverAlertsCard';

/**
 * 物资与捐赠 for the supplies desk, the command centre and township cadres: stock of the jurisdiction
 * by warehouse, item, specification and batch (the ledger's sums), and the donations registered,
 * newest first. Receiving and the certificate's print view go through the API for now.
 */
export default function SuppliesPage() {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const [stock, setStock] = useState<StockRow[] | null>(null);
  const donations = usePaged<DonationSummary>('/donations', {}, feedback.error);

  useEffect(() => {
    api
      .get<StockRow[]>('/supplies/stock')
      .then(setStock)
      .catch((err: unknown) => {
        setStock([]);
        feedback.error(err);
      });
  }, [feedback]);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <CoverAlertsCard />
      <Card
        title={t('supplies.stock')}
        extra={
          <a href="/ledger" target="_blank" rel="noreferrer" data-testid="supplies-public-ledger">
            {t('supplies.publicLedger')}
          </a>
        }
      >
        <Table<StockRow>
          dataSource={stock ?? []}
          loading={stock === null}
          rowKey={(r) => `${r.warehouseId}|${r.itemId}|${r.spec}|${r.batch}`}
          size="small"
          scroll={{ x: true }}
          pagination={{ pageSize: 50 }}
          locale={{ emptyText: t('supplies.noStock') }}
          data-testid="supplies-stock"
          columns={[
            { title: t('supplies.warehouse'), dataIndex: 'warehouseName' },
            { title: t('supplies.item'), dataIndex: 'itemName' },
            { title: t('supplies.spec'), render: (_, r) => r.spec || '—' },
            { title: t('supplies.batch'), render: (_, r) => r.batch || '—' },
            { title: t('supplies.expiry'), render: (_, r) => r.expiry ?? '—' },
            {
              title: t('supplies.quantity'),
              align: 'right',
              render: (_, r) => `${r.quantity.toLocaleString(locale)} ${r.unit}`,
            },
          ]}
        />
      </Card>
      <Card title={t('supplies.donations')}>
        <PagedTable<DonationSummary>
          list={donations}
          rowKey="id"
          size="small"
          scroll={{ x: true }}
          locale={{ emptyText: t('supplies.noDonations') }}
          columns={[
            { title: t('supplies.donatedOn'), dataIndex: 'donatedOn' },
            {
              title: t('supplies.donor'),
              render: (_, d) => (
                <>
                  {d.donor.name ?? d.donor.publicName}{' '}
                  {d.donor.kind === 'anonymous' && <Tag>{t('supplies.donorKind.anonymous')}</Tag>}
                </>
              ),
            },
            { title: t('supplies.kind'), render: (_, d) => t(`supplies.kind.${d.kind}`) },
            {
              title: t('supplies.purpose'),
              render: (_, d) =>
                d.purpose === 'designated'
                  ? `${t('supplies.purpose.designated')}：${d.designatedTo ?? ''}`
                  : t('supplies.purpose.general'),
            },
            { title: t('supplies.region'), render: (_, d) => d.regionName ?? '—' },
            {
              title: t('supplies.status'),
              render: (_, d) => (
                <Tag color={d.status === 'received' ? 'green' : d.status === 'partial' ? 'orange' : undefined}>
                  {t(`supplies.status.${d.status}`)}
                </Tag>
              ),
            },
            {
              title: t('supplies.certificate'),
              render: (_, d) =>
                d.certificateSerial ? (
                  <Link to={`/supplies/donations/${d.id}/certificate`} data-testid={`certificate-link-${d.id}`}>
                    {d.certificateSerial}
                  </Link>
                ) : (
                  '—'
                ),
            },
            { title: t('supplies.registeredAt'), render: (_, d) => formatTime(d.createdAt, locale) },
          ]}
        />
      </Card>
    </Space>
  );
}
