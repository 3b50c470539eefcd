import type { Db } from '../../db/database';

/** Where a person now lives: a region (a building when there is a household) and maybe a household. */
export interface PersonPlace {
  regionId: string;
  path: string;
  householdId: string | null;
}

/**
 * A person moved to another place (an accepted transfer, a move within the jurisdiction, their
 * household moving building): the isolation still being handled follows them, in the caller's
 * transaction. An active home or hospital episode takes the new place and household (an observer
 * whose jurisdiction does not reach it is unassigned, so that the new side assigns one), with its
 * pending follow-ups and its open necessity requests. Centralised isolation stays (the site runs
 * it), as do ended episodes and filled or missed follow-ups. Called by residents.
 */
export async function moveOpenIsolationRecords(db: Db, personId: string, to: PersonPlace) {
  const episodes = await db
    .selectFrom('isolation_episodes as e')
    .leftJoin('users as o', 'o.id', 'e.observer_id')
    .select(['e.id', 'e.observer_id', 'o.region_path as observer_path'])
    .where('e.person_id', '=', personId)
    .where('e.status', '=', 'active')
    .where('e.kind', '!=', 'centralised')
    .execute();
  let followUps = 0;
  let necessities = 0;
  for (const ep of episodes) {
    const observerStays = ep.observer_id !== null && ep.observer_path !== null && to.path.startsWith(ep.observer_path);
    const observerId = observerStays ? ep.observer_id : null;
    await db
      .updateTable('isolation_episodes')
      .set({ region_id: to.regionId, region_path: to.path, household_id: to.householdId, observer_id: observerId })
      .where('id', '=', ep.id)
      .execute();
    const slots = await db
      .updateTable('follow_up_slots')
      .set({ region_path: to.path, observer_id: observerId })
      .where('episode_id', '=', ep.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    followUps += Number(slots.numUpdatedRows);
    const requests = await db
      .updateTable('necessity_requests')
      .set({ region_path: to.path, household_id: to.householdId })
      .where('episode_id', '=', ep.id)
      .where('status', 'in', ['open', 'assigned'])
      .executeTakeFirst();
    necessities += Number(requests.numUpdatedRows);
  }
  return { episodes: episodes.length, followUps, necessities };
}

/**
 * Two registry records turn out to be one person (residents' merge): the duplicate's isolation
 * episodes move to the kept record — except an active one when the kept record has an active one of
 * its own (a person has at most one). Returns what moved, which the merge keeps for its undo.
 */
export async function repointIsolationRecords(db: Db, fromId: string, toId: string) {
  const keptActive = await db
    .selectFrom('isolation_episodes')
    .select('id')
    .where('person_id', '=', toId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  const ids = (
    await db.selectFrom('isolation_episodes').select(['id', 'status']).where('person_id', '=', fromId).execute()
  )
    .filter((e) => !keptActive || e.status !== 'active')
    .map((e) => e.id);
  const moved: { table: string; column: string; ids: string[] }[] = [];
  if (ids.length) {
    await db.updateTable('isolation_episodes').set({ person_id: toId }).where('id', 'in', ids).execute();
    moved.push({ table: 'isolation_episodes', column: 'person_id', ids });
  }
  // the duplicate's periods on isolation sites' staff rosters are the kept record's
  const staff = (
    await db.selectFrom('isolation_site_staff').select('id').where('person_id', '=', fromId).execute()
  ).map((r) => r.id);
  if (staff.length) {
    await db.updateTable('isolation_site_staff').set({ person_id: toId }).where('id', 'in', staff).execute();
    moved.push({ table: 'isolation_site_staff', column: 'person_id', ids: staff });
  }
  return moved;
}

/** Undoing a merge: the episodes it moved (as repointIsolationRecords returned them) go back to `personId`. */
export async function restoreIsolationRecords(
  db: Db,
  moved: readonly { table: string; ids: string[] }[],
  personId: string,
) {
  for (const m of moved) {
    if (m.table === 'isolation_episodes')
      await db.updateTable('isolation_episodes').set({ person_id: personId }).where('id', 'in', m.ids).execute();
    if (m.table === 'isolation_site_staff')
      await db.updateTable('isolation_site_staff').set({ person_id: personId }).where('id', 'in', m.ids).execute();
  }
}
