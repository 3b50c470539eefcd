import { TreeSelect } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Region } from '../../../shared/regions';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { describePath, regionApi, type RegionRow } from './regionApi';

interface Props {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** Called with the whole node when one is picked (e.g. to check its code against a move). */
  onPick?: (region: Region | null) => void;
  /** The current value's name, shown before its branch of the tree has been loaded. */
  valueLabel?: string | null;
  /** Nodes that may be expanded but not picked (a node's own subtree when moving it, wrong levels). */
  isDisabled?: (region: Region) => boolean;
  placeholder?: string;
  allowClear?: boolean;
}

interface SimpleNode {
  id: string;
  pId?: string;
  value: string;
  title: string;
  isLeaf: boolean;
  disabled?: boolean;
}

/**
 * A region TreeSelect for forms: the jurisdiction's tree loads level by level as it is expanded;
 * typing searches the server (name, code, pinyin, initials) and lists the hits with their path.
 */
export function RegionPicker({
  id,
  value,
  onChange,
  onPick,
  valueLabel,
  isDisabled,
  placeholder,
  allowClear = true,
}: Props) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [nodes, setNodes] = useState<Map<string, Region>>(new Map());
  const [loaded, setLoaded] = useState<Set<string>>(new Set());
  const [search, setSearch] = useState('');
  const [hits, setHits] = useState<RegionRow[] | null>(null);
  const [picked, setPicked] = useState<Region | null>(null);
  const rootIds = useRef<string[]>([]);

  const addNodes = useCallback((regions: Region[]) => {
    setNodes((prev) => {
      const next = new Map(prev);
      for (const region of regions) next.set(region.id, region);
      return next;
    });
  }, []);

  useEffect(() => {
    regionApi
      .roots()
      .then((roots) => {
        rootIds.current = roots.map((r) => r.id);
        addNodes(roots);
      })
      .catch(feedback.error);
  }, [addNodes, feedback.error]);

  useEffect(() => {
    const q = search.trim();
    if (!q) {
      setHits(null);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      const under = rootIds.current.length === 1 ? rootIds.current[0] : undefined;
      regionApi
        .search(q, under, 'active', 30)
        .then((items) => !cancelled && setHits(items))
        .catch((err: unknown) => !cancelled && feedback.error(err));
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [search, feedback.error]);

  const loadData = useCallback(
    async (node: { value?: string | number | null }) => {
      const parentId = String(node.value);
      if (loaded.has(parentId)) return;
      try {
        addNodes(await regionApi.children(parentId, 'active'));
      } catch (err) {
        feedback.error(err);
      }
      setLoaded((prev) => new Set(prev).add(parentId));
    },
    [loaded, addNodes, feedback.error],
  );

  const treeData = useMemo<SimpleNode[]>(() => {
    const label = (region: Region) => `${region.name}（${t(`level.${region.level}`)}）`;
    if (hits) {
      return hits.map((region) => {
        const path = describePath(
          region,
          (segment) => nodes.get(segment) ?? [...nodes.values()].find((r) => r.code === segment),
        );
        return {
          id: region.id,
          value: region.id,
          title: path ? `${label(region)} · ${path}` : label(region),
          isLeaf: true,
          disabled: isDisabled?.(region),
        };
      });
    }
    const list: SimpleNode[] = [...nodes.values()].map((region) => ({
      id: region.id,
      pId: region.parentId && nodes.has(region.parentId) ? region.parentId : undefined,
      value: region.id,
      title: label(region),
      isLeaf:
        region.childCount === 0 ||
        (loaded.has(region.id) && ![...nodes.values()].some((r) => r.parentId === region.id)),
      disabled: isDisabled?.(region),
    }));
    // The current value may sit in a branch nobody has opened yet: show it by name, not by id.
    const current = value ?? undefined;
    if (current && !nodes.has(current)) {
      const title = picked?.id === current ? label(picked) : (valueLabel ?? current);
      list.push({ id: current, value: current, title, isLeaf: true });
    }
    return list;
  }, [hits, nodes, loaded, isDisabled, value, valueLabel, picked, t]);

  return (
    <TreeSelect
      id={id}
      value={value ?? undefined}
      allowClear={allowClear}
      showSearch
      searchValue={search}
      onSearch={setSearch}
      filterTreeNode={false}
      treeDataSimpleMode
      treeData={treeData}
      loadData={hits ? undefined : loadData}
      treeLoadedKeys={[...loaded]}
      placeholder={placeholder ?? t('picker.placeholder')}
      popupMatchSelectWidth={false}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 24px)', minWidth: 280 } } }}
      listHeight={320}
      onChange={(next: string | undefined) => {
        const id = next ?? null;
        const region = id ? (nodes.get(id) ?? hits?.find((r) => r.id === id) ?? null) : null;
        if (region && !nodes.has(region.id)) setPicked(region);
        setSearch('');
        onChange?.(id);
        onPick?.(region);
      }}
      style={{ width: '100%' }}
    />
  );
}
