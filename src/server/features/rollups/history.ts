import type { Db } from '../../db/database';
import type { Metric } from '../../../shared/rollups';
import { dayOfHour, type Count } from './sources';
import {
  casesByHour,
  isolationsByHour,
  KEY_TAGS,
  registeredByHour,
  taggedByHour,
  type HourCount,
} from './sources.repository';
import { mobilisationStockEvents } from './mobilisation-sources.repository';

const num = (v: unknown) => Number(v ?? 0);

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
  const toDay = dayOfHour(timeZone);

  const kinds = ['home', 'centralised', 'hospital'] as const;
  const kindMetric = {
    home: 'inIsolationHome',
    centralised: 'inIsolationCentralised',
    hospital: 'inIsolationHospital',
  } as const;
  const mobilisation = mobilisationStockEvents(db);
  const sources: [Metric, Promise<HourCount[]>, 1 | -1][] = [
    ['partyMembers', mobilisation.then((m) => m.membersIn), 1],
    ['partyMembers', mobilisation.then((m) => m.membersOut), -1],
    ['commandoTeams', mobilisation.then((m) => m.teams), 1],
    ['volunteersActive', mobilisation.then((m) => m.volunteers), 1],
    ['volunteerGroups', mobilisation.then((m) => m.groupsIn), 1],
    ['volunteerGroups', mobilisation.then((m) => m.groupsOut), -1],
    ['membersReported', mobilisation.then((m) => m.reported), 1],
    ['tempBranches', mobilisation.then((m) => m.branchesIn), 1],
    ['tempBranches', mobilisation.then((m) => m.branchesOut), -1],
    ['residents', registeredByHour(db, 'persons'), 1],
    ['households', registeredByHour(db, 'households'), 1],
    ['returnees', taggedByHour(db, ['returnee']), 1],
    ['keyPersons', taggedByHour(db, KEY_TAGS), 1],
    ['confirmedCases', casesByHour(db, 'confirmed'), 1],
    ['activeCases', casesByHour(db, 'counted'), 1],
    ['activeCases', casesByHour(db, 'treated'), -1],
    ...kinds.flatMap((k): [Metric, Promise<HourCount[]>, 1 | -1][] => [
      [kindMetric[k], isolationsByHour(db, k, 'begun'), 1],
      [kindMetric[k], isolationsByHour(db, k, 'ended'), -1],
    ]),
  ];

  // per (path, metric): the change on each day, then a running sum read off at each wanted day
  const deltas = new Map<string, Map<string, number>>();
  for (const [metric, rowsP, sign] of sources) {
    for (const r of await rowsP) {
      const key = `${metric}\u0000${r.path}`;
      let byDay = deltas.get(key);
      if (!byDay) {
        byDay = new Map();
        deltas.set(key, byDay);
      }
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
