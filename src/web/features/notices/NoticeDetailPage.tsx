import { ArrowLeftOutlined, LinkOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { NoticeView } from '../../../shared/notices';
import { DetailStatus } from '../../app/components/DetailStatus';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useDetail } from '../../app/useDetail';
import { useIsMobile } from '../../app/useIsMobile';
import { UrgencyTag } from './NoticesPage';
import { ReceiptsPanel } from './ReceiptsPanel';
import { announcementUrl, noticesApi, STATE_COLORS, UNREAD_CHANGED } from './noticesApi';

/** Fetch a notice; an addressee's first opening is the read receipt the sender sees. */
async function openNotice(id: string): Promise<NoticeView> {
  const notice = await noticesApi.notice(id);
  if (!notice.addressed || notice.readAt) return notice;
  const read = await noticesApi.markRead(id);
  window.dispatchEvent(new Event(UNREAD_CHANGED));
  return read;
}

/**
 * One notice. Opening a notice addressed to me records that I have read it (the sender's receipt);
 * the sender's side sees publish / withdraw, the public link of an announcement and the receipts.
 */
export default function NoticeDetailPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const detail = useDetail(id, openNotice);
  const { data: notice, setData: setNotice } = detail;
  const [busy, setBusy] = useState(false);

  if (!notice)
    return (
      <DetailStatus
        detail={detail}
        back={
          <Link to="/notices">
            <Button>{t('notices.back')}</Button>
          </Link>
        }
      />
    );

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
      <Link to="/notices">
        <ArrowLeftOutlined /> {t('notices.back')}
      </Link>
      <Card
        size={mobile ? 'small' : undefined}
        title={<span data-testid="notice-detail-title">{notice.title}</span>}
        extra={
          notice.manageable && (
            <Space wrap>
              {notice.state === 'draft' && (
                <Button
                  type="primary"
                  loading={busy}
                  onClick={() => void act('publish')}
                  data-testid="notice-doc-publish"
                >
                  {t('notices.publish')}
                </Button>
              )}
              {notice.state === 'published' && (
                <Popconfirm title={t('notices.withdrawConfirm')} onConfirm={() => void act('withdraw')}>
                  <Button danger loading={busy} data-testid="notice-doc-withdraw">
                    {t('notices.withdraw')}
                  </Button>
                </Popconfirm>
              )}
            </Space>
          )
        }
      >
        <Space size={4} wrap style={{ marginBottom: 12 }}>
          <Tag>{t(`notices.kind.${notice.kind}`)}</Tag>
          <Tag color={STATE_COLORS[notice.state]} data-testid="notice-state">
            {t(`notices.state.${notice.state}`)}
          </Tag>
          <UrgencyTag notice={notice} />
          {notice.readAt && (
            <Tag color="success" data-testid="notice-read">
              {t('notices.read')} · {formatTime(notice.readAt, locale)}
            </Tag>
          )}
        </Space>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', fontSize: 16 }} data-testid="notice-detail-body">
          {notice.body}
        </Typography.Paragraph>
        <Descriptions
          size="small"
          column={mobile ? 1 : 2}
          items={[
            { key: 'author', label: t('notices.author'), children: notice.authorName ?? '—' },
            { key: 'published', label: t('notices.publishedAt'), children: formatTime(notice.publishedAt, locale) },
            { key: 'region', label: t('notices.region'), children: notice.regionName ?? '—' },
            ...(notice.kind === 'internal'
              ? [
                  {
                    key: 'roles',
                    label: t('notices.roles'),
                    children: notice.roles.length
                      ? notice.roles.map((r) => t(`role.${r}`)).join('、')
                      : t('notices.allRoles'),
                  },
                ]
              : []),
            ...(notice.slug && notice.state === 'published'
              ? [
                  {
                    key: 'link',
                    label: t('notices.publicLink'),
                    children: (
                      <Typography.Link
                        href={announcementUrl(notice.slug)}
                        target="_blank"
                        copyable={{ text: announcementUrl(notice.slug) }}
                        data-testid="notice-public-link"
                      >
                        <LinkOutlined /> /a/{notice.slug}
                      </Typography.Link>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {notice.manageable && notice.kind === 'internal' && notice.state !== 'draft' && (
        <Card size={mobile ? 'small' : undefined} title={t('notices.receipts')}>
          <ReceiptsPanel noticeId={notice.id} />
        </Card>
      )}
    </Space>
  );
}
