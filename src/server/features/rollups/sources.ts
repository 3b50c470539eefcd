import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { addDays, localDay, localDayStartMs } from '../../clock';
import { formatV7 } from '../../ids';
import { GLOBAL_SCOPE, subtreeCondition } from '../../access/scope';
import { FEVER_CELSIUS } from '../../../shared/screening';
import type { Metric } from '../../../shared/rollups';
import { listReportingUnits } from '../zero-reports';
import { getZeroReportSettings } from '../zero-reports';

/** One count read from a source table: `n` of `metric` at `path` on local `day`. */
export interface Count {
  path: string;
  day: string;
  metric: Metric;
  n: number;
}

/** One checkpoint site's flows on a local day. */
export interface SiteCount {
  siteId: string;
  path: string;
  day: string;
  passages: number;
  people: number;
  fevers: number;
  turnedBack: number;
  referred: number;
}

/**
 * The local days [from, to] to read, or every day there is (`null`: the first build over history).
 * Rows are grouped by UTC hour in SQL (the same `substr` on both engines) and the hour is turned
 * into the county's local day here, so any time zone works without engine date functions.
 */
export type DayWindow = { from: string; to: string } | null;

const num = (v: unknown) => Number(v ?? 0);

/** A cache from a UTC hour 'YYYY-MM-DDTHH' to the local day it falls in. */
function dayOfHour(timeZone: string) {
  const cache = new Map<string, string>();
  return (hour: string) => {
    let d = cache.get(hour);
    if (!d) {
      d = localDay(new Date(`${hour}:00:00Z`), timeZone);
      cache.set(hour, d);
    }
    return d;
  };
}

function bounds(window: DayWindow, timeZone: string) {
  if (!window) return null;
  const fromMs = localDayStartMs(window.from, timeZone);
  const toMs = localDayStartMs(addDays(window.to, 1), timeZone);
  return {
    from: new Date(fromMs).toISOString(),
    to: new Date(toMs).toISOString(),
    // v7 ids begin with their creation time: rows made before the window cannot have been made in it
    idFrom: formatV7(fromMs, 0, new Uint8Array(8)),
  };
}

