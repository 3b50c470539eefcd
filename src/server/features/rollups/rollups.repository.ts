import type { Expression, Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/database';
import type { Metric } from '../../../shared/rollups';
import type { RollupTable, SiteRollupTable } from './rollups.table';

export type RollupRow = Insertable<RollupTable>;
export type SiteRollupRow = Selectable<SiteRollupTable>;

/**
 * A day's rows with something other than 0 in one of `columns`: the rows a refresh may have to
 * change (a row whose columns are all 0 and should stay so needs nothing, so it is not read).
 */
export async function findNonZeroRollups(db: Db, day: string, columns: readonly Metric[]) {
  return db
    .selectFrom('rollups')
    .select(['region_path', ...columns])
    .where('day', '=', day)
    .where((eb) => eb.or(columns.map((m) => eb(m, '<>', 0))))
    .execute();
}

/**
 * Writes day rows, 200 at a time; on a row that exists only `columns` (and updated_at) are set,
 * so flows and stocks can be written apart into the same row.
 */
export async function upsertRollups(db: Db, rows: readonly RollupRow[], columns: readonly Metric[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('rollups')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) =>
        oc.columns(['region_path', 'day']).doUpdateSet((eb) => ({
          ...(Object.fromEntries(columns.map((c) => [c, eb.ref(`excluded.${c}`)])) as Partial<
            Record<Metric, Expression<number>>
          >),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

/** Empties both roll-up tables (a rebuild). */
export async function deleteAllRollups(db: Db): Promise<void> {
  await db.deleteFrom('rollups').execute();
  await db.deleteFrom('site_rollups').execute();
}

/** The days on which some unit owed a zero report, as the refresher counted them. */
export async function daysWithZeroReportUnits(db: Db): Promise<string[]> {
  return (await db.selectFrom('rollups').select('day').distinct().where('zeroReportUnits', '>', 0).execute()).map(
    (r) => r.day,
  );
}

/** The rows of the given nodes on one day. */
export async function findRollupsOfNodes(db: Db, paths: readonly string[], day: string) {
  const out = [];
  for (let i = 0; i < paths.length; i += 500) {
    out.push(
      ...(await db
        .selectFrom('rollups')
        .selectAll()
        .where('day', '=', day)
        .where('region_path', 'in', paths.slice(i, i + 500))
        .execute()),
    );
  }
  return out;
}

/** The checkpoint sites' rows of the given days. */
export async function findSiteRollups(db: Db, days: readonly string[]): Promise<SiteRollupRow[]> {
  return db
    .selectFrom('site_rollups')
    .selectAll()
    .where('day', 'in', [...days])
    .execute();
}

/** Writes checkpoint sites' day rows, 500 at a time, replacing those that exist. */
export async function upsertSiteRollups(db: Db, rows: readonly SiteRollupRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('site_rollups')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) =>
        oc.columns(['site_id', 'day']).doUpdateSet((eb) => ({
          region_path: eb.ref('excluded.region_path'),
          passages: eb.ref('excluded.passages'),
          people: eb.ref('excluded.people'),
          fevers: eb.ref('excluded.fevers'),
          turned_back: eb.ref('excluded.turned_back'),
          referred: eb.ref('excluded.referred'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

/** One value of the refresher's state (lease, version, built, stocks). */
export async function getRollupState(db: Db, key: string): Promise<string | undefined> {
  return (await db.selectFrom('rollup_state').select('value').where('key', '=', key).executeTakeFirst())?.value;
}

export async function setRollupState(db: Db, key: string, value: string, now: string): Promise<void> {
  await db
    .insertInto('rollup_state')
    .values({ key, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
    .execute();
}

/** Writes a state value unless the key already has one. */
export async function initRollupState(db: Db, key: string, value: string, now: string): Promise<void> {
  await db
    .insertInto('rollup_state')
    .values({ key, value, updated_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
}

/** Compare-and-set: writes `value` only if the key still holds `expected`; whether it did. */
export async function swapRollupState(
  db: Db,
  key: string,
  expected: string,
  value: string,
  now: string,
): Promise<boolean> {
  const r = await db
    .updateTable('rollup_state')
    .set({ value, updated_at: now })
    .where('key', '=', key)
    .where('value', '=', expected)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
