import { useCallback, useEffect, useRef, useState, type SetStateAction } from 'react';
import { ApiError } from './api';
import { detailRequests, type DetailState } from './detailRequests';
import { useFeedback } from './feedback';

export interface DetailOptions<T> {
  /** Which failures mean "no such record"; by default a 404. */
  isMissing?: (err: unknown) => boolean;
  /** Runs with each record that arrives for the current id (to seed form state from it). */
  onLoaded?: (data: T) => void;
}

/** What a detail view renders from: the record, where its loading stands, and how to refresh or replace it. */
export interface Detail<T> {
  data: T | null;
  loading: boolean;
  missing: boolean;
  failed: boolean;
  reload: () => void;
  setData: (value: SetStateAction<T | null>) => void;
}

const isNotFound = (err: unknown) => err instanceof ApiError && err.status === 404;

/**
 * One record of a detail page or drawer, loaded by `fetch(id)` whenever `id` changes. A late answer
 * for an id the user has already left is ignored; a 404 sets `missing`; other failures are toasted
 * and set `failed` (the page offers `reload`). Render the loading / 404 / error states with
 * `<DetailStatus>` while `data` is null.
 */
export function useDetail<T>(id: string, fetch: (id: string) => Promise<T>, options: DetailOptions<T> = {}): Detail<T> {
  const feedback = useFeedback();
  const latest = useRef({ fetch, options, feedback });
  latest.current = { fetch, options, feedback };
  const [state, setState] = useState<DetailState<T> | null>(null);
  const [requests] = useState(() =>
    detailRequests<T>((recordId) => latest.current.fetch(recordId), setState, {
      isMissing: (err) => (latest.current.options.isMissing ?? isNotFound)(err),
      onError: (err) => latest.current.feedback.error(err),
      onLoaded: (data) => latest.current.options.onLoaded?.(data),
    }),
  );

  useEffect(() => {
    void requests.load(id);
    return requests.cancel;
  }, [id, requests]);

  const reload = useCallback(() => void requests.load(id), [id, requests]);
  // Between a change of id and the effect that loads it, the state still describes the old record.
  const current = state !== null && state.id === id;
  return {
    data: current ? state.data : null,
    loading: !current || state.loading,
    missing: current && state.missing,
    failed: current && state.failed,
    reload,
    setData: requests.setData,
  };
}
