import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '../../db/database';
import type { Role } from '../../../shared/enums';
import type { UserTable } from './users.table';
import { inScope, type Scope } from '../../access/scope';
import { likeEscape } from '../../text';

/** Users with their region's name. */
function selectUsers(db: Db) {
  return db
    .selectFrom('users')
    .leftJoin('regions', 'regions.id', 'users.region_id')
    .selectAll('users')
    .select('regions.name as region_name');
}

export async function findUserInScope(db: Db, scope: Scope, id: string) {
  return inScope(selectUsers(db).where('users.id', '=', id), 'users.region_path', scope).executeTakeFirst();
}

export async function findUserByUsername(db: Db, username: string) {
  return db.selectFrom('users').select(['id']).where('username', '=', username).executeTakeFirst();
}

/** A user with their region's name. */
export type UserWithRegion = NonNullable<Awaited<ReturnType<typeof findUserInScope>>>;

export interface UserFilter {
  search?: string;
  role?: Role;
  regionPath?: string;
  afterUsername?: string;
  limit: number;
}

/** Users in scope ordered by username. */
export async function listUsers(db: Db, scope: Scope, f: UserFilter) {
  let qb = inScope(selectUsers(db), 'users.region_path', scope);
  if (f.regionPath) qb = inScope(qb, 'users.region_path', { prefix: f.regionPath });
  return qb
    .$if(f.search !== undefined, (q) => {
      const pattern = '%' + likeEscape(f.search!) + '%';
      return q.where((eb) =>
        eb.or([
          sql<boolean>`lower(users.username) like ${pattern} escape '\\'`,
          sql<boolean>`lower(users.display_name) like ${pattern} escape '\\'`,
        ]),
      );
    })
    .$if(f.role !== undefined, (q) => q.where('users.role', '=', f.role!))
    .$if(f.afterUsername !== undefined, (q) => q.where('users.username', '>', f.afterUsername!))
    .orderBy('users.username')
    .limit(f.limit + 1)
    .execute();
}

/** Whether the database has an admin yet, or a user named `admin` (who would block creating one). */
export async function findAdminOrNamedAdmin(db: Db) {
  return db
    .selectFrom('users')
    .select('id')
    .where((eb) => eb.or([eb('role', '=', 'admin'), eb('username', '=', 'admin')]))
    .limit(1)
    .executeTakeFirst();
}

export async function insertUser(db: Db, row: Insertable<UserTable>): Promise<void> {
  await db.insertInto('users').values(row).execute();
}

export async function updateUserRow(db: Db, id: string, changes: Updateable<UserTable>): Promise<void> {
  await db.updateTable('users').set(changes).where('id', '=', id).execute();
}

/** What a login needs of the account named as typed (auth/auth.service.ts), or undefined. */
export async function findUserForLogin(db: Db, username: string) {
  return db
    .selectFrom('users')
    .select(['id', 'username', 'password_hash', 'status', 'region_path'])
    .where('username', '=', username)
    .executeTakeFirst();
}

/** What a change of one's own password checks against: the current hash and what the new one may not resemble. */
export async function findUserCredentials(db: Db, id: string) {
  return db
    .selectFrom('users')
    .select(['password_hash', 'username', 'display_name'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** A successful login: when, for the users list. */
export async function recordUserLogin(db: Db, id: string, nowIso: string): Promise<void> {
  await updateUserRow(db, id, { last_login_at: nowIso, updated_at: nowIso });
}

/** The user chose their own password: it replaces a temporary one, so the change-password demand lifts. */
export async function setOwnPassword(db: Db, id: string, passwordHash: string, nowIso: string): Promise<void> {
  await updateUserRow(db, id, { password_hash: passwordHash, must_change_password: 0, updated_at: nowIso });
}
