import type { Db } from '../../db/database';
import { forgetSession, forgetSessionsOfUser, type LiveSession } from './session-cache';

export async function insertSession(
  db: Db,
  row: {
    id: string;
    user_id: string;
    created_at: string;
    expires_at: string;
    last_seen_at: string;
    ip: string | null;
    user_agent: string | null;
  },
) {
  await db.insertInto('sessions').values(row).execute();
}

/** A live session with its active user, or undefined. */
export async function findLiveSession(db: Db, sessionId: string, nowIso: string): Promise<LiveSession | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as session_id',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'users.id',
      'users.username',
      'users.display_name',
      'users.role',
      'users.region_id',
      'users.region_path',
      'users.locale',
      'users.must_change_password',
    ])
    .where('sessions.id', '=', sessionId)
    .where('sessions.expires_at', '>', nowIso)
    .where('users.status', '=', 'active')
    .executeTakeFirst();
}

export async function touchSession(db: Db, sessionId: string, lastSeen: string, expiresAt: string) {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: lastSeen, expires_at: expiresAt })
    .where('id', '=', sessionId)
    .execute();
}

/** Deleting sessions also drops them from this process's session cache (session-cache.ts). */
export async function deleteSession(db: Db, sessionId: string) {
  forgetSession(sessionId);
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: string, exceptSessionId?: string) {
  forgetSessionsOfUser(userId, exceptSessionId);
  await db
    .deleteFrom('sessions')
    .where('user_id', '=', userId)
    .$if(exceptSessionId !== undefined, (qb) => qb.where('id', '!=', exceptSessionId!))
    .execute();
}

/** Delete every session whose end has passed; returns how many. */
export async function deleteExpiredSessions(db: Db, nowIso: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', nowIso).executeTakeFirst();
  return Number(result.numDeletedRows);
}
