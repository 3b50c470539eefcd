import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '../../db/database';
import { inScope, pathInScope, type Scope } from '../../access/scope';
import type { FollowUpSlotTable } from './followups.table';

/** Ids are looked up 500 at a time, well under both engines' bound-parameter limits. */
const CHUNK = 500;

export async function insertFollowUpSlots(db: Db, rows: Insertable<FollowUpSlotTable>[]): Promise<void> {
  // 19 columns a row: 100 rows a statement
  for (let i = 0; i < rows.length; i += 100) {
    await db
      .insertInto('follow_up_slots')
      .values(rows.slice(i, i + 100))
      .execute();
  }
}

/** Every slot of these episodes (of one day, when given), by due time within each chunk of episodes. */
export async function findSlotsOfEpisodes(db: Db, episodeIds: string[], day?: string) {
  const rows = [];
  for (let i = 0; i < episodeIds.length; i += CHUNK) {
    rows.push(
      ...(await db
        .selectFrom('follow_up_slots')
        .selectAll()
        .where('episode_id', 'in', episodeIds.slice(i, i + CHUNK))
        .$if(day !== undefined, (q) => q.where('day', '=', day!))
        .orderBy('due_to')
        .execute()),
    );
  }
  return rows;
}
export type SlotRow = Awaited<ReturnType<typeof findSlotsOfEpisodes>>[number];

