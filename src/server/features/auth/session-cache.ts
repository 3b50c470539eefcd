import type { findLiveSession } from './session.repository';

/**
 * Sessions resolved in the last few seconds, so that a busy client (a checkpoint tablet posting a
 * passage a second) does not cost a session lookup per request. Within this process an entry is
 * dropped the moment its session ends or its user changes: logout, password change, a user disabled
 * (all of which delete sessions, see session.repository.ts), and any successful change made through
 * the users or regions API (role, jurisdiction, region moves — see http/session.ts). Another server
 * process sharing the database sees such a change at most SESSION_CACHE_MS later.
 */
export const SESSION_CACHE_MS = 5_000;
const MAX_ENTRIES = 10_000;

export type LiveSession = NonNullable<Awaited<ReturnType<typeof findLiveSession>>>;

/** Session id (a SHA-256 of a random token, unique across databases) → the row and when it was read. */
const cache = new Map<string, { row: LiveSession; readAt: number }>();

/** The session as read less than SESSION_CACHE_MS ago (by the app's clock) and not expired since, or undefined. */
export function cachedSession(sessionId: string, nowMs: number): LiveSession | undefined {
  const hit = cache.get(sessionId);
  if (!hit) return undefined;
  if (nowMs < hit.readAt || nowMs - hit.readAt >= SESSION_CACHE_MS || Date.parse(hit.row.expires_at) <= nowMs) {
    cache.delete(sessionId);
    return undefined;
  }
  return hit.row;
}

export function rememberSession(sessionId: string, row: LiveSession, nowMs: number): void {
  if (cache.size >= MAX_ENTRIES) cache.clear();
  cache.set(sessionId, { row, readAt: nowMs });
}

export function forgetSession(sessionId: string): void {
  cache.delete(sessionId);
}

export function forgetSessionsOfUser(userId: string, exceptSessionId?: string): void {
  for (const [id, { row }] of cache) if (row.id === userId && id !== exceptSessionId) cache.delete(id);
}

export function forgetAllSessions(): void {
  cache.clear();
}
