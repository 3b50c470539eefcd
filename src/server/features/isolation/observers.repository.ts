import type { Db } from '../../db/database';

/*
 * Who could observe an isolated person, read from other features' tables: the 包保 responsibilities
 * (responsibility) and the users bound to a region (users). Neither feature exports these
 * look-ups; the reads are kept here, read-only.
 */

/** Active users answerable (包保) for these regions, in the order the responsibilities were recorded. */
export async function findAnswerableUsers(db: Db, regionIds: string[]) {
  return db
    .selectFrom('responsibilities')
    .innerJoin('users', 'users.id', 'responsibilities.user_id')
    .select(['responsibilities.region_id', 'users.id', 'users.display_name', 'users.region_path'])
    .where('responsibilities.region_id', 'in', regionIds)
    .where('users.status', '=', 'active')
    .orderBy('responsibilities.id')
    .execute();
}

/** Active village doctors (observers) and grid workers bound to these regions, by id. */
export async function findObserversBoundTo(db: Db, regionIds: string[]) {
  return db
    .selectFrom('users')
    .select(['region_id', 'id', 'display_name', 'region_path', 'role'])
    .where('region_id', 'in', regionIds)
    .where('role', 'in', ['observer', 'grid'])
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
}
