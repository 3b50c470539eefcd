import type { SetStateAction } from 'react';

/** Where a detail view stands: the record it shows (or is loading), and how the last request went. */
export interface DetailState<T> {
  /** The id these fields are about. */
  id: string;
  data: T | null;
  loading: boolean;
  /** The record does not exist, or is outside the user's jurisdiction (the API answers 404 for both). */
  missing: boolean;
  /** The last request failed for another reason (network, server); `reload()` tries again. */
  failed: boolean;
}

export interface DetailRequestOptions<T> {
  /** Which failures mean "no such record" (a 404 page) rather than an error to retry. */
  isMissing: (err: unknown) => boolean;
  /** A failure that is not "missing", or any failure once the record is on screen: tell the user. */
  onError: (err: unknown) => void;
  /** The record arrived (first load or reload) and is the current one. */
  onLoaded?: (data: T) => void;
}

/**
 * The requests behind one detail view, without React (useDetail wraps it). Each `load` supersedes
 * the one before: when the user goes from record A to record B and A's answer arrives late, it is
 * dropped instead of overwriting B. Reloading the same record keeps it on screen meanwhile.
 */
export function detailRequests<T>(
  fetch: (id: string) => Promise<T>,
  publish: (state: DetailState<T>) => void,
  options: DetailRequestOptions<T>,
) {
  let state: DetailState<T> = { id: '', data: null, loading: false, missing: false, failed: false };
  let latest = 0;
  const set = (next: DetailState<T>) => {
    state = next;
    publish(next);
  };

  return {
    current: () => state,

    load(id: string): Promise<void> {
      const ticket = ++latest;
      set(
        state.id === id
          ? { ...state, loading: true }
          : { id, data: null, loading: true, missing: false, failed: false },
      );
      return fetch(id).then(
        (data) => {
          if (ticket !== latest) return;
          set({ id, data, loading: false, missing: false, failed: false });
          options.onLoaded?.(data);
        },
        (err: unknown) => {
          if (ticket !== latest) return;
          const missing = options.isMissing(err);
          // A 404 before anything is shown is the 404 page's to say; anything else is a toast.
          if (!missing || state.data !== null) options.onError(err);
          set({ ...state, loading: false, missing, failed: !missing });
        },
      );
    },

    /** Replace the record on screen with what an action returned (a published notice, a saved report). */
    setData(value: SetStateAction<T | null>): void {
      set({
        ...state,
        data: typeof value === 'function' ? (value as (prev: T | null) => T | null)(state.data) : value,
      });
    },

    /** Drop whatever is in flight: the view is going away or moving to another record. */
    cancel(): void {
      latest++;
    },
  };
}
