import {
  DeleteOutlined,
  EditOutlined,
  PlusOutlined,
  RollbackOutlined,
  StopOutlined,
  SwapOutlined,
} from '@ant-design/icons';
import { App, Breadcrumb, Button, Card, Descriptions, Space, Tag, Typography } from 'antd';
import { childLevelOf } from '../../../shared/enums';
import type { Region } from '../../../shared/regions';
import { api, ApiError } from '../../app/api';
import { useMe } from '../../app/auth';
import { PagedTable } from '../../app/components/PagedTable';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { usePaged } from '../../app/usePaged';
import { useIsMobile } from '../../app/useIsMobile';
import type { RegionDetail as Detail } from './regionApi';

export type RegionAction = 'create' | 'rename' | 'move';

interface Props {
  region: Detail;
  canEdit: boolean;
  /** Bumped by the page after a change below this node, to refetch the children table. */
  version: number;
  onSelect: (id: string) => void;
  onOpen: (action: RegionAction) => void;
  /** After retire / restore / delete: the page refreshes the tree (and leaves a deleted node). */
  onChanged: (change: 'retired' | 'restored' | 'deleted') => void;
}

/** A breadcrumb step to go back to: a link-styled button (reachable by keyboard), no taller than the text. */
const CRUMB = { padding: 0, height: 'auto' } as const;