const hourOf = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 13)`;

/**
 * A row's place as a grouping key that no index can serve. Grouping by the bare column lets
 * SQLite's planner walk the whole region_path index (a million persons: ~180 ms) to avoid a sort,
 * instead of reading the day's short v7-id range and sorting a few rows.
 */
const byPath = (column: string) => sql<string>`${sql.ref(column)} || ''`;

/**
 * The day's flows (shared/rollups.ts FLOW_METRICS) and the zero-report figures of each day in the
 * window, by region path. With a window, every query reads only that window: through a v7 id range
 * (rows created in it) or a time index, so a refresh costs one day's data however long history is.
 * A row back-dated to before the window is counted when roll-ups are rebuilt (`qunfang rollups rebuild`).
 */
export async function readFlows(db: Db, window: DayWindow, timeZone: string): Promise<{ counts: Count[]; sites: SiteCount[] }> {
  const b = bounds(window, timeZone);
  const toDay = dayOfHour(timeZone);
  const counts: Count[] = [];
  const push = (rows: { path: string; hour: string; n: unknown }[], metric: Metric) => {
    for (const r of rows) counts.push({ path: r.path, day: toDay(r.hour), metric, n: num(r.n) });
  };
  const created = <T extends { where: (...a: any[]) => T }>(qb: T, idColumn: string, timeColumn: string): T =>
    b ? qb.where(idColumn as any, '>=', b.idFrom).where(timeColumn as any, '>=', b.from).where(timeColumn as any, '<', b.to) : qb;
  const between = <T extends { where: (...a: any[]) => T }>(qb: T, timeColumn: string): T =>
    b ? qb.where(timeColumn as any, '>=', b.from).where(timeColumn as any, '<', b.to) : qb;

  const [persons, returnees, visits, doorFevers, newEpisodes, completed, cases, contacts] = await Promise.all([
    created(db.selectFrom('persons').select([byPath('region_path').as('path'), hourOf('created_at').as('hour'), (eb) => eb.fn.countAll().as('n')]), 'id', 'created_at')
      .groupBy([byPath('region_path'), hourOf('created_at')]).execute(),
    between(db.selectFrom('person_tags').select(['region_path as path', hourOf('created_at').as('hour'), (eb) => eb.fn.countAll().as('n')]).where('tag', '=', 'returnee'), 'created_at')
      .groupBy(['region_path', hourOf('created_at')]).execute(),
    created(db.selectFrom('screening_visits').select([byPath('region_path').as('path'), hourOf('visited_at').as('hour'), (eb) => eb.fn.countAll().as('n')]).where('outcome', '<>', 'not_home'), 'id', 'visited_at')
      .groupBy([byPath('region_path'), hourOf('visited_at')]).execute(),
    created(db.selectFrom('screening_checks').innerJoin('screening_visits', 'screening_visits.id', 'screening_checks.visit_id')
      .select([byPath('screening_checks.region_path').as('path'), hourOf('screening_visits.visited_at').as('hour'), (eb) => eb.fn.countAll().as('n')])
      .where('screening_checks.temperature', '>=', FEVER_CELSIUS), 'screening_visits.id', 'screening_visits.visited_at')
      .groupBy([byPath('screening_checks.region_path'), hourOf('screening_visits.visited_at')]).execute(),
    created(db.selectFrom('isolation_episodes').select([byPath('region_path').as('path'), hourOf('created_at').as('hour'), (eb) => eb.fn.countAll().as('n')]), 'id', 'created_at')
      .groupBy([byPath('region_path'), hourOf('created_at')]).execute(),
    between(db.selectFrom('isolation_episodes').select(['region_path as path', hourOf('ended_at').as('hour'), (eb) => eb.fn.countAll().as('n')])
      .where('status', '=', 'completed').where('ended_at', 'is not', null), 'ended_at')
      .groupBy(['region_path', hourOf('ended_at')]).execute(),
    created(db.selectFrom('cases').select([byPath('region_path').as('path'), hourOf('created_at').as('hour'), (eb) => eb.fn.countAll().as('n')]).where('classification', '<>', 'excluded'), 'id', 'created_at')
      .groupBy([byPath('region_path'), hourOf('created_at')]).execute(),
    created(db.selectFrom('contacts').select([byPath('region_path').as('path'), hourOf('created_at').as('hour'), (eb) => eb.fn.countAll().as('n')]).where('decision', '=', 'accepted'), 'id', 'created_at')
      .groupBy([byPath('region_path'), hourOf('created_at')]).execute(),
  ]);
  push(persons, 'newPersons');
  push(returnees, 'newReturnees');
  push(visits, 'householdsVisited');
  push(doorFevers, 'doorFevers');
  push(newEpisodes, 'newIsolations');
  push(completed, 'completedIsolations');
  push(cases, 'newCases');
  push(contacts, 'newContacts');

  // follow-up slots carry their local day already; the (day, status, temperature) index answers both
  const slotDays = <T extends { where: (...a: any[]) => T }>(qb: T): T => (window ? qb.where('day' as any, '>=', window.from).where('day' as any, '<=', window.to) : qb);
  const [missed, slotFevers] = await Promise.all([
    slotDays(db.selectFrom('follow_up_slots').select(['region_path as path', 'day', (eb) => eb.fn.countAll().as('n')]).where('status', '=', 'missed'))
      .groupBy(['region_path', 'day']).execute(),
    slotDays(db.selectFrom('follow_up_slots').select(['region_path as path', 'day', (eb) => eb.fn.countAll().as('n')]).where('status', '=', 'filled').where('temperature', '>=', FEVER_CELSIUS))
      .groupBy(['region_path', 'day']).execute(),
  ]);
  for (const r of missed) counts.push({ path: r.path, day: r.day, metric: 'followUpsMissed', n: num(r.n) });
  for (const r of slotFevers) counts.push({ path: r.path, day: r.day, metric: 'followUpFevers', n: num(r.n) });

  const sites = await readSiteFlows(db, b, toDay);
  for (const s of sites) {
    counts.push({ path: s.path, day: s.day, metric: 'passages', n: s.passages });
    counts.push({ path: s.path, day: s.day, metric: 'peopleChecked', n: s.people });
    counts.push({ path: s.path, day: s.day, metric: 'checkpointFevers', n: s.fevers });
    counts.push({ path: s.path, day: s.day, metric: 'turnedBack', n: s.turnedBack });
    counts.push({ path: s.path, day: s.day, metric: 'referred', n: s.referred });
  }
  if (window) {
    const days: string[] = [];
    for (let d = window.from; d <= window.to; d = addDays(d, 1)) days.push(d);
    counts.push(...(await readZeroReportCounts(db, days)));
  }
  return { counts, sites: mergeSiteHours(sites) };
}

/**
 * Checkpoint flows per site and hour. With a window, one (site_id, at) index range per site — the
 * site list is short — rather than an index on `at` that every passage insert would have to pay for.
 */
async function readSiteFlows(db: Db, b: ReturnType<typeof bounds>, toDay: (hour: string) => string): Promise<SiteCount[]> {
  let qb = db.selectFrom('passages')
    .select((eb) => [
      'site_id', 'region_path as path', hourOf('at').as('hour'), eb.fn.countAll().as('passages'),
      eb.fn.sum('occupant_count').as('people'), eb.fn.sum('fever_count').as('fevers'),
      eb.fn.sum(eb.case().when('decision', '=', 'turned_back').then(1).else(0).end()).as('turned_back'),
      eb.fn.sum(eb.case().when('decision', '=', 'referred').then(1).else(0).end()).as('referred'),
    ]);
  if (b) {
    const siteIds = (await db.selectFrom('checkpoint_sites').select('id').execute()).map((s) => s.id);
    if (siteIds.length === 0) return [];
    qb = qb.where('site_id', 'in', siteIds).where('at', '>=', b.from).where('at', '<', b.to);
  }
  const rows = await qb.groupBy(['site_id', 'region_path', hourOf('at')]).execute();
  return rows.map((r) => ({
    siteId: r.site_id, path: r.path, day: toDay(r.hour), passages: num(r.passages), people: num(r.people),
    fevers: num(r.fevers), turnedBack: num(r.turned_back), referred: num(r.referred),
  }));
}

function mergeSiteHours(rows: SiteCount[]): SiteCount[] {
  const byKey = new Map<string, SiteCount>();
  for (const r of rows) {
    const key = `${r.siteId}|${r.day}`;
    const s = byKey.get(key);
    if (!s) byKey.set(key, { ...r });
    else {
      s.passages += r.passages; s.people += r.people; s.fevers += r.fevers; s.turnedBack += r.turnedBack; s.referred += r.referred;
    }
  }
  return [...byKey.values()];
}

/**
 * Zero-report completeness of each of the days: units owing a report (the kinds the county
 * set, registered before the day ended), reports in, and reports in on time — counted where the unit is.
 */
export async function readZeroReportCounts(db: Db, days: readonly string[]): Promise<Count[]> {
  if (days.length === 0) return [];
  const settings = await getZeroReportSettings(db);
  const units = await listReportingUnits(db, GLOBAL_SCOPE, settings.unitKinds);
  const reports = await db.selectFrom('zero_reports').select(['unit_type', 'unit_id', 'day', 'on_time'])
    .where('day', 'in', [...days]).execute();
  const pathOf = new Map(units.map((u) => [`${u.unitType}:${u.unitId}`, u.regionPath]));
  const out: Count[] = [];
  for (const day of days) {
    for (const u of units) {
      if (u.since && u.since.slice(0, 10) > day) continue;
      out.push({ path: u.regionPath, day, metric: 'zeroReportUnits', n: 1 });
    }
  }
  for (const r of reports) {
    const path = pathOf.get(`${r.unit_type}:${r.unit_id}`);
    if (!path) continue;
    out.push({ path, day: r.day, metric: 'zeroReportsIn', n: 1 });
    if (num(r.on_time) === 1) out.push({ path, day: r.day, metric: 'zeroReportsOnTime', n: 1 });
  }
  return out;
}

/** The key tags: a person with any of them is a 重点人员 on the big screen and in the daily report. */
export const KEY_TAGS = ['hubei_travel', 'contact_history', 'fever', 'key_person'] as const;

/**
 * Stocks as of now (STOCK_METRICS but the zero-report ones), by region path: one grouped pass per
 * source over current state — never over history — so the cost follows the population, not the days.
 */
export async function readStocks(db: Db): Promise<Count[]> {
  const rounds = await db.selectFrom('screening_rounds').innerJoin('screening_round_regions as rr', 'rr.round_id', 'screening_rounds.id')
    .select(['screening_rounds.id', 'rr.region_path']).where('screening_rounds.status', '=', 'open').execute();
  const [persons, merged, households, keyPersons, returnees, isolated, cases] = await Promise.all([
    db.selectFrom('persons').select(['region_path as path', (eb) => eb.fn.countAll().as('n')]).groupBy('region_path').execute(),
    // merged-away duplicates, found through the (short) merge log rather than a scan of persons
    db.selectFrom('person_merges as m').innerJoin('persons as p', 'p.id', 'm.merged_id')
      .select(['p.region_path as path', (eb) => eb.fn.countAll().as('n')]).where('m.undone_at', 'is', null).where('p.status', '=', 'merged')
      .groupBy('p.region_path').execute(),
    db.selectFrom('households').select(['region_path as path', (eb) => eb.fn.countAll().as('n')]).groupBy('region_path').execute(),
    db.selectFrom('person_tags').select(['region_path as path', (eb) => eb.fn.count('person_id').distinct().as('n')]).where('tag', 'in', [...KEY_TAGS]).groupBy('region_path').execute(),
    db.selectFrom('person_tags').select(['region_path as path', (eb) => eb.fn.countAll().as('n')]).where('tag', '=', 'returnee').groupBy('region_path').execute(),
    db.selectFrom('isolation_episodes').select(['region_path as path', 'kind', (eb) => eb.fn.countAll().as('n')]).where('status', '=', 'active').groupBy(['region_path', 'kind']).execute(),
    db.selectFrom('cases').select((eb) => [
      'region_path as path',
      eb.fn.sum(eb.case().when(eb.and([eb('classification', '<>', 'excluded'), eb('outcome', '=', 'under_treatment')])).then(1).else(0).end()).as('active'),
      eb.fn.sum(eb.case().when('classification', '=', 'confirmed').then(1).else(0).end()).as('confirmed'),
    ]).groupBy('region_path').execute(),
  ]);
  const out: Count[] = [];
  const day = '';
  for (const r of persons) out.push({ path: r.path, day, metric: 'residents', n: num(r.n) });
  for (const r of merged) out.push({ path: r.path, day, metric: 'residents', n: -num(r.n) });
  for (const r of households) out.push({ path: r.path, day, metric: 'households', n: num(r.n) });
  for (const r of keyPersons) out.push({ path: r.path, day, metric: 'keyPersons', n: num(r.n) });
  for (const r of returnees) out.push({ path: r.path, day, metric: 'returnees', n: num(r.n) });
  const kindMetric = { home: 'inIsolationHome', centralised: 'inIsolationCentralised', hospital: 'inIsolationHospital' } as const;
  for (const r of isolated) out.push({ path: r.path, day, metric: kindMetric[r.kind], n: num(r.n) });
  for (const r of cases) {
    out.push({ path: r.path, day, metric: 'activeCases', n: num(r.active) });
    out.push({ path: r.path, day, metric: 'confirmedCases', n: num(r.confirmed) });
  }
  // screening coverage of each open round, over the households of the round's regions
  const roundPaths = new Map<string, string[]>();
  for (const r of rounds) roundPaths.set(r.id, [...(roundPaths.get(r.id) ?? []), r.region_path]);
  for (const [roundId, paths] of roundPaths) {
    const rows = await db.selectFrom('households as h')
      .leftJoin('screening_household_status as s', (join) => join.onRef('s.household_id', '=', 'h.id').on('s.round_id', '=', roundId))
      .select(['h.region_path as path', (eb) => eb.fn.countAll().as('total'), sql<number>`sum(case when s.status = 'visited' then 1 else 0 end)`.as('visited')])
      .where('h.vacant', '=', 0)
      .where((eb) => eb.or(paths.map((p) => subtreeCondition(eb, 'h.region_path', p))))
      .groupBy('h.region_path').execute();
    for (const r of rows) {
      out.push({ path: r.path, day, metric: 'roundHouseholds', n: num(r.total) });
      out.push({ path: r.path, day, metric: 'roundVisited', n: num(r.visited) });
    }
  }
  return out;
}
