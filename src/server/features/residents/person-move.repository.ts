import type { Db } from '../../db/database';

/** Where an accepted transfer puts a person: a region (a building when there is a household) and maybe a household. */
export interface MoveTarget {
  regionId: string;
  path: string;
  householdId: string | null;
}

/** How many rows of each kind followed the person (for the audit entry and the answer). */
export interface MovedRows {
  episodes: number;
  followUps: number;
  necessities: number;
  cases: number;
  contacts: number;
  alerts: number;
}

/**
 * Move what is still being handled about a person to their new jurisdiction, in the caller's
 * transaction (see README, "A person registered in another jurisdiction"). Each table that
 * carries the person's region_path is decided here, in one place, like the region move's
 * re-pathing (regions.repository.ts), rather than in five features:
 * - follows: isolation at home or in hospital still active (its household becomes the new one;
 *   an observer whose jurisdiction does not reach the new place is unassigned, so the new side
 *   assigns one), its pending follow-ups and open necessity requests, the person's open case
 *   (under treatment) with its history, their accepted contact records, unacknowledged alerts;
 * - stays where it happened: centralised isolation (the site runs it), ended episodes, filled or
 *   missed follow-ups, closed cases, rejected contacts, acknowledged alerts, screening visits and
 *   checks, checkpoint passages, seek-notice finds, merges, duty rosters and the day figures.
 * The person's own row, tags and household are the registration's (transfers.service.ts).
 */
export async function moveOpenRecords(db: Db, personId: string, to: MoveTarget): Promise<MovedRows> {
  const episodes = await db.selectFrom('isolation_episodes as e').leftJoin('users as o', 'o.id', 'e.observer_id')
    .select(['e.id', 'e.observer_id', 'o.region_path as observer_path'])
    .where('e.person_id', '=', personId).where('e.status', '=', 'active').where('e.kind', '!=', 'centralised').execute();
  let followUps = 0;
  let necessities = 0;
  for (const ep of episodes) {
    const observerStays = ep.observer_id !== null && ep.observer_path !== null && to.path.startsWith(ep.observer_path);
    const observerId = observerStays ? ep.observer_id : null;
    await db.updateTable('isolation_episodes').set({ region_id: to.regionId, region_path: to.path, household_id: to.householdId, observer_id: observerId })
      .where('id', '=', ep.id).execute();
    const slots = await db.updateTable('follow_up_slots').set({ region_path: to.path, observer_id: observerId })
      .where('episode_id', '=', ep.id).where('status', '=', 'pending').executeTakeFirst();
    followUps += Number(slots.numUpdatedRows);
    const requests = await db.updateTable('necessity_requests').set({ region_path: to.path, household_id: to.householdId })
      .where('episode_id', '=', ep.id).where('status', 'in', ['open', 'assigned']).executeTakeFirst();
    necessities += Number(requests.numUpdatedRows);
  }
  const openCases = await db.selectFrom('cases').select('id').where('person_id', '=', personId).where('outcome', '=', 'under_treatment').execute();
  if (openCases.length) {
    const ids = openCases.map((c) => c.id);
    await db.updateTable('cases').set({ region_path: to.path }).where('id', 'in', ids).execute();
    await db.updateTable('case_history').set({ region_path: to.path }).where('case_id', 'in', ids).execute();
  }
  const contacts = await db.updateTable('contacts').set({ region_path: to.path })
    .where('person_id', '=', personId).where('decision', '=', 'accepted').executeTakeFirst();
  const alerts = await db.updateTable('alerts').set({ region_path: to.path })
    .where('person_id', '=', personId).where('acknowledged_at', 'is', null).executeTakeFirst();
  return {
    episodes: episodes.length, followUps, necessities, cases: openCases.length,
    contacts: Number(contacts.numUpdatedRows), alerts: Number(alerts.numUpdatedRows),
  };
}
