import { PlusOutlined } from '@ant-design/icons';
import { Badge, Button, Card, List, Progress, Segmented, Space, Switch, Tabs, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { NoticeView, SentNotice } from '../../../shared/notices';
import { useMe } from '../../app/auth';
import { LoadMore } from '../../app/components/LoadMore';
import { PagedTable } from '../../app/components/PagedTable';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { useIsMobile } from '../../app/useIsMobile';
import { usePaged } from '../../app/usePaged';
import { ComposeNoticeModal } from './ComposeNoticeModal';
import { STATE_COLORS, URGENCY_COLORS } from './noticesApi';

/** 紧急 / 特急 as a coloured tag (nothing for a routine notice). */
export function UrgencyTag({ notice }: { notice: Pick<NoticeView, 'urgency'> }) {
  const { t } = useI18n();
  return notice.urgency === 'routine' ? null : (
    <Tag color={URGENCY_COLORS[notice.urgency]}>{t(`notices.urgency.${notice.urgency}`)}</Tag>
  );
}

/** My inbox: the notices addressed to me, unread first in bold; tapping one opens (and reads) it. */
function Inbox() {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const [onlyUnread, setOnlyUnread] = useState(false);
  const { items, loading, hasMore, loadMore } = usePaged<NoticeView>(
    '/notices/inbox',
    { unread: onlyUnread ? 'true' : undefined },
    feedback.error,
  );
  return (
    <>
      <Space style={{ marginBottom: 8 }}>
        <Switch checked={onlyUnread} onChange={setOnlyUnread} data-testid="inbox-unread-only" />
        <span>{t('notices.onlyUnread')}</span>
      </Space>
      <List<NoticeView>
        data-testid="notices-inbox"
        loading={loading}
        dataSource={items}
        locale={{ emptyText: t('notices.noInbox') }}
        renderItem={(n) => (
          <List.Item data-testid={`inbox-${n.id}`} data-read={n.readAt ? 'true' : 'false'}>
            <List.Item.Meta
              title={
                <Space size={6} wrap>
                  {!n.readAt && <Badge status="error" />}
                  <Link
                    to={`/notices/${n.id}`}
                    data-testid={`inbox-link-${n.id}`}
                    style={{ fontWeight: n.readAt ? 400 : 700 }}
                  >
                    {n.title}
                  </Link>
                  <UrgencyTag notice={n} />
                </Space>
              }
              description={`${n.authorName ?? '—'} · ${n.regionName ?? ''} · ${formatTime(n.publishedAt, locale)}${n.readAt ? '' : ` · ${t('notices.unread')}`}`}
            />
          </List.Item>
        )}
      />
      <LoadMore hasMore={hasMore} loading={loading} onClick={loadMore} />
    </>
  );
}

/** The sender's side: every notice and announcement of my jurisdiction with its read count. */
function Sent() {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const [kind, setKind] = useState<'all' | 'internal' | 'public'>('all');
  const sent = usePaged<SentNotice>('/notices', { kind: kind === 'all' ? undefined : kind }, feedback.error);
  const title = (n: SentNotice) => (
    <Link to={`/notices/${n.id}`} data-testid={`sent-link-${n.id}`}>
      {n.title}
    </Link>
  );
  const readCell = (n: SentNotice) =>
    n.kind === 'internal' && n.state !== 'draft' ? (
      <div style={{ minWidth: 120 }}>
        <Progress
          size="small"
          percent={n.addressees ? Math.round((n.read / n.addressees) * 100) : 0}
          format={() => `${n.read}/${n.addressees}`}
        />
      </div>
    ) : (
      '—'
    );
  return (
    <>
      <Segmented
        style={{ marginBottom: 12 }}
        value={kind}
        onChange={(v) => setKind(v as typeof kind)}
        options={[
          { value: 'all', label: t('notices.filter.all') },
          { value: 'internal', label: t('notices.kind.internal') },
          { value: 'public', label: t('notices.kind.public') },
        ]}
      />
      <PagedTable<SentNotice>
        list={sent}
        data-testid="notices-sent"
        rowKey="id"
        size="middle"
        locale={{ emptyText: t('notices.noSent') }}
        onRow={(row) => ({ 'data-testid': `sent-${row.id}` }) as HTMLAttributes<HTMLElement>}
        columns={
          mobile
            ? [
                {
                  key: 'm',
                  title: t('notices.noticeTitle'),
                  render: (_, n) => (
                    <div>
                      <div>{title(n)}</div>
                      <Space size={4} wrap>
                        <Tag>{t(`notices.kind.${n.kind}`)}</Tag>
                        <Tag color={STATE_COLORS[n.state]}>{t(`notices.state.${n.state}`)}</Tag>
                        <UrgencyTag notice={n} />
                      </Space>
                      {readCell(n)}
                    </div>
                  ),
                },
              ]
            : [
                {
                  title: t('notices.noticeTitle'),
                  key: 'title',
                  render: (_, n) => (
                    <Space size={4}>
                      {title(n)}
                      <UrgencyTag notice={n} />
                    </Space>
                  ),
                },
                {
                  title: t('notices.kind'),
                  dataIndex: 'kind',
                  width: 110,
                  render: (v: SentNotice['kind']) => t(`notices.kind.${v}`),
                },
                {
                  title: t('notices.region'),
                  dataIndex: 'regionName',
                  width: 120,
                  render: (v: string | null) => v ?? '—',
                },
                {
                  title: t('notices.state'),
                  dataIndex: 'state',
                  width: 90,
                  render: (v: SentNotice['state']) => <Tag color={STATE_COLORS[v]}>{t(`notices.state.${v}`)}</Tag>,
                },
                {
                  title: t('notices.publishedAt'),
                  dataIndex: 'publishedAt',
                  width: 150,
                  render: (v: string | null) => formatTime(v, locale),
                },
                { title: t('notices.receipts'), key: 'read', width: 170, render: (_, n) => readCell(n) },
              ]
        }
      />
    </>
  );
}

/** 通知通告: my inbox, and for the command centre and townships what they have issued, with compose. */
export default function NoticesPage() {
  const me = useMe();
  const { t } = useI18n();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [composing, setComposing] = useState(false);
  const issuer = can.issueNotices(me.role);
  const tab = params.get('tab') === 'sent' && issuer ? 'sent' : 'inbox';
  return (
    <Card
      size={mobile ? 'small' : undefined}
      title={t('notices.title')}
      extra={
        issuer && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setComposing(true)}
            data-testid="notice-compose"
          >
            {t('notices.compose')}
          </Button>
        )
      }
    >
      {issuer ? (
        <Tabs
          activeKey={tab}
          onChange={(key) => setParams(key === 'sent' ? { tab: 'sent' } : {}, { replace: true })}
          items={[
            { key: 'inbox', label: t('notices.inbox'), children: <Inbox /> },
            { key: 'sent', label: <span data-testid="notices-tab-sent">{t('notices.sent')}</span>, children: <Sent /> },
          ]}
        />
      ) : (
        <>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {t('notices.inbox')}
          </Typography.Title>
          <Inbox />
        </>
      )}
      {composing && (
        <ComposeNoticeModal onClose={() => setComposing(false)} onSaved={(n) => navigate(`/notices/${n.id}`)} />
      )}
    </Card>
  );
}
