import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Progress, Table, Tag } from 'antd';
import { useCallback, useEffect, useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import type { IsolationSite } from '../../../shared/isolation';
import { useMe } from '../../app/auth';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { useIsMobile } from '../../app/useIsMobile';
import { isolationApi } from './isolationApi';
import { SiteFormModal } from './SiteModals';

/** 隔离点: the centralised isolation sites in my jurisdiction with rooms, places and how many are taken. */
export default function IsolationSitesPage() {
  const me = useMe();
  const { t } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const [sites, setSites] = useState<IsolationSite[] | null>(null);
  const [editing, setEditing] = useState<IsolationSite | 'new' | null>(null);
  const manage = can.manageIsolationSites(me.role);

  const load = useCallback(() => {
    isolationApi
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
      title={t('isolationSites.title')}
      extra={
        manage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setEditing('new')}
            data-testid="isolation-site-add"
          >
            {t('isolationSites.add')}
          </Button>
        )
      }
    >
      <Table<IsolationSite>
        data-testid="isolation-sites"
        rowKey="id"
        size="middle"
        loading={sites === null}
        dataSource={sites ?? []}
        pagination={false}
        scroll={mobile ? { x: 600 } : undefined}
        locale={{ emptyText: t('isolation.noSites') }}
        onRow={(row) => ({ 'data-testid': `isolation-site-${row.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('isolationSites.name'),
            dataIndex: 'name',
            render: (v: string, row) => <Link to={`/isolation/sites/${row.id}`}>{v}</Link>,
          },
          {
            title: t('isolationSites.region'),
            dataIndex: 'regionName',
            width: 120,
            render: (v: string | null) => v ?? '—',
          },
          {
            title: t('isolationSites.contact'),
            key: 'contact',
            width: 170,
            render: (_, row) => [row.contactName, row.contactPhone].filter(Boolean).join(' ') || '—',
          },
          { title: t('isolationSites.rooms'), dataIndex: 'rooms', width: 70, align: 'right' },
          { title: t('isolationSites.capacity'), dataIndex: 'capacity', width: 70, align: 'right' },
          {
            title: t('isolationSites.occupied'),
            key: 'occupied',
            width: 170,
            render: (_, row) => (
              <span>
                {row.occupied} / {row.capacity}
                <Progress
                  percent={row.capacity ? Math.round((row.occupied / row.capacity) * 100) : 0}
                  size="small"
                  showInfo={false}
                  status={row.occupied >= row.capacity && row.capacity > 0 ? 'exception' : 'normal'}
                />
              </span>
            ),
          },
          {
            title: t('isolationSites.status'),
            dataIndex: 'status',
            width: 80,
            render: (v: 'active' | 'closed') => (
              <Tag color={v === 'active' ? 'green' : 'default'}>{t(`isolationSites.status.${v}`)}</Tag>
            ),
          },
          ...(manage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 80,
                  render: (_: unknown, row: IsolationSite) => (
                    <Button
                      size="small"
                      icon={<EditOutlined />}
                      onClick={() => setEditing(row)}
                      aria-label={t('common.edit')}
                    />
                  ),
                },
              ]
            : []),
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
    </Card>
  );
}
