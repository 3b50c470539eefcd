import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { BranchDonations, DonationSummary } from '../../../shared/donations';
import type { SupplyItem } from '../../../shared/supplies';
import { PagedTable } from '../../app/components/PagedTable';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { usePaged } from '../../app/usePaged';
import { DonationFormModal } from './DonationFormModal';
import { suppliesApi } from './suppliesApi';

/**
 * 捐赠登记: the donations of the jurisdiction, newest first, filtered by status, donor or party
 * branch; 登记捐赠 opens the form, a row opens the donation to receive it or print its certificate;
 * party members' donations summed by branch (党支部) underneath.
 */
export function DonationsTab({ items }: { items: SupplyItem[] }) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const [status, setStatus] = useState<DonationSummary['status'] | undefined>();
  const [q, setQ] = useState('');
  const [partyOrgId, setPartyOrgId] = useState<string | undefined>();
  const [branches, setBranches] = useState<BranchDonations[]>([]);
  const donations = usePaged<DonationSummary>('/donations', { status, q: q || undefined, partyOrgId }, feedback.error);

  useEffect(() => {
    suppliesApi
      .byBranch()
      .then(setBranches)
      .catch(() => setBranches([]));
  }, []);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card
        title={t('supplies.donations')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="donation-new">
            {t('donations.new')}
          </Button>
        }
      >
        <Space wrap style={{ marginBottom: 12 }}>
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('donations.status')}
            value={status}
            onChange={setStatus}
            options={(['declared', 'partial', 'received'] as const).map((s) => ({
              value: s,
              label: t(`supplies.status.${s}`),
            }))}
          />
          <Input.Search
            allowClear
            style={{ width: 220 }}
            placeholder={t('donations.searchDonor')}
            onSearch={(v) => setQ(v.trim())}
          />
          {branches.length > 0 && (
            <Select
              allowClear
              style={{ width: 200 }}
              placeholder={t('donations.partyBranch')}
              value={partyOrgId}
              onChange={setPartyOrgId}
              options={branches.map((b) => ({ value: b.partyOrgId, label: b.name }))}
            />
          )}
        </Space>
        <PagedTable<DonationSummary>
          list={donations}
          rowKey="id"
          size="small"
          scroll={{ x: true }}
          locale={{ emptyText: t('supplies.noDonations') }}
          data-testid="donations-table"
          onRow={(d) => ({ onClick: () => navigate(`/supplies/donations/${d.id}`), style: { cursor: 'pointer' } })}
          columns={[
            { title: t('supplies.donatedOn'), dataIndex: 'donatedOn' },
            {
              title: t('supplies.donor'),
              render: (_, d) => (
                <Link to={`/supplies/donations/${d.id}`} data-testid={`donation-link-${d.id}`}>
                  {d.donor.name ?? d.donor.publicName}{' '}
                  {d.donor.kind === 'anonymous' && <Tag>{t('supplies.donorKind.anonymous')}</Tag>}
                </Link>
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
            { title: t('donations.partyBranch'), render: (_, d) => d.partyOrg?.name ?? '—' },
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
                  <Link
                    to={`/supplies/donations/${d.id}/certificate`}
                    data-testid={`certificate-link-${d.id}`}
                    onClick={(e) => e.stopPropagation()}
                  >
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
      {branches.length > 0 && (
        <Card title={t('donations.byBranch')}>
          <Table<BranchDonations>
            rowKey="partyOrgId"
            size="small"
            pagination={false}
            dataSource={branches}
            data-testid="donations-by-branch"
            columns={[
              { title: t('donations.partyBranch'), dataIndex: 'name' },
              { title: t('donations.count'), dataIndex: 'donations', align: 'right' },
              { title: t('donations.members'), dataIndex: 'members', align: 'right' },
              { title: t('donations.moneyYuan'), align: 'right', render: (_, b) => b.money.toLocaleString(locale) },
              { title: t('donations.goodsLines'), dataIndex: 'goodsLines', align: 'right' },
            ]}
          />
        </Card>
      )}
      {creating && (
        <DonationFormModal
          items={items}
          onClose={() => setCreating(false)}
          onSaved={(d) => {
            setCreating(false);
            navigate(`/supplies/donations/${d.id}`);
          }}
        />
      )}
    </Space>
  );
}
