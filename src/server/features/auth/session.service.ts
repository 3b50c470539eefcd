import { createHash } from 'node:crypto';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import type { Config } from '../../config';
import type { Actor } from '../../access/actor';
import { deleteExpiredSessions, findLiveSession, touchSession } from './session.repository';
import { cachedSession, rememberSession } from './session-cache';

/** Sessions slide forward with use; the last-seen time is written at most this often. */
const TOUCH_EVERY_MS = 5 * 60_000;

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

/** The session id stored for a cookie token: its SHA-256, so a stolen database yields no live session. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The actor behind a session cookie, or null when the session is missing, expired or its user
 * disabled. Answered from the session cache (session-cache.ts) when it was read in the last few seconds.
 */
export async function actorForToken(
  db: Db,
  clock: Clock,
  config: Config,
  token: string,
  meta: RequestMeta,
): Promise<{ actor: Actor; sessionId: string } | null> {
  const sessionId = sessionIdOf(token);
  const now = clock.now();
  const nowMs = now.getTime();
  let row = cachedSession(sessionId, nowMs);
  if (!row) {
    row = await findLiveSession(db, sessionId, now.toISOString());
    if (!row) return null;
    rememberSession(sessionId, row, nowMs);
  }
  if (nowMs - Date.parse(row.last_seen_at) > TOUCH_EVERY_MS) {
    const expiresAt = new Date(nowMs + config.sessionHours * 3600_000).toISOString();
    await touchSession(db, sessionId, now.toISOString(), expiresAt);
    row.last_seen_at = now.toISOString();
    row.expires_at = expiresAt;
  }
  return {
    sessionId,
    actor: {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      regionId: row.region_id,
      regionPath: row.region_path,
      locale: row.locale,
      mustChangePassword: row.must_change_password === 1,
      ip: meta.ip,
      userAgent: meta.userAgent,
    },
  };
}

/**
 * Delete the sessions that have ended (a session ends `QUNFANG_SESSION_HOURS` after its last use):
 * an ended session is never honoured, but its row would otherwise stay for ever. Run every minute by
 * each server process (main.ts); deleting what has already been deleted is harmless.
 */
export async function purgeExpiredSessions(db: Db, clock: Clock): Promise<number> {
  return deleteExpiredSessions(db, clock.now().toISOString());
}