export async function findSlot(db: Db, id: string): Promise<SlotRow> {
  return db.selectFrom('follow_up_slots').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function findSlotInScope(db: Db, scope: Scope, id: string): Promise<SlotRow | undefined> {
  return inScope(
    db.selectFrom('follow_up_slots').selectAll().where('id', '=', id),
    'region_path',
    scope,
  ).executeTakeFirst();
}

/** Per episode: the last temperature taken and how many slots are missed at `cutoff`. */
export async function followUpFacts(db: Db, episodeIds: string[], cutoff: string) {
  const facts = new Map<string, { lastTemperature: number | null; lastFilledAt: string | null; missed: number }>();
  for (const id of episodeIds) facts.set(id, { lastTemperature: null, lastFilledAt: null, missed: 0 });
  for (let i = 0; i < episodeIds.length; i += CHUNK) {
    const chunk = episodeIds.slice(i, i + CHUNK);
    const missed = await db
      .selectFrom('follow_up_slots')
      .select(['episode_id', sql<number>`count(*)`.as('n')])
      .where('episode_id', 'in', chunk)
      .where((eb) =>
        eb.or([eb('status', '=', 'missed'), eb.and([eb('status', '=', 'pending'), eb('due_to', '<', cutoff)])]),
      )
      .groupBy('episode_id')
      .execute();
    for (const m of missed) facts.get(m.episode_id)!.missed = Number(m.n);
    const last = await db
      .selectFrom('follow_up_slots as s')
      .select(['s.episode_id', 's.temperature', 's.filled_at'])
      .where('s.episode_id', 'in', chunk)
      .where('s.status', '=', 'filled')
      .where('s.filled_at', '=', (eb) =>
        eb
          .selectFrom('follow_up_slots as t')
          .select((e) => e.fn.max('t.filled_at').as('m'))
          .whereRef('t.episode_id', '=', 's.episode_id')
          .where('t.status', '=', 'filled'),
      )
      .execute();
    for (const l of last)
      Object.assign(facts.get(l.episode_id)!, { lastTemperature: l.temperature, lastFilledAt: l.filled_at });
  }
  return facts;
}

/** The pending slots of an episode move to another observer. */
export async function setPendingSlotsObserver(db: Db, episodeId: string, observerId: string): Promise<void> {
  await db
    .updateTable('follow_up_slots')
    .set({ observer_id: observerId })
    .where('episode_id', '=', episodeId)
    .where('status', '=', 'pending')
    .execute();
}

/** Cancel an episode's pending slots after a day (its planned end moved earlier). */
export async function cancelPendingSlotsAfterDay(db: Db, episodeId: string, day: string): Promise<void> {
  await db
    .updateTable('follow_up_slots')
    .set({ status: 'cancelled' })
    .where('episode_id', '=', episodeId)
    .where('day', '>', day)
    .where('status', '=', 'pending')
    .execute();
}

/** Cancel an episode's pending slots due after `cutoff` (it has ended), and mark all its slots as of an ended episode. */
export async function closeSlotsOfEpisode(db: Db, episodeId: string, cutoff: string): Promise<void> {
  await db
    .updateTable('follow_up_slots')
    .set({ status: 'cancelled' })
    .where('episode_id', '=', episodeId)
    .where('status', '=', 'pending')
    .where('due_to', '>', cutoff)
    .execute();
  await db.updateTable('follow_up_slots').set({ episode_open: 0 }).where('episode_id', '=', episodeId).execute();
}

/** The `limit` latest slots of an episode whose window has opened by `now`, not cancelled, latest first. */
export async function findLatestOpenedSlots(db: Db, episodeId: string, now: string, limit: number): Promise<SlotRow[]> {
  return db
    .selectFrom('follow_up_slots')
    .selectAll()
    .where('episode_id', '=', episodeId)
    .where('status', '!=', 'cancelled')
    .where('due_from', '<=', now)
    .orderBy('due_to', 'desc')
    .limit(limit)
    .execute();
}

/** The last slot of an episode that is not cancelled. */
export async function findLastSlot(db: Db, episodeId: string) {
  return db
    .selectFrom('follow_up_slots')
    .select(['status', 'due_to'])
    .where('episode_id', '=', episodeId)
    .where('status', '!=', 'cancelled')
    .orderBy('due_to', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** Fill a slot that is still pending; false when another report got there first. */
export async function fillPendingSlot(db: Db, id: string, set: Updateable<FollowUpSlotTable>): Promise<boolean> {
  const updated = await db
    .updateTable('follow_up_slots')
    .set(set)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) > 0;
}

/** When the next window of an episode opens after `now`, if it has one. */
export async function findNextDueFrom(db: Db, episodeId: string, now: string): Promise<string | null> {
  const next = await db
    .selectFrom('follow_up_slots')
    .select('due_from')
    .where('episode_id', '=', episodeId)
    .where('status', '=', 'pending')
    .where('due_from', '>', now)
    .orderBy('due_from')
    .limit(1)
    .executeTakeFirst();
  return next?.due_from ?? null;
}

/** Up to `limit` pending slots of open episodes whose window and grace ended before `cutoff`, oldest first (the sweeper's batch). */
export async function findOverdueSlots(db: Db, cutoff: string, limit: number) {
  return db
    .selectFrom('follow_up_slots')
    .select(['id', 'episode_id'])
    .where('status', '=', 'pending')
    .where('due_to', '<', cutoff)
    .where('episode_open', '=', 1)
    .orderBy('due_to')
    .limit(limit)
    .execute();
}

/** Mark these slots missed, those still pending; returns the ones this call changed. */
export async function markSlotsMissed(db: Db, ids: string[], at: string) {
  return db
    .updateTable('follow_up_slots')
    .set({ status: 'missed', missed_at: at })
    .where('id', 'in', ids)
    .where('status', '=', 'pending')
    .returning(['id', 'episode_id', 'due_to'])
    .execute();
}

/** The status of the episode's slot due just before `dueTo` (cancelled ones skipped). */
export async function findPreviousSlotStatus(db: Db, episodeId: string, dueTo: string) {
  const previous = await db
    .selectFrom('follow_up_slots')
    .select(['status'])
    .where('episode_id', '=', episodeId)
    .where('due_to', '<', dueTo)
    .where('status', '!=', 'cancelled')
    .orderBy('due_to', 'desc')
    .limit(1)
    .executeTakeFirst();
  return previous?.status;
}

/** The slots of these episodes already over at `cutoff`, not cancelled: the three columns a streak of misses needs. */
export async function findPastSlots(db: Db, episodeIds: string[], cutoff: string) {
  const past = [];
  for (let i = 0; i < episodeIds.length; i += CHUNK) {
    past.push(
      ...(await db
        .selectFrom('follow_up_slots')
        .select(['id', 'episode_id', 'status', 'due_to'])
        .where('episode_id', 'in', episodeIds.slice(i, i + CHUNK))
        .where('due_to', '<', cutoff)
        .where('status', '!=', 'cancelled')
        .execute()),
    );
  }
  return past;
}

/*
 * Missed follow-ups in scope come in two parts, each answered by its own index. Slots the sweeper
 * has marked missed: the partial index on missed slots of open episodes, by place (counted from
 * the index alone; the newest found by their due time first). Slots just past their grace that the
 * sweeper has not reached yet — a minute's worth at most while the server runs — come from the
 * partial index on pending slots by due time and are put in scope afterwards; a place range would
 * lead the planner to the far larger index of all slots by place.
 */
function missedInScope(db: Db, scope: Scope) {
  return inScope(
    db.selectFrom('follow_up_slots as s').where('s.status', '=', 'missed').where('s.episode_open', '=', 1),
    's.region_path',
    scope,
  );
}

/** A missed slot as the list shows it, with the person's and the observer's names (read from residents and users). */
function withNames<QB extends ReturnType<typeof missedInScope>>(qb: QB) {
  return qb
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .leftJoin('users as o', 'o.id', 's.observer_id')
    .select([
      's.id',
      's.episode_id',
      's.person_id',
      's.region_path',
      's.observer_id',
      's.day',
      's.seq',
      's.due_to',
      'p.name as person_name',
      'o.display_name as observer_name',
    ]);
}
export type MissedSlotRow = Awaited<ReturnType<ReturnType<typeof withNames>['execute']>>[number];

/** How many slots marked missed (of open episodes) each observer has at each place in scope. */
export async function countMissedByObserverAndPlace(
  db: Db,
  scope: Scope,
): Promise<{ observer_id: string | null; region_path: string; n: number }[]> {
  return missedInScope(db, scope)
    .select(['s.observer_id', 's.region_path', sql<number>`count(*)`.as('n')])
    .groupBy(['s.observer_id', 's.region_path'])
    .execute();
}

/** The newest `limit` slots marked missed in scope: the due time of the `limit`-th is found first, then only slots from it on are read. */
export async function findNewestMissed(db: Db, scope: Scope, limit: number): Promise<MissedSlotRow[]> {
  const threshold = await missedInScope(db, scope)
    .select('s.due_to')
    .orderBy('s.due_to', 'desc')
    .limit(1)
    .offset(limit - 1)
    .executeTakeFirst();
  return withNames(missedInScope(db, scope))
    .$if(threshold !== undefined, (q) => q.where('s.due_to', '>=', threshold!.due_to))
    .orderBy('s.due_to', 'desc')
    .limit(limit)
    .execute();
}

/** Pending slots of open episodes past `cutoff` that the sweeper has not marked yet, in scope. */
export async function findOverdueUnmarked(db: Db, scope: Scope, cutoff: string): Promise<MissedSlotRow[]> {
  const pending = db
    .selectFrom('follow_up_slots as s')
    .where('s.status', '=', 'pending')
    .where('s.due_to', '<', cutoff)
    .where('s.episode_open', '=', 1);
  const rows = await withNames(pending as ReturnType<typeof missedInScope>).execute();
  return rows.filter((r) => pathInScope(r.region_path, scope));
}

/** The villages (and communities) in scope, by path: missed follow-ups are counted per village. A read of regions, which exports no such list. */
export async function findVillagesInScope(db: Db, scope: Scope) {
  return inScope(
    db.selectFrom('regions').select(['id', 'name', 'path']).where('level', '=', 'village'),
    'path',
    scope,
  ).execute();
}

/** Users' display names by id. A read of users, which exports no look-up of many users at once. */
export async function findUserNames(db: Db, userIds: string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (let i = 0; i < userIds.length; i += CHUNK) {
    const users = await db
      .selectFrom('users')
      .select(['id', 'display_name'])
      .where('id', 'in', userIds.slice(i, i + CHUNK))
      .execute();
    for (const u of users) names.set(u.id, u.display_name);
  }
  return names;
}
