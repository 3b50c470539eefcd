import type { Kysely } from 'kysely';
import { systemClock } from '../src/server/clock';
import type { Db } from '../src/server/db/database';
import { buildDemo, type DemoScale, type DemoSummary } from '../src/server/demo/demo.service';
import { chunkRowsFor } from '../src/server/db/bulk-writes';
import type { BenchDatabase, DatabaseFactory } from './databases';
import { timed } from './stats';

/**
 * demo_county_build and its baseline. The value is the wall time of `buildDemo` on a fresh
 * database; the baseline inserts the same number of rows, of a comparable width (16 text columns,
 * ~330 bytes, like a person row), into one bare table with no key and no index, with the same
 * chunked multi-row INSERTs in one transaction. The ratio is what the real schema (keys, indexes,
 * foreign keys) plus generating the county (names, ID numbers, pinyin) cost over raw insert speed.
 */
export interface BuildRun {
  seconds: number;
  rows: number;
  summary: DemoSummary;
  database: BenchDatabase;
}

const TABLES = [
  'regions',
  'users',
  'responsibilities',
  'households',
  'persons',
  'person_tags',
  'settings',
  'audit_log',
  'screening_rounds',
  'screening_round_regions',
  'screening_visits',
  'screening_checks',
  'screening_household_status',
  'alerts',
  'checkpoint_sites',
  'duty_shifts',
  'duty_assignments',
  'passages',
  'passage_occupants',
] as const;

export async function runDemoBuild(factory: DatabaseFactory, scale: DemoScale): Promise<BuildRun> {
  const database = await factory.fresh();
  const { seconds, result: summary } = await timed(() => buildDemo(database.db, systemClock, { scale }));
  let rows = 0;
  for (const table of TABLES) {
    const { n } = await database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    rows += Number(n);
  }
  return { seconds, rows, summary, database };
}

interface PlainTable {
  bench_plain: Record<(typeof COLUMNS)[number], string>;
}
const COLUMNS = [
  'c01',
  'c02',
  'c03',
  'c04',
  'c05',
  'c06',
  'c07',
  'c08',
  'c09',
  'c10',
  'c11',
  'c12',
  'c13',
  'c14',
  'c15',
  'c16',
] as const;

/** Rows shaped like persons: two uuids, a path, a name, a date, an ID number, a phone, search keys, two instants. */
function plainRows(count: number): PlainTable['bench_plain'][] {
  const rows: PlainTable['bench_plain'][] = [];
  for (let i = 0; i < count; i++) {
    const n = String(i).padStart(12, '0');
    rows.push({
      c01: `0188a6c0-0000-7000-8000-${n}`,
      c02: `0188a6c0-1111-7000-8000-${n}`,
      c03: `/140728000000/140728100000/140728100200/140728100200001/${n.slice(-6)}/`,
      c04: '王建国',
      c05: '1968-05-02',
      c06: `140728${n.slice(0, 11)}X`,
      c07: `139${n.slice(-8)}`,
      c08: '户主',
      c09: `王建国 wangjianguo wjg ${n.slice(-6)} ${n.slice(-4)}`,
      c10: 'resident_id',
      c11: '2020-01-20T00:00:00.000Z',
      c12: '2020-01-20T00:00:00.000Z',
      c13: '王建国',
      c14: 'wangjianguo',
      c15: 'wjg',
      c16: `X${n.slice(0, 11)}827041`,
    });
  }
  return rows;
}

/** Seconds to insert `count` plain rows into a bare table of a fresh database (rows are made beforehand). */
export async function runPlainInsert(factory: DatabaseFactory, count: number): Promise<number> {
  const database = await factory.fresh();
  try {
    const db = database.db as unknown as Kysely<PlainTable>;
    let table = db.schema.createTable('bench_plain');
    for (const c of COLUMNS) table = table.addColumn(c, 'text');
    await table.execute();
    const rows = plainRows(count);
    const size = chunkRowsFor(database.db as Db, COLUMNS.length);
    const { seconds } = await timed(() =>
      db.transaction().execute(async (trx) => {
        for (let i = 0; i < rows.length; i += size)
          await trx
            .insertInto('bench_plain')
            .values(rows.slice(i, i + size))
            .execute();
      }),
    );
    return seconds;
  } finally {
    await database.close();
  }
}
