import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type Page, type Query } from './api';

/**
 * A cursor-paginated list: the first page loads when `query` changes (compared by value), more with
 * `loadMore()`. `reload()`, or a new `refreshKey`, starts again from the first page.
 */
export function usePaged<T>(path: string | null, query: Query, onError?: (err: unknown) => void, refreshKey: unknown = 0) {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(query);
  const request = useRef(0);
  const errorRef = useRef(onError);
  errorRef.current = onError;

  useEffect(() => {
    if (!path) {
      setItems([]);
      setCursor(null);
      return;
    }
    const id = ++request.current;
    setLoading(true);
    api
      .get<Page<T>>(path, JSON.parse(key) as Query)
      .then((page) => {
        if (id !== request.current) return;
        setItems(page.items);
        setCursor(page.nextCursor);
      })
      .catch((err: unknown) => id === request.current && errorRef.current?.(err))
      .finally(() => id === request.current && setLoading(false));
  }, [path, key, generation, refreshKey]);

  const loadMore = useCallback(() => {
    if (!path || !cursor) return;
    const id = ++request.current;
    setLoading(true);
    api
      .get<Page<T>>(path, { ...(JSON.parse(key) as Query), cursor })
      .then((page) => {
        if (id !== request.current) return;
        setItems((prev) => [...prev, ...page.items]);
        setCursor(page.nextCursor);
      })
      .catch((err: unknown) => id === request.current && errorRef.current?.(err))
      .finally(() => id === request.current && setLoading(false));
  }, [path, key, cursor]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  return { items, setItems, loading, hasMore: cursor !== null, loadMore, reload };
}
