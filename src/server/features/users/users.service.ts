import type { Db } from '../../db/database';
import type { UserTable } from './users.table';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import type { Role } from '../../../shared/enums';
import type { UserCreateInput, UserUpdateInput } from '../../../shared/users';
import { maskPhone } from '../../../shared/validators';
import type { User } from '../../../shared/users';
import { audit } from '../audit';
import {
  assertPasswordAcceptable,
  deleteSessionsOfUser,
  deleteThrottlesOfUsername,
  hashPassword,
  latestPairLocks,
} from '../auth';
import { getRegionInScope } from '../regions';
import { type Scope, scopeOf } from '../../access/scope';
import {
  findAdminOrNamedAdmin,
  findUserByUsername,
  findUserInScope,
  insertUser,
  listUsers,
  updateUserRow,
  type UserFilter,
  type UserWithRegion,
} from './users.repository';

/**
 * Which roles a user may grant: an admin any; the command centre any but admin; a township cadre
 * the roles that work inside a township (cadres, grid workers, checkpoint crews, observers).
 */
const GRANTABLE: Record<Role, readonly Role[]> = {
  admin: ['admin', 'command', 'township', 'grid', 'checkpoint', 'observer', 'organisation', 'supplies'],
  command: ['command', 'township', 'grid', 'checkpoint', 'observer', 'organisation', 'supplies'],
  township: ['township', 'grid', 'checkpoint', 'observer'],
  grid: [],
  checkpoint: [],
  observer: [],
  organisation: [],
  supplies: [],
};

function canGrant(actor: Pick<Actor, 'role'>, role: Role): boolean {
  return GRANTABLE[actor.role].includes(role);
}

/** A user as the users pages show them: with their region's name and the latest login lock on them. */
type UserView = UserWithRegion & { lock_until: string | null };

/** Attach each user's latest lock from any address (auth's login_throttle; see auth/login-throttle.ts). */
async function withLoginLocks(db: Db, rows: UserWithRegion[]): Promise<UserView[]> {
  if (rows.length === 0) return [];
  const locks = await latestPairLocks(
    db,
    rows.map((r) => r.username),
  );
  return rows.map((r) => ({ ...r, lock_until: locks.get(r.username) ?? null }));
}

/** Users in scope ordered by username, one more than the limit (the next page's cursor). */
export async function listUsersInScope(db: Db, scope: Scope, f: UserFilter): Promise<UserView[]> {
  return withLoginLocks(db, await listUsers(db, scope, f));
}

export function toUser(row: UserView): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    regionId: row.region_id,
    regionName: row.region_name ?? null,
    regionPath: row.region_path,
    phone: maskPhone(row.phone),
    status: row.status,
    locale: row.locale,
    lockedUntil: row.lock_until ?? null,
    mustChangePassword: row.must_change_password === 1,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
  };
}

export async function getUser(db: Db, actor: Actor, id: string): Promise<UserView> {
  const row = await findUserInScope(db, scopeOf(actor), id);
  if (!row) throw new AppError('USER_NOT_FOUND');
  return (await withLoginLocks(db, [row]))[0]!;
}

/** The region a user is bound to, checked against the actor's jurisdiction; null only for a global admin. */
async function bindingFor(db: Db, actor: Actor, role: Role, regionId: string | null) {
  if (regionId === null) {
    if (role !== 'admin') throw new AppError('ROLE_NEEDS_REGION');
    if (scopeOf(actor).prefix !== '/') throw new AppError('OUT_OF_SCOPE');
    return { region_id: null, region_path: '/' };
  }
  const region = await getRegionInScope(db, scopeOf(actor), regionId);
  if (region.status !== 'active') throw new AppError('REGION_RETIRED');
  return { region_id: region.id, region_path: region.path };
}

/**
 * Create a user bound to one region of the actor's jurisdiction, with a role the actor may grant.
 * A password chosen by someone else is `temporary` (the web and API): the user must change it at
 * the first login. The CLI and the test factories make ready accounts.
 */
