import { SearchOutlined } from '@ant-design/icons';
import { Empty, Input, Space, Spin, Switch, Tag, Tree, Typography, type TreeDataNode } from 'antd';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Region } from '../../../shared/regions';
import { useI18n, type Translate } from '../../app/i18n';
import { describePath, regionApi, type RegionRow, type StatusFilter } from './regionApi';
import type { RegionTreeState } from './useRegionTree';

/** A node's name as tests find it: `<span data-testid="region-node-<code>">name</span>`. */
export function RegionName({ region, t }: { region: Region; t: Translate }) {
  const retired = region.status === 'retired';
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      <span
        data-testid={`region-node-${region.code}`}
        style={retired ? { color: '#999', textDecoration: 'line-through' } : undefined}
      >
        {region.name}
      </span>
      {retired && (
        <Tag style={{ marginInlineStart: 6 }} variant="filled">
          {t('regionStatus.retired')}
        </Tag>
      )}
    </span>
  );
}

interface Props {
  tree: RegionTreeState;
  status: StatusFilter;
  onStatusChange: (status: StatusFilter) => void;
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  onError: (err: unknown) => void;
  toolbar?: ReactNode;
}

/**
 * Left side of the regions page: the lazily loaded tree of the user's jurisdiction, and a search
 * box (name, code, pinyin, initials such as `gt` → 古陶镇) whose hits replace the tree while it has text.
 */
export function RegionTreePanel({ tree, status, onStatusChange, selectedId, onSelect, onError, toolbar }: Props) {
  const { t } = useI18n();
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<RegionRow[] | null>(null);
  const [searching, setSearching] = useState(false);
  const trimmed = query.trim();
  const under = tree.roots?.length === 1 ? tree.roots[0]?.id : undefined;

  useEffect(() => {
    if (!trimmed) {
      setHits(null);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      setSearching(true);
      regionApi
        .search(trimmed, under, status)
        .then((items) => !cancelled && setHits(items))
        .catch((err: unknown) => !cancelled && onError(err))
        .finally(() => !cancelled && setSearching(false));
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [trimmed, under, status, onError]);

  const treeData = useMemo(() => {
    const toNode = (region: Region): TreeDataNode => {
      const kids = tree.children[region.id];
      return {
        key: region.id,
        title: (
          <span>
            <RegionName region={region} t={t} />
            <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
              {t(`level.${region.level}`)}
            </Typography.Text>
          </span>
        ),
        isLeaf: kids ? kids.length === 0 : region.childCount === 0,
        children: kids?.map(toNode),
      };
    };
    return (tree.roots ?? []).map(toNode);
  }, [tree.roots, tree.children, t]);

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8, minHeight: 0, height: '100%' }}>
      {toolbar}
      <Input
        data-testid="region-search"
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('regions.searchPlaceholder')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        aria-label={t('regions.searchPlaceholder')}
      />
      <Space size={6}>
        <Switch size="small" checked={status === 'all'} onChange={(on) => onStatusChange(on ? 'all' : 'active')} />
        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
          {t('regions.showRetired')}
        </Typography.Text>
      </Space>
      <div data-testid="region-tree" style={{ flex: 1, minHeight: 160, overflow: 'auto' }}>
        {trimmed ? (
          <SearchHits hits={hits} loading={searching} tree={tree} selectedId={selectedId} onSelect={onSelect} t={t} />
        ) : tree.roots === null ? (
          <Spin style={{ display: 'block', margin: 32 }} />
        ) : tree.roots.length === 0 ? (
          <Empty description={t('regions.treeEmpty')} />
        ) : (
          <Tree
            blockNode
            showLine
            treeData={treeData}
            selectedKeys={selectedId ? [selectedId] : []}
            expandedKeys={tree.expanded}
            loadedKeys={Object.keys(tree.children)}
            onExpand={(keys) => tree.setExpanded(keys.map(String))}
            loadData={(node) => tree.loadChildren(String(node.key))}
            onSelect={(keys, info) => {
              // Clicking the selected node again keeps it selected rather than clearing the detail.
              const key = keys[0] ?? info.node.key;
              onSelect(String(key));
            }}
          />
        )}
      </div>
    </div>
  );
}

function SearchHits({
  hits,
  loading,
  tree,
  selectedId,
  onSelect,
  t,
}: {
  hits: RegionRow[] | null;
  loading: boolean;
  tree: RegionTreeState;
  selectedId: string | undefined;
  onSelect: (id: string) => void;
  t: Translate;
}) {
  if (hits === null) return <Spin style={{ display: 'block', margin: 32 }} />;
  if (!hits.length && !loading)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('regions.searchEmpty')} />;
  return (
    <Spin spinning={loading}>
      <div role="listbox">
        {hits.map((region) => (
          <div
            key={region.id}
            role="option"
            aria-selected={region.id === selectedId}
            tabIndex={0}
            data-testid="region-search-result"
            onClick={() => onSelect(region.id)}
            onKeyDown={(e) => e.key === 'Enter' && onSelect(region.id)}
            style={{
              cursor: 'pointer',
              padding: '6px 8px',
              borderRadius: 4,
              borderBottom: '1px solid #f0f0f0',
              background: region.id === selectedId ? '#e6f0ff' : undefined,
            }}
          >
            <div>
              <RegionName region={region} t={t} />
              <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
                {t(`level.${region.level}`)} · {region.code}
              </Typography.Text>
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
              {describePath(region, (segment) => tree.index.get(segment))}
            </Typography.Text>
          </div>
        ))}
      </div>
    </Spin>
  );
}
