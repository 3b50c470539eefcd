import type { Locale, Role } from '../../../shared/enums';

/**
 * Sessions resolved in the last few seconds, so that a busy client (a checkpoint tablet posting a
 * passage a second) does not cost a session lookup per request. Within this process an entry is
 * dropped the moment its session ends or its user changes: logout, password change, a user disabled
 * (all of which delete sessions, see session.repository.ts), and any successful change made through
 * the users or regions API (role, jurisdiction, region moves — see session.hook.ts). Another server
 * process sharing the database sees such a change at most SESSION_CACHE_MS later.
 */
const SESSION_CACHE_MS = 5_000;
const MAX_ENTRIES = 10_000;

/**
 * A live session with what it says of its user (session.repository.ts reads it; declared here, so
 * that the cache, which the repository keeps in step, does not import the repository back).
 */
export interface LiveSession {
  session_id: string;
  last_seen_at: string;
  expires_at: string;
  id: string;
  username: string;
  display_name: string;
  role: Role;
  region_id: string | null;
  region_path: string;
  locale: Locale;
  must_change_password: number | undefined;
}

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
