import { PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Progress, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { SeekNotice as Notice } from '../../../shared/tracing';
import { useMe } from '../../app/auth';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { useIsMobile } from '../../app/useIsMobile';
import { SeekNoticeEditorModal } from './SeekNoticeEditorModal';
import { NOTICE_STATUS_COLORS, tracingApi, windowText, type NoticeStatusValue } from './tracingApi';

/** "已找到 12 / 应找 12" with a bar when the tracer set how many are sought. */
export function SeekNoticeProgress({ notice, compact }: { notice: Notice; compact?: boolean }) {
  const { t } = useI18n();
  const text =
    notice.expected !== null
      ? t('tracing.foundOf', { found: notice.found, expected: notice.expected })
      : t('tracing.foundN', { found: notice.found });
  if (compact || notice.expected === null || notice.expected === 0)
    return <span data-testid="notice-progress">{text}</span>;
  const pct = Math.min(100, Math.round((notice.found / notice.expected) * 100));
  return (
    <div data-testid="notice-progress">
      <Typography.Text strong>{text}</Typography.Text>
      <Progress percent={pct} status={notice.found >= notice.expected ? 'success' : 'active'} />
    </div>
  );
}

/** What a notice seeks: the plate, or the place. */
export function seekNoticeTarget(n: Notice): string {
  return n.kind === 'vehicle' ? (n.plate ?? '—') : (n.place ?? '—');
}

/** 寻人通告: the notices of my jurisdiction with their status and how many have been found. */
export default function SeekNoticesPage() {
  const me = useMe();
  const { t } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [status, setStatus] = useState<NoticeStatusValue | 'all'>('all');
  const [items, setItems] = useState<Notice[] | null>(null);
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    let cancelled = false;
    setItems(null);
    tracingApi
      .notices(status === 'all' ? undefined : status)
      .then((r) => !cancelled && setItems(r))
      .catch((err: unknown) => {
        feedback.error(err);
        if (!cancelled) setItems([]);
      });
    return () => {
      cancelled = true;
    };
  }, [status, feedback]);

  const title = (n: Notice) => (
    <Link to={`/seek-notices/${n.id}`} data-testid={`notice-link-${n.id}`}>
      {n.title}
    </Link>
  );
  const statusTag = (n: Notice) => (
    <Tag color={NOTICE_STATUS_COLORS[n.status]}>{t(`tracing.noticeStatus.${n.status}`)}</Tag>
  );
  const pending = (n: Notice) =>
    n.pendingReports > 0 ? <Badge count={n.pendingReports} title={t('tracing.pendingReports')} /> : null;

  return (
    <Card
      size={mobile ? 'small' : undefined}
      title={t('tracing.noticesTitle')}
      extra={
        can.trace(me.role) && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="notice-create">
            {t('tracing.createNotice')}
          </Button>
        )
      }
    >
      <Segmented
        style={{ marginBottom: 12 }}
        value={status}
        onChange={(v) => setStatus(v as NoticeStatusValue | 'all')}
        options={[
          { value: 'all', label: t('tracing.all') },
          ...(['draft', 'published', 'closed'] as const).map((s) => ({
            value: s,
            label: t(`tracing.noticeStatus.${s}`),
          })),
        ]}
      />
      <Table<Notice>
        data-testid="notices-table"
        rowKey="id"
        size="middle"
        loading={items === null}
        dataSource={items ?? []}
        pagination={false}
        scroll={mobile ? undefined : { x: 1000 }}
        locale={{ emptyText: t('tracing.noNotices') }}
        onRow={(row) => ({ 'data-testid': `notice-${row.id}` }) as HTMLAttributes<HTMLElement>}
        columns={
          mobile
            ? [
                {
                  title: t('tracing.noticeTitle'),
                  key: 'm',
                  render: (_, n) => (
                    <div>
                      <div>{title(n)}</div>
                      <Space size={6} wrap>
                        {statusTag(n)}
                        <Typography.Text type="secondary">{seekNoticeTarget(n)}</Typography.Text>
                        {pending(n)}
                      </Space>
                      <div style={{ fontSize: 12, color: '#666' }}>{windowText(n.windowFrom, n.windowTo)}</div>
                      <SeekNoticeProgress notice={n} compact />
                    </div>
                  ),
                },
              ]
            : [
                { title: t('tracing.noticeTitle'), dataIndex: 'title', render: (_, n) => title(n) },
                {
                  title: t('tracing.noticeTarget'),
                  key: 'target',
                  width: 160,
                  render: (_, n) => (
                    <>
                      {t(`tracing.noticeKind.${n.kind}`)} · {seekNoticeTarget(n)}
                    </>
                  ),
                },
                {
                  title: t('tracing.window'),
                  key: 'window',
                  width: 220,
                  render: (_, n) => windowText(n.windowFrom, n.windowTo),
                },
                { title: t('tracing.status'), dataIndex: 'status', width: 90, render: (_, n) => statusTag(n) },
                {
                  title: t('tracing.progress'),
                  key: 'progress',
                  width: 170,
                  render: (_, n) => <SeekNoticeProgress notice={n} compact />,
                },
                {
                  title: t('tracing.pendingReports'),
                  dataIndex: 'pendingReports',
                  width: 90,
                  render: (_, n) => pending(n) ?? 0,
                },
                {
                  title: t('tracing.noticeRegion'),
                  dataIndex: 'regionName',
                  width: 120,
                  render: (v: string | null) => v ?? '—',
                },
              ]
        }
      />
      {creating && (
        <SeekNoticeEditorModal onClose={() => setCreating(false)} onCreated={(id) => navigate(`/seek-notices/${id}`)} />
      )}
    </Card>
  );
}