/** Right side of the regions page: one node's facts, breadcrumb, actions and children. */
export function RegionDetail({ region, canEdit, version, onSelect, onOpen, onChanged }: Props) {
  const me = useMe();
  const { t, locale } = useI18n();
  const { modal } = App.useApp();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const childLevel = childLevelOf(region.level);
  const active = region.status === 'active';
  // The top of the user's own jurisdiction can be renamed and given children, but not moved,
  // retired or deleted from under them; ancestors above it are shown but cannot be opened.
  const ownRoot = me.region?.id === region.id;
  const scopeStart = me.region ? region.ancestors.findIndex((a) => a.id === me.region?.id) : 0;
  const inScope = (index: number) => scopeStart >= 0 && index >= scopeStart;
  const children = usePaged<Region>(
    '/regions',
    { parentId: region.id, status: 'all', limit: 100 },
    feedback.error,
    version,
  );

  const retire = () =>
    modal.confirm({
      title: t('regions.retire'),
      content: t('regions.retireConfirm', { name: region.name }),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await api.post(`/regions/${region.id}/retire`);
          feedback.success(t('regions.retired'));
          onChanged('retired');
        } catch (err) {
          feedback.error(err);
        }
      },
    });

  const restore = () =>
    modal.confirm({
      title: t('regions.restore'),
      content: t('regions.restoreConfirm', { name: region.name }),
      onOk: async () => {
        try {
          await api.post(`/regions/${region.id}/restore`);
          feedback.success(t('regions.restored'));
          onChanged('restored');
        } catch (err) {
          feedback.error(err);
        }
      },
    });

  const remove = () =>
    modal.confirm({
      title: t('regions.delete'),
      content: t('regions.deleteConfirm', { name: region.name }),
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          await api.delete(`/regions/${region.id}`);
          feedback.success(t('common.deleted'));
          onChanged('deleted');
        } catch (err) {
          // A node that still holds data can only be retired (its history must stay).
          if (err instanceof ApiError && err.code === 'REGION_HAS_DATA' && active) {
            modal.confirm({
              title: t('regions.hasDataTitle'),
              content: err.message,
              okText: t('regions.hasDataRetire'),
              onOk: async () => {
                try {
                  await api.post(`/regions/${region.id}/retire`);
                  feedback.success(t('regions.retired'));
                  onChanged('retired');
                } catch (retireErr) {
                  feedback.error(retireErr);
                }
              },
            });
          } else feedback.error(err);
        }
      },
    });

  const actions = canEdit && (
    <Space wrap size={[8, 8]}>
      {childLevel && active && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => onOpen('create')} data-testid="region-add-child">
          {t('regions.addChild')}
        </Button>
      )}
      <Button icon={<EditOutlined />} onClick={() => onOpen('rename')} data-testid="region-rename">
        {t('regions.rename')}
      </Button>
      {region.parentId && !ownRoot && (
        <Button icon={<SwapOutlined />} onClick={() => onOpen('move')} data-testid="region-move">
          {t('regions.move')}
        </Button>
      )}
      {ownRoot ? null : active ? (
        <Button icon={<StopOutlined />} onClick={retire} data-testid="region-retire">
          {t('regions.retire')}
        </Button>
      ) : (
        <Button icon={<RollbackOutlined />} onClick={restore} data-testid="region-restore">
          {t('regions.restore')}
        </Button>
      )}
      {!ownRoot && (
        <Button danger icon={<DeleteOutlined />} onClick={remove} data-testid="region-delete">
          {t('regions.delete')}
        </Button>
      )}
    </Space>
  );

  return (
    <div
      data-testid="region-detail"
      data-region-id={region.id}
      style={{ scrollMarginTop: 72, display: 'flex', flexDirection: 'column', gap: 16 }}
    >
      <Card size="small">
        <Breadcrumb
          style={{ marginBottom: 8 }}
          items={[
            ...region.ancestors.map((a, index) => ({
              title: inScope(index) ? (
                <Button
                  type="link"
                  size="small"
                  style={CRUMB}
                  onClick={() => onSelect(a.id)}
                  data-testid={`region-crumb-${a.code}`}
                >
                  {a.name}
                </Button>
              ) : (
                <span data-testid={`region-crumb-${a.code}`}>{a.name}</span>
              ),
            })),
            { title: region.name },
          ]}
        />
        <Space align="center" wrap style={{ marginBottom: 12 }}>
          <Typography.Title level={4} style={{ margin: 0 }} data-testid="region-detail-name">
            {region.name}
          </Typography.Title>
          <Tag color="blue">{t(`level.${region.level}`)}</Tag>
          <Tag color={active ? 'green' : 'default'} data-testid="region-detail-status">
            {t(`regionStatus.${region.status}`)}
          </Tag>
        </Space>
        <Descriptions
          size="small"
          column={mobile ? 1 : 3}
          items={[
            {
              key: 'code',
              label: t('regions.code'),
              children: (
                <Typography.Text copyable data-testid="region-detail-code">
                  {region.code}
                </Typography.Text>
              ),
            },
            { key: 'level', label: t('regions.level'), children: t(`level.${region.level}`) },
            { key: 'updated', label: t('regions.updatedAt'), children: formatTime(region.updatedAt, locale) },
          ]}
        />
        {actions && <div style={{ marginTop: 12 }}>{actions}</div>}
      </Card>

      {childLevel && (
        <Card size="small" title={`${t('regions.children')} · ${t(`level.${childLevel}`)}`}>
          <PagedTable<Region>
            list={children}
            data-testid="region-children"
            size="small"
            rowKey="id"
            scroll={{ x: 520 }}
            locale={{ emptyText: t('regions.noChildren') }}
            onRow={(row) => ({ onClick: () => onSelect(row.id), style: { cursor: 'pointer' } })}
            columns={[
              {
                title: t('regions.name'),
                key: 'name',
                render: (_, row) => (
                  <Typography.Link>
                    <RegionNameOnly region={row} />
                  </Typography.Link>
                ),
              },
              { title: t('regions.code'), dataIndex: 'code', width: 170 },
              {
                title: t('regions.status'),
                dataIndex: 'status',
                width: 90,
                render: (status: Region['status']) => (
                  <Tag color={status === 'active' ? 'green' : 'default'}>{t(`regionStatus.${status}`)}</Tag>
                ),
              },
              { title: t('regions.childCount'), dataIndex: 'childCount', width: 90, render: (n?: number) => n ?? '—' },
            ]}
          />
        </Card>
      )}
    </div>
  );
}

/** A child's name in the table; unlike the tree, it carries no test id (the tree owns region-node-*). */
function RegionNameOnly({ region }: { region: Region }) {
  return (
    <span style={region.status === 'retired' ? { color: '#999', textDecoration: 'line-through' } : undefined}>
      {region.name}
    </span>
  );
}
