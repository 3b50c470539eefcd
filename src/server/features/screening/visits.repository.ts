import type { Insertable } from 'kysely';
import type { Db } from '../../db/database';
import type { ScreeningCheckTable, ScreeningHouseholdStatusTable, ScreeningVisitTable } from './visits.table';

/** A visit by its id (a client-made id sent again), wherever it is: the caller checks jurisdiction. */
export async function findVisit(db: Db, id: string) {
  return db.selectFrom('screening_visits').select(['id', 'region_path']).where('id', '=', id).executeTakeFirst();
}

/** The active members of a household, by name (read from residents' persons). */
export async function listHouseholdMembers(db: Db, householdId: string) {
  return db
    .selectFrom('persons')
    .select(['id', 'name'])
    .where('household_id', '=', householdId)
    .where('status', '=', 'active')
    .execute();
}

/** Stores a visit and each person's check at it. */
export async function insertVisit(
  db: Db,
  visit: Insertable<ScreeningVisitTable>,
  checks: readonly Insertable<ScreeningCheckTable>[],
): Promise<void> {
  await db.insertInto('screening_visits').values(visit).execute();
  if (checks.length)
    await db
      .insertInto('screening_checks')
      .values([...checks])
      .execute();
}

/**
 * Counts a visit in the household's status of the round: the first visit sets it; a later one adds
 * to the visits, and once the household was visited a later "not home" does not undo it.
 */
export async function countVisitInHouseholdStatus(
  db: Db,
  status: Insertable<ScreeningHouseholdStatusTable>,
): Promise<void> {
  await db
    .insertInto('screening_household_status')
    .values(status)
    .onConflict((oc) =>
      oc.columns(['round_id', 'household_id']).doUpdateSet((eb) => ({
        status: status.status === 'visited' ? 'visited' : eb.ref('screening_household_status.status'),
        visits: eb('screening_household_status.visits', '+', 1),
        last_visit_at: status.last_visit_at,
        worker_id: status.worker_id,
      })),
    )
    .execute();
}

/** The visits to a household, newest first, with the worker's display name. */
export async function listVisitsOfHousehold(db: Db, householdId: string) {
  return db
    .selectFrom('screening_visits')
    .leftJoin('users', 'users.id', 'screening_visits.worker_id')
    .selectAll('screening_visits')
    .select('users.display_name as worker_name')
    .where('household_id', '=', householdId)
    .orderBy('visited_at', 'desc')
    .execute();
}

/** The checks made at the visits, with each person's name. */
export async function listChecksOfVisits(db: Db, visitIds: readonly string[]) {
  return db
    .selectFrom('screening_checks')
    .leftJoin('persons', 'persons.id', 'screening_checks.person_id')
    .selectAll('screening_checks')
    .select('persons.name')
    .where('visit_id', 'in', [...visitIds])
    .execute();
}
