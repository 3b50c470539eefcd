import { useCallback, useEffect, useRef, useState } from 'react';
import type { Dashboard } from '../../../shared/rollups';
import { ApiError } from '../../app/api';
import { dashboardApi } from './dashboardApi';

/** The live stream's state: connecting at first, live while events arrive, down while the browser retries. */
export type LiveState = 'connecting' | 'live' | 'down';

/** How long to wait before opening the stream again after the server refused it. */
const STREAM_RETRY_MS = 15_000;

const newer = (a: string | null, b: string | undefined) => a !== null && (b === undefined || Number(a) > Number(b));

/**
 * The big-screen payload of a region, kept current without reloading: the server's stream sends a
 * `rollup` event with the roll-ups' version on connect and whenever a refresh changed a figure; a
 * version newer than the one on screen fetches the payload again. Old data stays up while a
 * refetch runs or fails, so a wall display never goes blank on a network blip.
 */
export function useDashboard(region: string | null) {
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [live, setLive] = useState<LiveState>('connecting');
  const request = useRef(0);
  const inFlight = useRef(false);
  const shown = useRef<Dashboard | null>(null);
  const streamVersion = useRef<string | null>(null);

  const load = useCallback(async () => {
    const mine = ++request.current;
    inFlight.current = true;
    try {
      const next = await dashboardApi.get(region);
      if (mine !== request.current) return;
      shown.current = next;
      setData(next);
      setError(null);
    } catch (err) {
      if (mine !== request.current) return;
      setError(err instanceof ApiError ? err : new ApiError(0, 'BAD_RESPONSE', String(err)));
    } finally {
      if (mine === request.current) inFlight.current = false;
    }
    // a change announced while this request ran: fetch once more
    if (mine === request.current && newer(streamVersion.current, shown.current?.version)) void load();
  }, [region]);

  const loadRef = useRef(load);
  loadRef.current = load;

  // the previous region stays on screen, under its own name, until the new one has arrived
  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      source = new EventSource(dashboardApi.streamUrl);
      source.addEventListener('rollup', (event) => {
        setLive('live');
        try {
          streamVersion.current = String(
            (JSON.parse((event as MessageEvent<string>).data) as { version: string }).version,
          );
        } catch {
          return;
        }
        if (!inFlight.current && newer(streamVersion.current, shown.current?.version)) void loadRef.current();
      });
      source.onopen = () => setLive('live');
      source.onerror = () => {
        setLive('down');
        // a dropped connection is retried by the browser; a refused one (a proxy's 502, a lapsed
        // session) closes for good, so try again later — the refetch sends a lapsed session to login
        if (source?.readyState === EventSource.CLOSED) {
          source.close();
          retry = setTimeout(() => {
            void loadRef.current();
            connect();
          }, STREAM_RETRY_MS);
        }
      };
    };
    connect();
    return () => {
      clearTimeout(retry);
      source?.close();
    };
  }, []);

  return { data, error, live, reload: load };
}
