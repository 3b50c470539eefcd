import { Button, Card, Input, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { SupplyRequest, SupplyRequestLine, SupplyRequestStatus } from '../../../shared/supplies-requests';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { PagedTable } from '../../app/components/PagedTable';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { usePaged } from '../../app/usePaged';
import { AllocationFormModal } from './AllocationFormModal';
import { RequestApproveModal } from './RequestApproveModal';
import { RequestFormModal } from './RequestFormModal';

const STATUS_COLOUR: Record<SupplyRequestStatus, string | undefined> = {
  none: 'red',
  partial: 'orange',
  complete: 'green',
  cancelled: undefined,
};

/**
 * 物资申领: the queue of the jurisdiction's requests, the oldest unmet first. A site asks; the level
 * above approves each line in whole or in part; the supplies desk allocates against an approved line.
 */
export default function RequestsPage() {
  const { t, locale } = useI18n();
  const { me } = useAuth();
  const feedback = useFeedback();
  const [state, setState] = useState<'open' | 'all'>('open');
  const [creating, setCreating] = useState(false);
  const [approving, setApproving] = useState<SupplyRequest | null>(null);
  const [against, setAgainst] = useState<{ request: SupplyRequest; line: SupplyRequestLine } | null>(null);
  const list = usePaged<SupplyRequest>('/supplies/requests', { state }, feedback.error);
  const mayApprove = !!me && can.supplies(me.role);

  const cancel = (r: SupplyRequest) => {
    let reason = '';
    Modal.confirm({
      title: `${t('sr.cancel')} · ${r.warehouseName}`,
      content: <Input.TextArea rows={2} maxLength={500} onChange={(e) => (reason = e.target.value)} />,
      onOk: async () => {
        try {
          await api.post(`/supplies/requests/${r.id}/cancel`, { reason: reason || t('sr.cancel') });
          feedback.success(t('sr.cancelled'));
          list.reload();
        } catch (err) {
          feedback.error(err);
        }
      },
    });
  };

  const lines = (r: SupplyRequest) => (
    <Table<SupplyRequestLine>
      dataSource={r.lines}
      rowKey="id"
      size="small"
      pagination={false}
      columns={[
        { title: t('sr.item'), render: (_, l) => `${l.itemName}${l.spec ? `（${l.spec}）` : ''}` },
        { title: t('sr.quantity'), align: 'right', render: (_, l) => `${l.quantity.toLocaleString(locale)} ${l.unit}` },
        { title: t('sr.needBy'), render: (_, l) => l.needBy ?? '—' },
        {
          title: t('sr.approved'),
          align: 'right',
          render: (_, l) =>
            l.approvedQuantity === null ? (
              <Tag>{t('sr.awaitingApproval')}</Tag>
            ) : (
              l.approvedQuantity.toLocaleString(locale)
            ),
        },
        { title: t('sr.allocated'), align: 'right', render: (_, l) => l.allocatedQuantity.toLocaleString(locale) },
        { title: t('sr.delivered'), align: 'right', render: (_, l) => l.deliveredQuantity.toLocaleString(locale) },
        {
          title: '',
          render: (_, l, i) =>
            mayApprove &&
            (r.status === 'none' || r.status === 'partial') &&
            l.approvedQuantity !== null &&
            l.approvedQuantity > l.allocatedQuantity && (
              <Button
                size="small"
                onClick={() => setAgainst({ request: r, line: l })}
                data-testid={`allocate-line-${i}`}
              >
                {t('sr.allocate')}
              </Button>
            ),
        },
      ]}
    />
  );

  return (
    <Card
      title={
        <Segmented
          value={state}
          onChange={(v) => setState(v as 'open' | 'all')}
          options={[
            { value: 'open', label: t('sr.queue') },
            { value: 'all', label: t('sr.all') },
          ]}
        />
      }
      extra={
        <Space>
          <Link to="/supplies/allocations">{t('nav.allocations')}</Link>
          <Button type="primary" onClick={() => setCreating(true)} data-testid="request-new">
            {t('sr.new')}
          </Button>
        </Space>
      }
    >
      <PagedTable<SupplyRequest>
        list={list}
        rowKey="id"
        size="small"
        scroll={{ x: true }}
        locale={{ emptyText: t('sr.empty') }}
        expandable={{ expandedRowRender: lines, expandedRowKeys: list.items.map((r) => r.id), showExpandColumn: false }}
        data-testid="requests-table"
        columns={[
          { title: t('sr.createdAt'), render: (_, r) => formatTime(r.createdAt, locale) },
          {
            title: t('sr.site'),
            render: (_, r) => (
              <>
                {r.warehouseName} <Typography.Text type="secondary">{r.regionName ?? ''}</Typography.Text>
              </>
            ),
          },
          { title: t('sr.needBy'), render: (_, r) => r.needBy ?? '—' },
          { title: t('sr.requestedBy'), render: (_, r) => r.requestedByName ?? '—' },
          {
            title: t('sr.status'),
            render: (_, r) => (
              <Space size={4}>
                <Tag color={STATUS_COLOUR[r.status]}>{t(`sr.status.${r.status}`)}</Tag>
                {!r.approved && r.status !== 'cancelled' && <Tag color="blue">{t('sr.awaitingApproval')}</Tag>}
              </Space>
            ),
          },
          { title: t('sr.note'), render: (_, r) => r.cancelReason ?? r.note ?? '' },
          {
            title: '',
            render: (_, r) =>
              (r.status === 'none' || r.status === 'partial') && (
                <Space>
                  {mayApprove && (
                    <Button size="small" onClick={() => setApproving(r)} data-testid={`approve-${r.id}`}>
                      {t('sr.approve')}
                    </Button>
                  )}
                  <Button size="small" danger onClick={() => cancel(r)}>
                    {t('sr.cancel')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
      <RequestFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onDone={() => {
          setCreating(false);
          list.reload();
        }}
      />
      {approving && (
        <RequestApproveModal
          request={approving}
          onClose={() => setApproving(null)}
          onDone={() => {
            setApproving(null);
            list.reload();
          }}
        />
      )}
      <AllocationFormModal
        open={against !== null}
        against={against}
        onClose={() => setAgainst(null)}
        onDone={() => {
          setAgainst(null);
          list.reload();
        }}
      />
    </Card>
  );
}
