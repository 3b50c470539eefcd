import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { DonationDetail, DonationLine } from '../../../shared/donations';
import type { SupplyItem } from '../../../shared/supplies';
import { ApiError } from '../../app/api';
import { DetailStatus } from '../../app/components/DetailStatus';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useDetail } from '../../app/useDetail';
import { ReceiveForm } from './ReceiveForm';
import { suppliesApi } from './suppliesApi';

const refused = (err: unknown) => err instanceof ApiError && err.status < 500;

/**
 * One donation at the desk: the donor and purpose, each line as declared beside what receiving
 * counted (a corrected item shown as "申报 N95 → 实收 KN95" with the reason), the receiving form for
 * the lines still open, and the certificate once anything was accepted.
 */
export default function DonationPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const detail = useDetail(id, suppliesApi.donation, { isMissing: refused });
  const [donation, setDonation] = useState<DonationDetail | null>(null);
  const [items, setItems] = useState<SupplyItem[]>([]);
  useEffect(() => setDonation(detail.data ?? null), [detail.data]);
  useEffect(() => {
    suppliesApi
      .items()
      .then(setItems)
      .catch(() => setItems([]));
  }, []);
  const onReceived = useCallback((d: DonationDetail) => setDonation(d), []);

  if (!donation) return <DetailStatus detail={detail} notFound={t('donations.notFound')} />;
  const open = donation.lines.filter((l) => !l.receipt);
  const n = (q: number) => q.toLocaleString(locale);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Space wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/supplies')}>
          {t('common.back')}
        </Button>
        {donation.certificateSerial && (
          <Link to={`/supplies/donations/${donation.id}/certificate`} data-testid="donation-certificate">
            <Button type="primary" icon={<PrinterOutlined />}>
              {t('donations.printCertificate', { serial: donation.certificateSerial })}
            </Button>
          </Link>
        )}
      </Space>
      <Card title={t('donations.detail')} data-testid="donation-detail">
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('donations.donor')}>
            {donation.donor.name ?? donation.donor.publicName}{' '}
            <Tag>{t(`donations.donorKind.${donation.donor.kind}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('donations.publicName')}>{donation.donor.publicName}</Descriptions.Item>
          <Descriptions.Item label={t('donations.phone')}>{donation.donorPhone ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('donations.donatedOn')}>{donation.donatedOn}</Descriptions.Item>
          <Descriptions.Item label={t('donations.receivingUnit')}>{donation.regionName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('donations.purpose')}>
            {donation.purpose === 'designated'
              ? `${t('donations.purpose.designated')}：${donation.designatedTo ?? ''}`
              : t('donations.purpose.general')}
          </Descriptions.Item>
          {donation.moneyChannel && (
            <Descriptions.Item label={t('donations.channel')}>{donation.moneyChannel}</Descriptions.Item>
          )}
          {donation.partyOrg && (
            <Descriptions.Item label={t('donations.partyBranch')}>{donation.partyOrg.name}</Descriptions.Item>
          )}
          <Descriptions.Item label={t('donations.status')}>
            <Tag data-testid="donation-status">{t(`donations.status.${donation.status}`)}</Tag>
          </Descriptions.Item>
          {donation.certificateSerial && (
            <Descriptions.Item label={t('donations.certificate')}>{donation.certificateSerial}</Descriptions.Item>
          )}
          {donation.note && <Descriptions.Item label={t('donations.note')}>{donation.note}</Descriptions.Item>}
        </Descriptions>
        <Table<DonationLine>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={donation.lines}
          data-testid="donation-lines"
          columns={[
            { title: '#', dataIndex: 'lineNo', width: 40 },
            {
              title: t('donations.declared'),
              render: (_, l) => `${l.itemName}${l.spec ? `（${l.spec}）` : ''} ${n(l.quantity)} ${l.unit}`,
            },
            {
              title: t('donations.received'),
              render: (_, l) => {
                const r = l.receipt;
                if (!r) return <Tag>{t('donations.status.declared')}</Tag>;
                const corrected = r.itemId !== l.itemId;
                return (
                  <Space direction="vertical" size={0}>
                    <span>
                      {r.verdict === 'accepted' ? <Tag color="green">{t('donations.verdict.accepted')}</Tag> : null}
                      {r.verdict === 'rejected' ? <Tag color="red">{t('donations.verdict.rejected')}</Tag> : null}
                      {r.itemName}
                      {r.spec ? `（${r.spec}）` : ''} {n(r.quantity)} {r.unit} → {r.warehouseName}
                    </span>
                    {corrected && (
                      <Typography.Text type="warning" data-testid={`line-corrected-${l.lineNo}`}>
                        {t('donations.corrected', { declared: l.itemName, received: r.itemName })}
                      </Typography.Text>
                    )}
                    {r.discrepancyReason && (
                      <Typography.Text type="secondary">
                        {t('donations.discrepancyReason')}：{r.discrepancyReason}
                      </Typography.Text>
                    )}
                    {r.verdictReason && (
                      <Typography.Text type="secondary">
                        {t('donations.verdictReason')}：{r.verdictReason}
                      </Typography.Text>
                    )}
                    <Typography.Text type="secondary">
                      {[
                        r.batch && `${t('donations.batch')} ${r.batch}`,
                        r.expiry && `${t('donations.expiry')} ${r.expiry}`,
                      ]
                        .filter(Boolean)
                        .join(' · ')}{' '}
                      {r.receivedBy ?? ''} {formatTime(r.receivedAt, locale)}
                    </Typography.Text>
                  </Space>
                );
              },
            },
          ]}
        />
      </Card>
      {open.length > 0 && (
        <Card title={t('donations.receive')}>
          <ReceiveForm donation={donation} lines={open} items={items} onReceived={onReceived} />
        </Card>
      )}
    </Space>
  );
}
