import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { Role } from '../../../shared/enums';
import { inScope, type Scope } from '../../access/scope';
import { likeEscape } from '../../text';

/** Users with their region's name and the latest login lock on them from any address (auth/login-throttle.ts). */
function selectUsers(db: Db) {
  return db
    .selectFrom('users')
    .leftJoin('regions', 'regions.id', 'users.region_id')
    .selectAll('users')
    .select('regions.name as region_name')
    .select((eb) => eb
      .selectFrom('login_throttle')
      .select((t) => t.fn.max('login_throttle.locked_until').as('until'))
      .whereRef('login_throttle.username', '=', 'users.username')
      .where('login_throttle.kind', '=', 'pair')
      .as('lock_until'));
}


export async function findUserInScope(db: Db, scope: Scope, id: string) {
  return inScope(selectUsers(db).where('users.id', '=', id), 'users.region_path', scope).executeTakeFirst();
}

export async function findUserByUsername(db: Db, username: string) {
  return db.selectFrom('users').select(['id']).where('username', '=', username).executeTakeFirst();
}

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
      return q.where((eb) => eb.or([
        sql<boolean>`lower(users.username) like ${pattern} escape '\\'`,
        sql<boolean>`lower(users.display_name) like ${pattern} escape '\\'`,
      ]));
    })
    .$if(f.role !== undefined, (q) => q.where('users.role', '=', f.role!))
    .$if(f.afterUsername !== undefined, (q) => q.where('users.username', '>', f.afterUsername!))
    .orderBy('users.username')
    .limit(f.limit + 1)
    .execute();
}