export async function createUser(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: UserCreateInput,
  opts: { temporaryPassword?: boolean } = {},
) {
  if (!canGrant(actor, input.role)) throw new AppError('ROLE_NOT_GRANTABLE');
  assertPasswordAcceptable(input.password, input);
  const passwordHash = await hashPassword(input.password);
  const id = await db.transaction().execute(async (trx) => {
    const binding = await bindingFor(trx, actor, input.role, input.regionId);
    if (await findUserByUsername(trx, input.username)) throw new AppError('USERNAME_TAKEN');
    const now = clock.now().toISOString();
    const row: UserTable = {
      id: uuidv7(),
      username: input.username,
      display_name: input.displayName,
      role: input.role,
      ...binding,
      phone: input.phone ?? null,
      password_hash: passwordHash,
      status: 'active',
      locale: input.locale,
      must_change_password: opts.temporaryPassword ? 1 : 0,
      last_login_at: null,
      created_at: now,
      updated_at: now,
    };
    await insertUser(trx, row);
    await audit(trx, clock, actor, {
      action: 'user.create',
      entityType: 'user',
      entityId: row.id,
      regionPath: row.region_path,
      details: { username: row.username, role: row.role },
    });
    return row.id;
  });
  return getUser(db, actor, id);
}

/**
 * Who may change another user's account — reset their password, change their role, status or
 * details: a global admin, or a user whose jurisdiction strictly contains the target's (a level
 * above). A peer — another cadre of the same township — may not: they could set the password and
 * log in as the other, or demote or disable them.
 */
function isAboveUser(actor: Pick<Actor, 'regionPath'>, target: { region_path: string }): boolean {
  if (actor.regionPath === '/') return true;
  return target.region_path.startsWith(actor.regionPath) && target.region_path.length > actor.regionPath.length;
}

/**
 * Change a user — another's account only from a level above (a global admin, or a jurisdiction
 * strictly containing theirs). Disabling a user or changing their password ends their sessions. Nobody can
 * disable, demote or re-bind their own account (so the last admin cannot lock everyone out), nor
 * reset their own password here (that is /api/auth/password, with the old one). A reset password
 * is temporary: the user must change it at the next login; the reset is audited on its own.
 */
