import { useEffect, useState } from 'react';
import { api, type Page, type Query } from './api';

/**
 * Items of a cursor-paginated list endpoint matching what the user types, debounced: the first
 * page of `GET /api<path>?q=…` for a remote-search Select.
 */
export function useRemoteSearch<T>(path: string, extra: Query = {}, limit = 20) {
  const [q, setQ] = useState('');
  const [items, setItems] = useState<T[]>([]);
  const [loading, setLoading] = useState(false);
  const extraKey = JSON.stringify(extra);

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      setLoading(true);
      api
        .get<Page<T>>(path, { ...(JSON.parse(extraKey) as Query), q: q.trim() || undefined, limit })
        .then((page) => !cancelled && setItems(page.items))
        .catch(() => !cancelled && setItems([]))
        .finally(() => !cancelled && setLoading(false));
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [path, extraKey, limit, q]);

  return { items, loading, setQ };
}
