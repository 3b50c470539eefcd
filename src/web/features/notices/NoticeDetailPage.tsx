import { ArrowLeftOutlined, LinkOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Popconfirm, Result, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { NoticeView } from '../../../shared/notices';
import { ApiError } from '../../app/api';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useIsMobile } from '../../app/useIsMobile';
import { UrgencyTag } from './NoticesPage';
import { ReceiptsPanel } from './ReceiptsPanel';
import { announcementUrl, noticesApi, STATE_COLORS, UNREAD_CHANGED } from './noticesApi';

/**
 * One notice. Opening a notice addressed to me records that I have read it (the sender's receipt);
 * the sender's side sees publish / withdraw, the public link of an announcement and the receipts.
 */
export default function NoticeDetailPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const [notice, setNotice] = useState<NoticeView | null>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let alive = true;
    setNotice(null);
    noticesApi.notice(id).then(async (n) => {
      if (!alive) return;
      setNotice(n);
      // An addressee's first opening is the read receipt the sender sees.
      if (n.addressed && !n.readAt) {
        const read = await noticesApi.markRead(id);
        if (alive) setNotice(read);
        window.dispatchEvent(new Event(UNREAD_CHANGED));
      }
    }).catch((err: unknown) => {
      if (err instanceof ApiError && err.status === 404) setMissing(true);
      else feedback.error(err);
    });
    return () => {
      alive = false;
    };
  }, [id, feedback]);

  if (missing) return <Result status="404" title="404" subTitle={t('common.notFoundPage')} extra={<Link to="/notices"><Button>{t('notices.back')}</Button></Link>} />;
  if (!notice) return <Spin style={{ display: 'block', margin: 48 }} />;

  const act = async (action: 'publish' | 'withdraw') => {
    setBusy(true);
    try {
      setNotice(await (action === 'publish' ? noticesApi.publish(notice.id) : noticesApi.withdraw(notice.id)));
      feedback.success(action === 'publish' ? t('notices.published') : t('notices.withdrawn'));
    } catch (err) {
      feedback.error(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={mobile ? 8 : 16}>
      <Link to="/notices"><ArrowLeftOutlined /> {t('notices.back')}</Link>
      <Card
        size={mobile ? 'small' : undefined}
        title={<span data-testid="notice-detail-title">{notice.title}</span>}
        extra={notice.manageable && (
          <Space wrap>
            {notice.state === 'draft' && <Button type="primary" loading={busy} onClick={() => void act('publish')} data-testid="notice-doc-publish">{t('notices.publish')}</Button>}
            {notice.state === 'published' && (
              <Popconfirm title={t('notices.withdrawConfirm')} onConfirm={() => void act('withdraw')}>
                <Button danger loading={busy} data-testid="notice-doc-withdraw">{t('notices.withdraw')}</Button>
              </Popconfirm>
            )}
          </Space>
        )}
      >
        <Space size={4} wrap style={{ marginBottom: 12 }}>
          <Tag>{t(`notices.kind.${notice.kind}`)}</Tag>
          <Tag color={STATE_COLORS[notice.state]} data-testid="notice-state">{t(`notices.state.${notice.state}`)}</Tag>
          <UrgencyTag notice={notice} />
          {notice.readAt && <Tag color="success" data-testid="notice-read">{t('notices.read')} · {formatTime(notice.readAt, locale)}</Tag>}
        </Space>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 16 }} data-testid="notice-detail-body">{notice.body}</Typography.Paragraph>
        <Descriptions size="small" column={mobile ? 1 : 2} items={[
          { key: 'author', label: t('notices.author'), children: notice.authorName ?? '—' },
          { key: 'published', label: t('notices.publishedAt'), children: formatTime(notice.publishedAt, locale) },
          { key: 'region', label: t('notices.region'), children: notice.regionName ?? '—' },
          ...(notice.kind === 'internal' ? [{ key: 'roles', label: t('notices.roles'), children: notice.roles.length ? notice.roles.map((r) => t(`role.${r}`)).join('、') : t('notices.allRoles') }] : []),
          ...(notice.slug && notice.state === 'published' ? [{
            key: 'link', label: t('notices.publicLink'),
            children: <Typography.Link href={announcementUrl(notice.slug)} target="_blank" copyable={{ text: announcementUrl(notice.slug) }} data-testid="notice-public-link"><LinkOutlined /> /a/{notice.slug}</Typography.Link>,
          }] : []),
        ]} />
      </Card>
      {notice.manageable && notice.kind === 'internal' && notice.state !== 'draft' && (
        <Card size={mobile ? 'small' : undefined} title={t('notices.receipts')}>
          <ReceiptsPanel noticeId={notice.id} />
        </Card>
      )}
    </Space>
  );
}
