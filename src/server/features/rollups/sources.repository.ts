import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { FEVER_CELSIUS } from '../../../shared/screening';

/*
 * The roll-ups' sources: grouped counts over other features' tables (residents, isolation,
 * tracing, checkpoints), read-only (screening's and zero reports' come from their owners). Each figure is one grouped pass over its source,
 * by region path and UTC hour (or local day), which the refresher folds into region nodes; the
 * owners have no grouped count of their own to offer for these.
 */

/**
 * Rows created in a window, read through a v7 id range (`idFrom`: ids begin with their creation
 * time) and a time range [from, to); `null` reads every row (the first build over history).
 */
export type CreatedWindow = { from: string; to: string; idFrom: string } | null;

/** A count at a region path in one UTC hour ('YYYY-MM-DDTHH'). */
export interface HourCount {
  path: string;
  hour: string;
  n: unknown;
}

/** A count at a region path on one local day. */
export interface DayCount {
  path: string;
  day: string;
  n: unknown;
}

/** The UTC hour of an ISO time, the same `substr` on both engines (no engine date functions). */
export const hourOf = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 13)`;

/**
 * A row's place as a grouping key that no index can serve. Grouping by the bare column lets
 * SQLite's planner walk the whole region_path index (a million persons: ~180 ms) to avoid a sort,
 * instead of reading the day's short v7-id range and sorting a few rows.
 */
const byPath = (column: string) => sql<string>`${sql.ref(column)} || ''`;

/** Persons registered, by creation hour. */
export async function countPersonsCreated(db: Db, w: CreatedWindow): Promise<HourCount[]> {
  return db
    .selectFrom('persons')
    .select([byPath('region_path').as('path'), hourOf('created_at').as('hour'), (eb) => eb.fn.countAll().as('n')])
    .$if(w !== null, (qb) =>
      qb.where('id', '>=', w!.idFrom).where('created_at', '>=', w!.from).where('created_at', '<', w!.to),
    )
    .groupBy([byPath('region_path'), hourOf('created_at')])
    .execute();
}

/** Persons tagged returnee (返乡人员), by the hour of tagging. */
export async function countReturneesTagged(db: Db, w: CreatedWindow): Promise<HourCount[]> {
  return db
    .selectFrom('person_tags')
    .select(['region_path as path', hourOf('created_at').as('hour'), (eb) => eb.fn.countAll().as('n')])
    .where('tag', '=', 'returnee')
    .$if(w !== null, (qb) => qb.where('created_at', '>=', w!.from).where('created_at', '<', w!.to))
    .groupBy(['region_path', hourOf('created_at')])
    .execute();
}

/** Isolation episodes begun, by creation hour. */
export async function countIsolationsBegun(db: Db, w: CreatedWindow): Promise<HourCount[]> {
  return db
    .selectFrom('isolation_episodes')
    .select([byPath('region_path').as('path'), hourOf('created_at').as('hour'), (eb) => eb.fn.countAll().as('n')])
    .$if(w !== null, (qb) =>
      qb.where('id', '>=', w!.idFrom).where('created_at', '>=', w!.from).where('created_at', '<', w!.to),
    )
    .groupBy([byPath('region_path'), hourOf('created_at')])
    .execute();
}

/** Isolation episodes completed, by the hour they ended. */
export async function countIsolationsCompleted(db: Db, w: CreatedWindow): Promise<HourCount[]> {
  return db
    .selectFrom('isolation_episodes')
    .select(['region_path as path', hourOf('ended_at').as('hour'), (eb) => eb.fn.countAll().as('n')])
    .where('status', '=', 'completed')
    .where('ended_at', 'is not', null)
    .$if(w !== null, (qb) => qb.where('ended_at', '>=', w!.from).where('ended_at', '<', w!.to))
    .groupBy(['region_path', hourOf('ended_at')])
    .execute();
}

/** Cases (not excluded), by creation hour. */
export async function countCasesCreated(db: Db, w: CreatedWindow): Promise<HourCount[]> {
  return db
    .selectFrom('cases')
    .select([byPath('region_path').as('path'), hourOf('created_at').as('hour'), (eb) => eb.fn.countAll().as('n')])
    .where('classification', '<>', 'excluded')
    .$if(w !== null, (qb) =>
      qb.where('id', '>=', w!.idFrom).where('created_at', '>=', w!.from).where('created_at', '<', w!.to),
    )
    .groupBy([byPath('region_path'), hourOf('created_at')])
    .execute();
}

/** Close contacts accepted, by creation hour. */
export async function countContactsAccepted(db: Db, w: CreatedWindow): Promise<HourCount[]> {
  return db
    .selectFrom('contacts')
    .select([byPath('region_path').as('path'), hourOf('created_at').as('hour'), (eb) => eb.fn.countAll().as('n')])
    .where('decision', '=', 'accepted')
    .$if(w !== null, (qb) =>
      qb.where('id', '>=', w!.idFrom).where('created_at', '>=', w!.from).where('created_at', '<', w!.to),
    )
    .groupBy([byPath('region_path'), hourOf('created_at')])
    .execute();
}

/**
 * Follow-up slots by their local day (they carry it already): missed ones, or fevers at filled ones.
 * The (day, status, temperature) index answers both; `days` null reads every day.
 */
export async function countFollowUps(
  db: Db,
  days: { from: string; to: string } | null,
  what: 'missed' | 'fevers',
): Promise<DayCount[]> {
  return db
    .selectFrom('follow_up_slots')
    .select(['region_path as path', 'day', (eb) => eb.fn.countAll().as('n')])
    .$if(what === 'missed', (qb) => qb.where('status', '=', 'missed'))
    .$if(what === 'fevers', (qb) => qb.where('status', '=', 'filled').where('temperature', '>=', FEVER_CELSIUS))
    .$if(days !== null, (qb) => qb.where('day', '>=', days!.from).where('day', '<=', days!.to))
    .groupBy(['region_path', 'day'])
    .execute();
}

/**
 * Checkpoint flows per site, place and UTC hour. With a window, one (site_id, at) index range per
 * site — the site list is short — rather than an index on `at` that every passage insert would pay for.
 */
export async function countPassages(db: Db, w: CreatedWindow) {
  let siteIds: string[] | null = null;
  if (w) {
    siteIds = (await db.selectFrom('checkpoint_sites').select('id').execute()).map((s) => s.id);
    if (siteIds.length === 0) return [];
  }
  return db
    .selectFrom('passages')
    .select((eb) => [
      'site_id',
      'region_path as path',
      hourOf('at').as('hour'),
      eb.fn.countAll().as('passages'),
      eb.fn.sum('occupant_count').as('people'),
      eb.fn.sum('fever_count').as('fevers'),
      eb.fn.sum(eb.case().when('decision', '=', 'turned_back').then(1).else(0).end()).as('turned_back'),
      eb.fn.sum(eb.case().when('decision', '=', 'referred').then(1).else(0).end()).as('referred'),
    ])
    .$if(siteIds !== null, (qb) =>
      qb.where('site_id', 'in', siteIds!).where('at', '>=', w!.from).where('at', '<', w!.to),
    )
    .groupBy(['site_id', 'region_path', hourOf('at')])
    .execute();
}

/** The key tags: a person with any of them is a 重点人员 on the big screen and in the daily report. */
export const KEY_TAGS = ['hubei_travel', 'contact_history', 'fever', 'key_person'] as const;

/**
 * Current state by region path, for the stocks: one grouped pass per source over current rows —
 * never over history — so the cost follows the population, not the days.
 */
export async function countStocks(db: Db) {
  const [persons, merged, households, keyPersons, returnees, isolated, cases] = await Promise.all([
    db
      .selectFrom('persons')
      .select(['region_path as path', (eb) => eb.fn.countAll().as('n')])
      .groupBy('region_path')
      .execute(),
    // merged-away duplicates, found through the (short) merge log rather than a scan of persons
    db
      .selectFrom('person_merges as m')
      .innerJoin('persons as p', 'p.id', 'm.merged_id')
      .select(['p.region_path as path', (eb) => eb.fn.countAll().as('n')])
      .where('m.undone_at', 'is', null)
      .where('p.status', '=', 'merged')
      .groupBy('p.region_path')
      .execute(),
    db
      .selectFrom('households')
      .select(['region_path as path', (eb) => eb.fn.countAll().as('n')])
      .groupBy('region_path')
      .execute(),
    db
      .selectFrom('person_tags')
      .select(['region_path as path', (eb) => eb.fn.count('person_id').distinct().as('n')])
      .where('tag', 'in', [...KEY_TAGS])
      .groupBy('region_path')
      .execute(),
    db
      .selectFrom('person_tags')
      .select(['region_path as path', (eb) => eb.fn.countAll().as('n')])
      .where('tag', '=', 'returnee')
      .groupBy('region_path')
      .execute(),
    db
      .selectFrom('isolation_episodes')
      .select(['region_path as path', 'kind', (eb) => eb.fn.countAll().as('n')])
      .where('status', '=', 'active')
      .groupBy(['region_path', 'kind'])
      .execute(),
    db
      .selectFrom('cases')
      .select((eb) => [
        'region_path as path',
        eb.fn
          .sum(
            eb
              .case()
              .when(eb.and([eb('classification', '<>', 'excluded'), eb('outcome', '=', 'under_treatment')]))
              .then(1)
              .else(0)
              .end(),
          )
          .as('active'),
        eb.fn.sum(eb.case().when('classification', '=', 'confirmed').then(1).else(0).end()).as('confirmed'),
      ])
      .groupBy('region_path')
      .execute(),
  ]);
  return { persons, merged, households, keyPersons, returnees, isolated, cases };
}

/*
 * Events over all history by region path and UTC hour, for reconstructing past days' stocks
 * (see readStockHistory): when things were entered, and when they ended.
 */

/** Persons or households registered. */
export async function registeredByHour(db: Db, table: 'persons' | 'households'): Promise<HourCount[]> {
  return db
    .selectFrom(table)
    .select(['region_path as path', hourOf('created_at').as('hour'), (eb) => eb.fn.countAll().as('n')])
    .groupBy(['region_path', hourOf('created_at')])
    .execute();
}

/** Tags given (any of `tags`). */
export async function taggedByHour(db: Db, tags: readonly string[]): Promise<HourCount[]> {
  return db
    .selectFrom('person_tags')
    .select(['region_path as path', hourOf('created_at').as('hour'), (eb) => eb.fn.countAll().as('n')])
    .where('tag', 'in', [...tags])
    .groupBy(['region_path', hourOf('created_at')])
    .execute();
}

/**
 * Cases: `confirmed` when entered as confirmed; `counted` when entered not excluded; `treated` when a
 * counted case's treatment ended (at treated_at).
 */
export async function casesByHour(db: Db, which: 'confirmed' | 'counted' | 'treated'): Promise<HourCount[]> {
  const column = which === 'treated' ? 'treated_at' : 'created_at';
  return db
    .selectFrom('cases')
    .select(['region_path as path', hourOf(column).as('hour'), (eb) => eb.fn.countAll().as('n')])
    .$if(which === 'confirmed', (qb) => qb.where('classification', '=', 'confirmed'))
    .$if(which !== 'confirmed', (qb) => qb.where('classification', '<>', 'excluded'))
    .$if(which === 'treated', (qb) => qb.where('outcome', '<>', 'under_treatment').where('treated_at', 'is not', null))
    .groupBy(['region_path', hourOf(column)])
    .execute();
}

/** Isolation episodes of a kind begun (created_at) or ended (ended_at). */
export async function isolationsByHour(
  db: Db,
  kind: 'home' | 'centralised' | 'hospital',
  event: 'begun' | 'ended',
): Promise<HourCount[]> {
  const column = event === 'ended' ? 'ended_at' : 'created_at';
  return db
    .selectFrom('isolation_episodes')
    .select(['region_path as path', hourOf(column).as('hour'), (eb) => eb.fn.countAll().as('n')])
    .where('kind', '=', kind)
    .$if(event === 'ended', (qb) => qb.where('ended_at', 'is not', null))
    .groupBy(['region_path', hourOf(column)])
    .execute();
}
