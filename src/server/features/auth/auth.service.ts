import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import type { Config } from '../../config';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import type { ChangePasswordInput, LoginInput } from '../../../shared/users';
import { assertPasswordAcceptable } from './password-strength';
import { audit } from '../audit';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password';
import { deleteExpiredSessions, deleteSession, deleteSessionsOfUser, findLiveSession, insertSession, touchSession } from './session.repository';
import { cachedSession, forgetSession, rememberSession } from './session-cache';
import { assertMayTryLogin, recordLoginFailure, recordLoginSuccess } from './login-throttle';

/** Sessions slide forward with use; the last-seen time is written at most this often. */
const TOUCH_EVERY_MS = 5 * 60_000;

export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

/**
 * Check a username and password and open a session. Throttling (login-throttle.ts) comes first and
 * is keyed by the name as typed, and an unknown name is checked against a dummy hash, so a wrong
 * password for a real user and any password for a name that does not exist get the same answer in
 * comparable time. Sessions live in the database, so any server process can serve the next request.
 */
export async function login(db: Db, clock: Clock, config: Config, input: LoginInput, meta: RequestMeta) {
  const now = clock.now();
  const nowIso = now.toISOString();
  await assertMayTryLogin(db, now, input.username, meta.ip);
  const user = await db.selectFrom('users').selectAll().where('username', '=', input.username).executeTakeFirst();
  const passwordOk = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!user || !passwordOk) {
    const outcome = await db.transaction().execute(async (trx) => {
      const result = await recordLoginFailure(trx, now, input.username, meta.ip);
      const details = { failures: result.failures, ...(result.lockedUntil && { lockedUntil: result.lockedUntil }), ip: meta.ip };
      if (!user) {
        await audit(trx, clock, null, { action: 'auth.login_failed', details: { username: input.username, reason: 'unknown user', ...details } });
        return result;
      }
      await audit(trx, clock, { id: user.id, username: user.username, ...meta }, {
        action: result.lockedUntil ? 'auth.locked' : 'auth.login_failed', entityType: 'user', entityId: user.id, regionPath: user.region_path, details,
      });
      return result;
    });
    if (outcome.lockedUntil) {
      throw new AppError('ACCOUNT_LOCKED', { lockedUntil: outcome.lockedUntil, retryAfterSeconds: Math.ceil((Date.parse(outcome.lockedUntil) - now.getTime()) / 1000) });
    }
    throw new AppError('BAD_CREDENTIALS', { attemptsLeft: outcome.attemptsLeft });
  }
  const who = { id: user.id, username: user.username, ...meta };
  if (user.status !== 'active') throw new AppError('ACCOUNT_DISABLED');

  const token = randomBytes(32).toString('base64url');
  const sessionId = sessionIdOf(token);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ failed_logins: 0, last_login_at: nowIso, updated_at: nowIso })
      .where('id', '=', user.id)
      .execute();
    await recordLoginSuccess(trx, user.username, meta.ip);
    await insertSession(trx, {
      id: sessionId,
      user_id: user.id,
      created_at: nowIso,
      expires_at: new Date(now.getTime() + config.sessionHours * 3600_000).toISOString(),
      last_seen_at: nowIso,
      ip: meta.ip,
      user_agent: meta.userAgent,
    });
    await audit(trx, clock, who, { action: 'auth.login', entityType: 'user', entityId: user.id, regionPath: user.region_path });
  });
  return { token, userId: user.id };
}

/**
 * The actor behind a session cookie, or null when the session is missing, expired or its user
 * disabled. Answered from the session cache (session-cache.ts) when it was read in the last few seconds.
 */
export async function actorForToken(db: Db, clock: Clock, config: Config, token: string, meta: RequestMeta): Promise<{ actor: Actor; sessionId: string } | null> {
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

export async function logout(db: Db, clock: Clock, actor: Actor, sessionId: string) {
  await db.transaction().execute(async (trx) => {
    await deleteSession(trx, sessionId);
    await audit(trx, clock, actor, { action: 'auth.logout', entityType: 'user', entityId: actor.id, regionPath: actor.regionPath });
  });
}

/**
 * Change one's own password (also how a temporary password set by someone else is replaced); every
 * other session of the user is closed, and this one is read afresh so the change-password demand lifts.
 */
export async function changePassword(db: Db, clock: Clock, actor: Actor, sessionId: string, input: ChangePasswordInput) {
  const user = await db.selectFrom('users').select(['password_hash', 'username', 'display_name']).where('id', '=', actor.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.oldPassword))) throw new AppError('BAD_CREDENTIALS');
  if (input.newPassword === input.oldPassword) throw new AppError('PASSWORD_UNCHANGED');
  assertPasswordAcceptable(input.newPassword, { username: user.username, displayName: user.display_name });
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, must_change_password: 0, updated_at: clock.now().toISOString() }).where('id', '=', actor.id).execute();
    await deleteSessionsOfUser(trx, actor.id, sessionId);
    forgetSession(sessionId);
    await audit(trx, clock, actor, { action: 'auth.password_changed', entityType: 'user', entityId: actor.id, regionPath: actor.regionPath });
  });
}

/**
 * Delete the sessions that have ended (a session ends `QUNFANG_SESSION_HOURS` after its last use):
 * an ended session is never honoured, but its row would otherwise stay for ever. Run every minute by
 * each server process (main.ts); deleting what has already been deleted is harmless.
 */
export async function purgeExpiredSessions(db: Db, clock: Clock): Promise<number> {
  return deleteExpiredSessions(db, clock.now().toISOString());
}
