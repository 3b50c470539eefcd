import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { localDay } from '../../clock';
import type { Metric } from '../../../shared/rollups';
import { KEY_TAGS, type Count } from './sources';

const num = (v: unknown) => Number(v ?? 0);
const hourOf = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 13)`;

/**
 * Stocks as each past day ended, rebuilt from when things began and ended — for the days before
 * roll-ups were kept (the first start after an upgrade, a rebuild, the demo). Exact for people in
 * isolation by kind; registered residents, households, returnees, key persons and cases are counted
 * by when they were entered (a later merge or move is not replayed). Screening coverage and
 * zero-report completeness of past days come only from days when roll-ups were running.
 */
export async function readStockHistory(db: Db, days: readonly string[], timeZone: string): Promise<Count[]> {
  if (days.length === 0) return [];
  const sorted = [...days].sort();
  const hourDay = new Map<string, string>();
  const toDay = (hour: string) => {
    let d = hourDay.get(hour);
    if (!d) hourDay.set(hour, (d = localDay(new Date(`${hour}:00:00Z`), timeZone)));
    return d;
  };
  type Event = { path: string; hour: string; n: unknown };
  const grouped = (qb: any, column: string): Promise<Event[]> =>
    qb.select(['region_path as path', hourOf(column).as('hour'), (eb: any) => eb.fn.countAll().as('n')]).groupBy(['region_path', hourOf(column)]).execute();

  const kinds = ['home', 'centralised', 'hospital'] as const;
  const kindMetric = { home: 'inIsolationHome', centralised: 'inIsolationCentralised', hospital: 'inIsolationHospital' } as const;
  const sources: [Metric, Promise<Event[]>, 1 | -1][] = [
    ['residents', grouped(db.selectFrom('persons'), 'created_at'), 1],
    ['households', grouped(db.selectFrom('households'), 'created_at'), 1],
    ['returnees', grouped(db.selectFrom('person_tags').where('tag', '=', 'returnee'), 'created_at'), 1],
    ['keyPersons', grouped(db.selectFrom('person_tags').where('tag', 'in', [...KEY_TAGS]), 'created_at'), 1],
    ['confirmedCases', grouped(db.selectFrom('cases').where('classification', '=', 'confirmed'), 'created_at'), 1],
    ['activeCases', grouped(db.selectFrom('cases').where('classification', '<>', 'excluded'), 'created_at'), 1],
    ['activeCases', grouped(db.selectFrom('cases').where('classification', '<>', 'excluded').where('outcome', '<>', 'under_treatment').where('treated_at', 'is not', null), 'treated_at'), -1],
    ...kinds.flatMap((k): [Metric, Promise<Event[]>, 1 | -1][] => [
      [kindMetric[k], grouped(db.selectFrom('isolation_episodes').where('kind', '=', k), 'created_at'), 1],
      [kindMetric[k], grouped(db.selectFrom('isolation_episodes').where('kind', '=', k).where('ended_at', 'is not', null), 'ended_at'), -1],
    ]),
  ];

  // per (path, metric): the change on each day, then a running sum read off at each wanted day
  const deltas = new Map<string, Map<string, number>>();
  for (const [metric, rowsP, sign] of sources) {
    for (const r of await rowsP) {
      const key = `${metric}\u0000${r.path}`;
      let byDay = deltas.get(key);
      if (!byDay) deltas.set(key, (byDay = new Map()));
      const d = toDay(r.hour);
      byDay.set(d, (byDay.get(d) ?? 0) + sign * num(r.n));
    }
  }
  const out: Count[] = [];
  for (const [key, byDay] of deltas) {
    const [metric, path] = key.split('\u0000') as [Metric, string];
    const changes = [...byDay].sort((a, b) => (a[0] < b[0] ? -1 : 1));
    let running = 0;
    let i = 0;
    for (const day of sorted) {
      while (i < changes.length && changes[i]![0] <= day) running += changes[i++]![1];
      if (running !== 0) out.push({ path, day, metric, n: running });
    }
  }
  return out;
}
