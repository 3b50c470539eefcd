import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { api, type Page, type Query } from './api';

/** What a cursor-paginated list hands to its table: the rows so far, and how to get more. */
export interface Paged<T> {
  items: T[];
  loading: boolean;
  hasMore: boolean;
  loadMore: () => void;
}

/**
 * A cursor-paginated list: the first page loads when `query` changes (compared by value), more with
 * `loadMore()`. `reload()`, or a new `refreshKey`, starts again from the first page.
 */
export function usePaged<T>(
  path: string | null,
  query: Query,
  onError?: (err: unknown) => void,
  refreshKey: unknown = 0,
) {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(query);
  // One object per first-page request: a new query, a reload() or a new refreshKey each make one.
  const first = useMemo(
    () => ({ query: JSON.parse(key) as Query, generation, refreshKey }),
    [key, generation, refreshKey],
  );
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
      .get<Page<T>>(path, first.query)
      .then((page) => {
        if (id !== request.current) return;
        setItems(page.items);
        setCursor(page.nextCursor);
      })
      .catch((err: unknown) => id === request.current && errorRef.current?.(err))
      .finally(() => id === request.current && setLoading(false));
  }, [path, first]);

  const loadMore = useCallback(() => {
    if (!path || !cursor) return;
    const id = ++request.current;
    setLoading(true);
    api
      .get<Page<T>>(path, { ...first.query, cursor })
      .then((page) => {
        if (id !== request.current) return;
        setItems((prev) => [...prev, ...page.items]);
        setCursor(page.nextCursor);
      })
      .catch((err: unknown) => id === request.current && errorRef.current?.(err))
      .finally(() => id === request.current && setLoading(false));
  }, [path, first, cursor]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  return { items, setItems, loading, hasMore: cursor !== null, loadMore, reload };
}