export async function updateUser(db: Db, clock: Clock, actor: Actor, id: string, input: UserUpdateInput) {
  const target = await getUser(db, actor, id);
  if (!canGrant(actor, target.role)) throw new AppError('ROLE_NOT_GRANTABLE');
  if (input.role !== undefined && !canGrant(actor, input.role)) throw new AppError('ROLE_NOT_GRANTABLE');
  const self = target.id === actor.id;
  if (
    self &&
    ((input.role !== undefined && input.role !== target.role) ||
      input.status === 'disabled' ||
      (input.regionId !== undefined && input.regionId !== target.region_id))
  ) {
    throw new AppError('CANNOT_CHANGE_SELF');
  }
  // another's account is changed only from a level above: a peer could otherwise demote or
  // disable a fellow cadre of the same township (or set their password and log in as them)
  if (!self && !isAboveUser(actor, target))
    throw new AppError(input.password !== undefined ? 'PASSWORD_RESET_NOT_ABOVE' : 'USER_CHANGE_NOT_ABOVE');
  if (input.password !== undefined) {
    if (self) throw new AppError('CANNOT_CHANGE_SELF');
    assertPasswordAcceptable(input.password, {
      username: target.username,
      displayName: input.displayName ?? target.display_name,
    });
  }
  const passwordHash = input.password !== undefined ? await hashPassword(input.password) : undefined;
  await db.transaction().execute(async (trx) => {
    const role = input.role ?? target.role;
    const binding =
      input.regionId !== undefined || input.role !== undefined
        ? await bindingFor(trx, actor, role, input.regionId !== undefined ? input.regionId : target.region_id)
        : {};
    const changes = {
      ...(input.displayName !== undefined && { display_name: input.displayName }),
      ...(input.role !== undefined && { role: input.role }),
      ...(input.phone !== undefined && { phone: input.phone }),
      ...(input.status !== undefined && { status: input.status }),
      ...(input.locale !== undefined && { locale: input.locale }),
      ...(passwordHash !== undefined && { password_hash: passwordHash, must_change_password: 1 }),
      ...binding,
    };
    await updateUserRow(trx, id, { ...changes, updated_at: clock.now().toISOString() });
    if (input.status === 'disabled' || passwordHash !== undefined) await deleteSessionsOfUser(trx, id);
    if (passwordHash !== undefined) await deleteThrottlesOfUsername(trx, target.username);
    const { password_hash: _omit, must_change_password: _flag, ...logged } = changes as Record<string, unknown>;
    const regionPath = (binding as { region_path?: string }).region_path ?? target.region_path;
    if (passwordHash !== undefined) {
      await audit(trx, clock, actor, {
        action: 'user.password_reset',
        entityType: 'user',
        entityId: id,
        regionPath,
        details: { username: target.username, mustChangePassword: true },
      });
    }
    if (Object.keys(logged).length > 0 || passwordHash === undefined) {
      await audit(trx, clock, actor, {
        action: 'user.update',
        entityType: 'user',
        entityId: id,
        regionPath,
        details: { ...logged, phone: logged.phone ? maskPhone(logged.phone as string) : undefined },
      });
    }
  });
  return getUser(db, actor, id);
}

/** Lift every login lock of a user (from any address) before it runs out; the locks live in auth's login_throttle. */
export async function unlockUser(db: Db, clock: Clock, actor: Actor, id: string) {
  const target = await getUser(db, actor, id);
  if (!canGrant(actor, target.role)) throw new AppError('ROLE_NOT_GRANTABLE');
  await db.transaction().execute(async (trx) => {
    await deleteThrottlesOfUsername(trx, target.username);
    await audit(trx, clock, actor, {
      action: 'user.unlock',
      entityType: 'user',
      entityId: id,
      regionPath: target.region_path,
    });
  });
  return getUser(db, actor, id);
}

/** The unmasked phone of a user; reading it is itself an audited action. */
export async function revealUserPhone(db: Db, clock: Clock, actor: Actor, id: string) {
  const target = await getUser(db, actor, id);
  await audit(db, clock, actor, {
    action: 'user.reveal',
    entityType: 'user',
    entityId: id,
    regionPath: target.region_path,
    details: { field: 'phone' },
  });
  return { field: 'phone', value: target.phone };
}

/**
 * On a database with no admin yet, create `admin` (global jurisdiction) with the configured
 * password, or a generated one that the caller prints once.
 */
export async function ensureAdmin(
  db: Db,
  clock: Clock,
  password: string | undefined,
): Promise<{ created: boolean; password?: string }> {
  if (await findAdminOrNamedAdmin(db)) return { created: false };
  const generated = password ? undefined : generatePassword();
  const now = clock.now().toISOString();
  await insertUser(db, {
    id: uuidv7(),
    username: 'admin',
    display_name: '系统管理员',
    role: 'admin',
    region_id: null,
    region_path: '/',
    phone: null,
    password_hash: await hashPassword(password ?? generated!),
    status: 'active',
    locale: 'zh-CN',
    must_change_password: 0,
    last_login_at: null,
    created_at: now,
    updated_at: now,
  });
  await audit(db, clock, null, { action: 'user.bootstrap_admin', entityType: 'user', details: { username: 'admin' } });
  return { created: true, password: generated };
}

function generatePassword(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';
  const bytes = crypto.getRandomValues(new Uint8Array(14));
  const body = Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
  return body.slice(0, 12) + String(bytes[12]! % 10) + 'q';
}
