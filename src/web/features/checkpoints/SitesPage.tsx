import { CalendarOutlined, EditOutlined, PlusOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { Site } from '../../../shared/checkpoints';
import { MaskedReveal } from '../../app/components/PhoneReveal';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { useIsMobile } from '../../app/useIsMobile';
import { checkpointApi } from './checkpointApi';
import { SiteFormModal } from './SiteFormModal';
import { SitePassages } from './SitePassages';

/** 卡口管理: the checkpoints of the jurisdiction — kind, region, status, lead (phone masked, audited reveal) — with each one's passages and roster. */
export default function SitesPage() {
  const { t } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const [sites, setSites] = useState<Site[] | null>(null);
  const [editing, setEditing] = useState<Site | 'new' | null>(null);
  const [viewing, setViewing] = useState<Site | null>(null);

  const load = useCallback(() => {
    checkpointApi
      .sites()
      .then(setSites)
      .catch((err: unknown) => {
        feedback.error(err);
        setSites([]);
      });
  }, [feedback]);
  useEffect(load, [load]);

  return (
    <Card
      size={mobile ? 'small' : undefined}
      title={t('sites.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="site-add">
          {t('sites.add')}
        </Button>
      }
    >
      <Table<Site>
        data-testid="sites-table"
        size="small"
        rowKey="id"
        loading={sites === null}
        dataSource={sites ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('sites.empty') }}
        columns={[
          {
            title: t('sites.name'),
            dataIndex: 'name',
            fixed: mobile ? 'left' : undefined,
            render: (name: string, s) => (
              <span>
                <Typography.Text strong>{name}</Typography.Text>
                {s.address && (
                  <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                    {s.address}
                  </Typography.Text>
                )}
              </span>
            ),
          },
          { title: t('sites.kind'), dataIndex: 'kind', render: (k: Site['kind']) => t(`siteKind.${k}`) },
          { title: t('sites.region'), dataIndex: 'regionName' },
          { title: t('sites.hours'), dataIndex: 'hours' },
          {
            title: t('sites.status'),
            dataIndex: 'status',
            render: (s: Site['status']) => (
              <Tag color={s === 'active' ? 'green' : 'default'}>{t(`sites.status.${s}`)}</Tag>
            ),
          },
          {
            title: t('sites.lead'),
            key: 'lead',
            render: (_, s) => (
              <Space size={4} wrap>
                {s.leadName ?? '—'}
                {s.leadPhone && (
                  <MaskedReveal
                    masked={s.leadPhone}
                    reveal={() => checkpointApi.revealPhone(s.id)}
                    testId={`site-phone-${s.id}`}
                  />
                )}
              </Space>
            ),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, s) => (
              <Space size={0} wrap>
                <Button
                  size="small"
                  type="link"
                  icon={<UnorderedListOutlined />}
                  onClick={() => setViewing(s)}
                  data-testid={`site-passages-${s.id}`}
                >
                  {t('sites.passages')}
                </Button>
                <Link to={`/checkpoints/roster?siteId=${s.id}`}>
                  <Button size="small" type="link" icon={<CalendarOutlined />}>
                    {t('sites.roster')}
                  </Button>
                </Link>
                <Button
                  size="small"
                  type="link"
                  icon={<EditOutlined />}
                  onClick={() => setEditing(s)}
                  data-testid={`site-edit-${s.id}`}
                >
                  {t('common.edit')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <SiteFormModal
          site={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            load();
          }}
        />
      )}
      {viewing && <SitePassages site={viewing} onClose={() => setViewing(null)} />}
    </Card>
  );
}
