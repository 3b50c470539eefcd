import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import type { Config } from '../../config';
import { AppError } from '../../errors';
import type { Actor } from '../../http/actor';
import type { ChangePasswordInput, LoginInput } from '../../../shared/users';
import { passwordIsStrong } from '../../../shared/users';
import { audit } from '../audit/audit.service';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password';
import { deleteSession, deleteSessionsOfUser, findLiveSession, insertSession, touchSession } from './session.repository';
import { cachedSession, rememberSession } from './session-cache';

/** Five failed logins in a row lock the account for fifteen minutes. */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
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
 * Check a username and password and open a session. Failures count toward the lockout; a locked
 * account is refused even with the right password until the lock expires. Sessions live in the
 * database, so any server process behind the proxy can serve the next request.
 */
export async function login(db: Db, clock: Clock, config: Config, input: LoginInput, meta: RequestMeta) {
  const now = clock.now();
  const nowIso = now.toISOString();
  const user = await db.selectFrom('users').selectAll().where('username', '=', input.username).executeTakeFirst();
  if (!user) {
    await verifyPassword(await dummyPasswordHash(), input.password);
    await audit(db, clock, null, { action: 'auth.login_failed', details: { username: input.username, reason: 'unknown user', ip: meta.ip } });
    throw new AppError('BAD_CREDENTIALS');
  }
  const who = { id: user.id, username: user.username, ...meta };
  if (user.locked_until && user.locked_until > nowIso) {
    await audit(db, clock, who, { action: 'auth.login_refused_locked', entityType: 'user', entityId: user.id, regionPath: user.region_path });
    throw new AppError('ACCOUNT_LOCKED', { lockedUntil: user.locked_until });
  }
  if (!(await verifyPassword(user.password_hash, input.password))) {
    const failures = user.failed_logins + 1;
    const lock = failures >= MAX_FAILED_LOGINS;
    const lockedUntil = lock ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : null;
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('users')
        .set({ failed_logins: lock ? 0 : failures, locked_until: lockedUntil, updated_at: nowIso })
        .where('id', '=', user.id)
        .execute();
      await audit(trx, clock, who, {
        action: lock ? 'auth.locked' : 'auth.login_failed',
        entityType: 'user', entityId: user.id, regionPath: user.region_path, details: { failures },
      });
    });
    if (lock) throw new AppError('ACCOUNT_LOCKED', { lockedUntil });
    throw new AppError('BAD_CREDENTIALS', { attemptsLeft: MAX_FAILED_LOGINS - failures });
  }
  if (user.status !== 'active') throw new AppError('ACCOUNT_DISABLED');

  const token = randomBytes(32).toString('base64url');
  const sessionId = sessionIdOf(token);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null, last_login_at: nowIso, updated_at: nowIso })
      .where('id', '=', user.id)
      .execute();
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

/** Change one's own password; every other session of the user is closed. */
export async function changePassword(db: Db, clock: Clock, actor: Actor, sessionId: string, input: ChangePasswordInput) {
  const user = await db.selectFrom('users').select(['password_hash']).where('id', '=', actor.id).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.oldPassword))) throw new AppError('BAD_CREDENTIALS');
  if (!passwordIsStrong(input.newPassword)) throw new AppError('PASSWORD_WEAK');
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash, updated_at: clock.now().toISOString() }).where('id', '=', actor.id).execute();
    await deleteSessionsOfUser(trx, actor.id, sessionId);
    await audit(trx, clock, actor, { action: 'auth.password_changed', entityType: 'user', entityId: actor.id, regionPath: actor.regionPath });
  });
}
