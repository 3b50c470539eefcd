import { Progress, Segmented, Table, Typography } from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import type { NoticeReceipts } from '../../../shared/notices';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useIsMobile } from '../../app/useIsMobile';
import { noticesApi } from './noticesApi';

type Person = NoticeReceipts['people'][number];

/** 阅读回执: how many of the addressees have read the notice, per township, and who has not yet. */
export function ReceiptsPanel({ noticeId }: { noticeId: string }) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const [receipts, setReceipts] = useState<NoticeReceipts | null>(null);
  const [filter, setFilter] = useState<'all' | 'read' | 'unread'>('unread');

  useEffect(() => {
    noticesApi.receipts(noticeId).then(setReceipts).catch(feedback.error);
  }, [noticeId, feedback]);

  if (!receipts) return <Typography.Text type="secondary">…</Typography.Text>;
  const pct = (read: number, total: number) => (total ? Math.round((read / total) * 100) : 0);
  const people = receipts.people.filter((p) => filter === 'all' || (filter === 'read') === !!p.readAt);
  return (
    <div data-testid="notice-receipts" data-read={receipts.read} data-total={receipts.addressees}>
      <Typography.Text strong data-testid="receipts-progress">
        {t('notices.receiptsProgress', { read: receipts.read, total: receipts.addressees })}
      </Typography.Text>
      <Progress
        percent={pct(receipts.read, receipts.addressees)}
        status={receipts.read === receipts.addressees ? 'success' : 'active'}
      />
      <Typography.Title level={5}>{t('notices.byTownship')}</Typography.Title>
      <Table
        rowKey="name"
        size="small"
        pagination={false}
        dataSource={receipts.byTownship}
        columns={[
          { title: t('notices.township'), dataIndex: 'name' },
          { title: t('notices.addressees'), dataIndex: 'addressees', width: 80 },
          { title: t('notices.readCount'), dataIndex: 'read', width: 80 },
          {
            title: t('notices.readRate'),
            key: 'rate',
            width: 160,
            render: (_, r) => <Progress size="small" percent={pct(r.read, r.addressees)} />,
          },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('notices.people')}
      </Typography.Title>
      <Segmented
        style={{ marginBottom: 8 }}
        value={filter}
        onChange={(v) => setFilter(v as typeof filter)}
        options={(['unread', 'read', 'all'] as const).map((f) => ({ value: f, label: `${t(`notices.filter.${f}`)}` }))}
      />
      <Table<Person>
        rowKey="userId"
        size="small"
        dataSource={people}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        onRow={(p) =>
          ({
            'data-testid': `receipt-${p.username}`,
            'data-read': p.readAt ? 'true' : 'false',
          }) as HTMLAttributes<HTMLElement>
        }
        columns={[
          { title: t('notices.name'), key: 'name', render: (_, p) => `${p.displayName}（${p.username}）` },
          ...(mobile
            ? []
            : [
                {
                  title: t('notices.role'),
                  dataIndex: 'role',
                  width: 110,
                  render: (r: Person['role']) => t(`role.${r}`),
                },
                { title: t('notices.regionName'), dataIndex: 'regionName', render: (v: string | null) => v ?? '—' },
              ]),
          {
            title: t('notices.readAt'),
            dataIndex: 'readAt',
            width: 150,
            render: (v: string | null) =>
              v ? formatTime(v, locale) : <Typography.Text type="danger">{t('notices.unread')}</Typography.Text>,
          },
        ]}
      />
    </div>
  );
}
