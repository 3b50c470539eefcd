import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import type { Config } from '../../config';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import type { ChangePasswordInput, LoginInput } from '../../../shared/users';
import { audit } from '../audit';
import { findUserCredentials, findUserForLogin, recordUserLogin, setOwnPassword } from '../users';
import { assertPasswordAcceptable } from './password-strength';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password';
import { deleteSession, deleteSessionsOfUser, insertSession } from './session.repository';
import { forgetSession } from './session-cache';
import { assertMayTryLogin, recordLoginFailure, recordLoginSuccess } from './login-throttle';
import { sessionIdOf, type RequestMeta } from './session.service';

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
  const user = await findUserForLogin(db, input.username);
  const passwordOk = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash()), input.password);
  if (!user || !passwordOk) {
    const outcome = await db.transaction().execute(async (trx) => {
      const result = await recordLoginFailure(trx, now, input.username, meta.ip);
      const details = {
        failures: result.failures,
        ...(result.lockedUntil && { lockedUntil: result.lockedUntil }),
        ip: meta.ip,
      };
      if (!user) {
        await audit(trx, clock, null, {
          action: 'auth.login_failed',
          details: { username: input.username, reason: 'unknown user', ...details },
        });
        return result;
      }
      await audit(
        trx,
        clock,
        { id: user.id, username: user.username, ...meta },
        {
          action: result.lockedUntil ? 'auth.locked' : 'auth.login_failed',
          entityType: 'user',
          entityId: user.id,
          regionPath: user.region_path,
          details,
        },
      );
      return result;
    });
    if (outcome.lockedUntil) {
      throw new AppError('ACCOUNT_LOCKED', {
        lockedUntil: outcome.lockedUntil,
        retryAfterSeconds: Math.ceil((Date.parse(outcome.lockedUntil) - now.getTime()) / 1000),
      });
    }
    throw new AppError('BAD_CREDENTIALS', { attemptsLeft: outcome.attemptsLeft });
  }
  const who = { id: user.id, username: user.username, ...meta };
  if (user.status !== 'active') throw new AppError('ACCOUNT_DISABLED');

  const token = randomBytes(32).toString('base64url');
  const sessionId = sessionIdOf(token);
  await db.transaction().execute(async (trx) => {
    await recordUserLogin(trx, user.id, nowIso);
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
    await audit(trx, clock, who, {
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      regionPath: user.region_path,
    });
  });
  return { token, userId: user.id };
}

export async function logout(db: Db, clock: Clock, actor: Actor, sessionId: string) {
  await db.transaction().execute(async (trx) => {
    await deleteSession(trx, sessionId);
    await audit(trx, clock, actor, {
      action: 'auth.logout',
      entityType: 'user',
      entityId: actor.id,
      regionPath: actor.regionPath,
    });
  });
}

/**
 * Change one's own password (also how a temporary password set by someone else is replaced); every
 * other session of the user is closed, and this one is read afresh so the change-password demand lifts.
 */
export async function changePassword(
  db: Db,
  clock: Clock,
  actor: Actor,
  sessionId: string,
  input: ChangePasswordInput,
) {
  const user = await findUserCredentials(db, actor.id);
  if (!(await verifyPassword(user.password_hash, input.oldPassword))) throw new AppError('BAD_CREDENTIALS');
  if (input.newPassword === input.oldPassword) throw new AppError('PASSWORD_UNCHANGED');
  assertPasswordAcceptable(input.newPassword, { username: user.username, displayName: user.display_name });
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction().execute(async (trx) => {
    await setOwnPassword(trx, actor.id, passwordHash, clock.now().toISOString());
    await deleteSessionsOfUser(trx, actor.id, sessionId);
    forgetSession(sessionId);
    await audit(trx, clock, actor, {
      action: 'auth.password_changed',
      entityType: 'user',
      entityId: actor.id,
      regionPath: actor.regionPath,
    });
  });
}
