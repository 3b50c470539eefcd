import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Space, Tabs } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useMe } from '../../app/auth';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { useIsMobile } from '../../app/useIsMobile';
import { EpisodeCreateModal } from './EpisodeCreateModal';
import { EpisodesTab } from './EpisodesTab';
import { MissedTab } from './MissedTab';
import { NecessitiesTab } from './NecessitiesTab';

const TABS = ['episodes', 'missed', 'necessities'] as const;
type Tab = (typeof TABS)[number];

/** 隔离观察: who is isolated (and who leaves when), missed follow-ups, and households' requests. */
export default function IsolationPage() {
  const me = useMe();
  const { t } = useI18n();
  const mobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '')
    ? (params.get('tab') as Tab)
    : 'episodes';
  const [creating, setCreating] = useState(false);
  const [refreshKey, setRefreshKey] = useState(0);

  return (
    <Card
      size={mobile ? 'small' : undefined}
      title={t('isolation.title')}
      extra={
        <Space wrap>
          {can.isolate(me.role) && (
            <Link to="/isolation/today">
              <Button>{t('nav.isolationToday')}</Button>
            </Link>
          )}
          {can.isolate(me.role) && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="episode-create"
            >
              {t('isolation.create')}
            </Button>
          )}
        </Space>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'episodes' ? {} : { tab: key }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'episodes', label: t('isolation.tab.episodes'), children: <EpisodesTab refreshKey={refreshKey} /> },
          { key: 'missed', label: t('isolation.tab.missed'), children: <MissedTab refreshKey={refreshKey} /> },
          {
            key: 'necessities',
            label: t('isolation.tab.necessities'),
            children: <NecessitiesTab refreshKey={refreshKey} />,
          },
        ]}
      />
      {creating && (
        <EpisodeCreateModal onClose={() => setCreating(false)} onCreated={() => setRefreshKey((k) => k + 1)} />
      )}
    </Card>
  );
}
