import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Region } from '../../../shared/regions';
import { regionApi, type StatusFilter } from './regionApi';

/**
 * The lazily loaded region tree: the roots of the user's jurisdiction, and each node's children
 * once it has been expanded. Changing `status` (show retired or not) starts again from the roots.
 */
export function useRegionTree(status: StatusFilter, onError: (err: unknown) => void) {
  const [roots, setRoots] = useState<Region[] | null>(null);
  const [children, setChildren] = useState<Record<string, Region[]>>({});
  const [expanded, setExpanded] = useState<string[]>([]);
  const errorRef = useRef(onError);
  errorRef.current = onError;
  const childrenRef = useRef(children);
  childrenRef.current = children;

  const reset = useCallback(() => {
    setChildren({});
    regionApi
      .roots()
      .then(async (items) => {
        // Roots come back active-only; with "show retired" they are still the same nodes.
        setRoots(items);
        if (items.length === 1 && items[0]) {
          const only = items[0];
          const kids = await regionApi.children(only.id, status);
          setChildren({ [only.id]: kids });
          setExpanded((keys) => (keys.includes(only.id) ? keys : [...keys, only.id]));
        }
      })
      .catch((err: unknown) => {
        setRoots([]);
        errorRef.current(err);
      });
  }, [status]);

  useEffect(reset, [reset]);

  const loadChildren = useCallback(
    async (id: string) => {
      if (childrenRef.current[id]) return;
      try {
        const kids = await regionApi.children(id, status);
        setChildren((prev) => ({ ...prev, [id]: kids }));
      } catch (err) {
        errorRef.current(err);
        setChildren((prev) => ({ ...prev, [id]: [] }));
      }
    },
    [status],
  );

  /** Fetch a node's children again (after a create, rename, move, retire under it). */
  const reloadChildren = useCallback(
    async (id: string | null) => {
      if (id === null) return reset();
      if (!childrenRef.current[id]) return;
      try {
        const kids = await regionApi.children(id, status);
        setChildren((prev) => ({ ...prev, [id]: kids }));
      } catch (err) {
        errorRef.current(err);
      }
    },
    [status, reset],
  );

  /** Open the tree down to a node: load each ancestor's children in turn and expand it. */
  const expandTo = useCallback(
    async (ancestorIds: string[]) => {
      const keys: string[] = [];
      for (const id of ancestorIds) {
        const known =
          roots?.some((r) => r.id === id) ||
          Object.values(childrenRef.current).some((list) => list.some((r) => r.id === id));
        if (!known) continue;
        if (!childrenRef.current[id]) {
          try {
            const kids = await regionApi.children(id, status);
            childrenRef.current = { ...childrenRef.current, [id]: kids };
            setChildren((prev) => ({ ...prev, [id]: kids }));
          } catch (err) {
            errorRef.current(err);
            break;
          }
        }
        keys.push(id);
      }
      if (keys.length) setExpanded((prev) => [...new Set([...prev, ...keys])]);
    },
    [roots, status],
  );

  /** Every loaded node by id and by code, for breadcrumbs of search hits. */
  const index = useMemo(() => {
    const map = new Map<string, Region>();
    for (const region of [...(roots ?? []), ...Object.values(children).flat()]) {
      map.set(region.id, region);
      map.set(region.code, region);
    }
    return map;
  }, [roots, children]);

  return { roots, children, expanded, setExpanded, loadChildren, reloadChildren, expandTo, reset, index };
}

export type RegionTreeState = ReturnType<typeof useRegionTree>;
