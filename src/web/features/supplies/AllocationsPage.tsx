import { Button, Card, Space, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Allocation } from '../../../shared/supplies-requests';
import { api } from '../../app/api';
import { useAuth } from '../../app/auth';
import { MaskedReveal } from '../../app/components/PhoneReveal';
import { PagedTable } from '../../app/components/PagedTable';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { usePaged } from '../../app/usePaged';
import { AllocationConfirmModal } from './AllocationConfirmModal';
import { AllocationFormModal } from './AllocationFormModal';

type View = 'incoming' | 'sent' | 'discrepancies';

/**
 * 调拨与签收: deliveries on their way to the jurisdiction's sites, to sign for with what actually
 * arrived; what the jurisdiction sent; and what it sent that arrived short, with the reasons.
 */
export default function AllocationsPage() {
  const { t, locale } = useI18n();
  const { me } = useAuth();
  const feedback = useFeedback();
  const [view, setView] = useState<View>('incoming');
  const [allocating, setAllocating] = useState(false);
  const [confirming, setConfirming] = useState<Allocation | null>(null);
  const list = usePaged<Allocation>('/supplies/allocations', { view }, feedback.error);
  const mayAllocate = !!me && can.supplies(me.role);

  const table = (
    <PagedTable<Allocation>
      list={list}
      rowKey="id"
      size="small"
      scroll={{ x: true }}
      locale={{ emptyText: t('al.empty') }}
      data-testid={`allocations-${view}`}
      columns={[
        { title: t('al.sentAt'), render: (_, a) => formatTime(a.sentAt, locale) },
        { title: t('al.from'), dataIndex: 'fromWarehouseName' },
        { title: t('al.to'), dataIndex: 'toWarehouseName' },
        {
          title: t('al.item'),
          render: (_, a) => (
            <>
              {a.itemName}
              {a.spec ? ` · ${a.spec}` : ''}
              {a.batch ? ` · ${a.batch}` : ''}{' '}
              {a.designatedTo && (
                <Tag color="purple" title={a.decisionReason ?? undefined}>
                  {t('al.designatedTo')}：{a.designatedTo}
                </Tag>
              )}
            </>
          ),
        },
        { title: t('al.quantity'), align: 'right', render: (_, a) => `${a.quantity.toLocaleString(locale)} ${a.unit}` },
        {
          title: t('al.received'),
          align: 'right',
          render: (_, a) => (a.receivedQuantity === null ? '—' : a.receivedQuantity.toLocaleString(locale)),
        },
        {
          title: t('al.shortfall'),
          align: 'right',
          render: (_, a) => (a.shortfall ? <Tag color="red">{a.shortfall.toLocaleString(locale)}</Tag> : '—'),
        },
        { title: t('al.reason'), render: (_, a) => a.discrepancyReason ?? '' },
        {
          title: t('al.courier'),
          render: (_, a) => (
            <Space size={4}>
              {a.courier}
              <MaskedReveal
                masked={a.courierPhone}
                testId={`courier-${a.id}`}
                reveal={() =>
                  api
                    .post<{ phone: string | null }>(`/supplies/allocations/${a.id}/courier-phone/reveal`)
                    .then((r) => r.phone)
                }
              />
            </Space>
          ),
        },
        {
          title: t('al.status'),
          render: (_, a) => (
            <Tag color={a.status === 'in_transit' ? 'orange' : 'green'}>{t(`al.status.${a.status}`)}</Tag>
          ),
        },
        { title: t('al.receivedAt'), render: (_, a) => formatTime(a.receivedAt, locale) },
        {
          title: '',
          render: (_, a) =>
            view === 'incoming' &&
            a.status === 'in_transit' && (
              <Button size="small" type="primary" onClick={() => setConfirming(a)} data-testid={`confirm-${a.id}`}>
                {t('al.confirm')}
              </Button>
            ),
        },
      ]}
    />
  );

  return (
    <Card
      extra={
        <Space>
          <Link to="/supplies/requests">{t('nav.supplyRequests')}</Link>
          {mayAllocate && (
            <Button type="primary" onClick={() => setAllocating(true)} data-testid="allocation-new">
              {t('al.new')}
            </Button>
          )}
        </Space>
      }
    >
      <Tabs
        activeKey={view}
        onChange={(k) => setView(k as View)}
        items={(['incoming', 'sent', 'discrepancies'] as const).map((k) => ({
          key: k,
          label: <span data-testid={`allocations-tab-${k}`}>{t(`al.${k}`)}</span>,
          children: k === view ? table : null,
        }))}
      />
      <AllocationFormModal
        open={allocating}
        onClose={() => setAllocating(false)}
        onDone={() => {
          setAllocating(false);
          list.reload();
        }}
      />
      {confirming && (
        <AllocationConfirmModal
          allocation={confirming}
          onClose={() => setConfirming(null)}
          onDone={() => {
            setConfirming(null);
            list.reload();
          }}
        />
      )}
    </Card>
  );
}
