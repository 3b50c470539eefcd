import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { addDays, localDay, localDayStartMs } from '../../clock';
import { formatV7 } from '../../ids';
import { GLOBAL_SCOPE } from '../../access/scope';
import type { Metric } from '../../../shared/rollups';
import { getZeroReportSettings, listReportingUnits, listReportsOfDays } from '../zero-reports';
import { countDoorFeversByHour, countHouseholdVisitsByHour, openRoundsCoverage } from '../screening';
import {
  countCasesCreated,
  countContactsAccepted,
  countFollowUps,
  countIsolationsBegun,
  countIsolationsCompleted,
  countPassages,
  countPersonsCreated,
  countReturneesTagged,
  countStocks,
  type CreatedWindow,
  type HourCount,
} from './sources.repository';
import {
  calloutsOnTime,
  countCalloutsOrdered,
  countMobilisationStocks,
  countPledgesSigned,
  countTasksDone,
  membersOnDuty,
  minutesApproved,
} from './mobilisation-sources.repository';
import { branchFlags } from '../temp-branches';

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
export function dayOfHour(timeZone: string) {
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

function bounds(window: DayWindow, timeZone: string): CreatedWindow {
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

/**
 * The day's flows (shared/rollups.ts FLOW_METRICS) and the zero-report figures of each day in the
 * window, by region path. With a window, every query reads only that window: through a v7 id range
 * (rows created in it) or a time index, so a refresh costs one day's data however long history is.
 * A row back-dated to before the window is counted when roll-ups are rebuilt (`qunfang rollups rebuild`).
 */
export async function readFlows(
  db: Db,
  window: DayWindow,
  timeZone: string,
): Promise<{ counts: Count[]; sites: SiteCount[] }> {
  const b = bounds(window, timeZone);
  const toDay = dayOfHour(timeZone);
  const counts: Count[] = [];
  const push = (rows: HourCount[], metric: Metric) => {
    for (const r of rows) counts.push({ path: r.path, day: toDay(r.hour), metric, n: num(r.n) });
  };

  const [persons, returnees, visits, doorFevers, newEpisodes, completed, cases, contacts] = await Promise.all([
    countPersonsCreated(db, b),
    countReturneesTagged(db, b),
    countHouseholdVisitsByHour(db, b),
    countDoorFeversByHour(db, b),
    countIsolationsBegun(db, b),
    countIsolationsCompleted(db, b),
    countCasesCreated(db, b),
    countContactsAccepted(db, b),
  ]);
  push(persons, 'newPersons');
  push(returnees, 'newReturnees');
  push(visits, 'householdsVisited');
  push(doorFevers, 'doorFevers');
  push(newEpisodes, 'newIsolations');
  push(completed, 'completedIsolations');
  push(cases, 'newCases');
  push(contacts, 'newContacts');

  // follow-up slots carry their local day already
  const [missed, slotFevers] = await Promise.all([
    countFollowUps(db, window, 'missed'),
    countFollowUps(db, window, 'fevers'),
  ]);
  for (const r of missed) counts.push({ path: r.path, day: r.day, metric: 'followUpsMissed', n: num(r.n) });
  for (const r of slotFevers) counts.push({ path: r.path, day: r.day, metric: 'followUpFevers', n: num(r.n) });

  counts.push(...(await readMobilisationFlows(db, b, toDay)));

  const sites = (await countPassages(db, b)).map((r) => ({
    siteId: r.site_id,
    path: r.path,
    day: toDay(r.hour),
    passages: num(r.passages),
    people: num(r.people),
    fevers: num(r.fevers),
    turnedBack: num(r.turned_back),
    referred: num(r.referred),
  }));
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
 * Mobilisation's flows: party members at the front line (each person once a day, where they first
 * stood), call-outs ordered, and call-outs complete by their deadline.
 */
async function readMobilisationFlows(db: Db, b: CreatedWindow, toDay: (hour: string) => string): Promise<Count[]> {
  const [onDuty, ordered, onTime, pledges, tasksDone, minutes] = await Promise.all([
    membersOnDuty(db, b),
    countCalloutsOrdered(db, b),
    calloutsOnTime(db, b),
    countPledgesSigned(db, b),
    countTasksDone(db, b),
    minutesApproved(db, b),
  ]);
  const out: Count[] = [];
  const seen = new Set<string>();
  for (const r of [...onDuty].sort((x, y) => (x.hour < y.hour ? -1 : x.hour > y.hour ? 1 : 0))) {
    const day = toDay(r.hour);
    const key = `${r.person_id}|${day}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: r.path, day, metric: 'partyMembersOnDuty', n: 1 });
  }
  for (const r of ordered) out.push({ path: r.path, day: toDay(r.hour), metric: 'callouts', n: num(r.n) });
  for (const r of onTime) out.push({ path: r.path, day: toDay(r.hour), metric: 'calloutsOnTime', n: num(r.n) });
  for (const r of pledges) out.push({ path: r.path, day: toDay(r.hour), metric: 'pledges', n: num(r.n) });
  for (const r of tasksDone) out.push({ path: r.path, day: toDay(r.hour), metric: 'volunteerTasksDone', n: num(r.n) });
  // approved minutes summed per place and day, then whole hours (rounded per place and day)
  const minutesAt = new Map<string, number>();
  for (const r of minutes) {
    const key = `${r.path}\u0000${toDay(r.hour)}`;
    minutesAt.set(key, (minutesAt.get(key) ?? 0) + num(r.n));
  }
  for (const [key, m] of minutesAt) {
    const [path, day] = key.split('\u0000') as [string, string];
    const hours = Math.round(m / 60);
    if (hours > 0) out.push({ path, day, metric: 'volunteerHours', n: hours });
  }
  return out;
}

function mergeSiteHours(rows: SiteCount[]): SiteCount[] {
  const byKey = new Map<string, SiteCount>();
  for (const r of rows) {
    const key = `${r.siteId}|${r.day}`;
    const s = byKey.get(key);
    if (!s) byKey.set(key, { ...r });
    else {
      s.passages += r.passages;
      s.people += r.people;
      s.fevers += r.fevers;
      s.turnedBack += r.turnedBack;
      s.referred += r.referred;
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
  const reports = await listReportsOfDays(db, days);
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

/**
 * Stocks as of now (STOCK_METRICS but the zero-report ones), by region path: one grouped pass per
 * source over current state — never over history — so the cost follows the population, not the days.
 */
export async function readStocks(db: Db, clock: Clock): Promise<Count[]> {
  const [{ persons, merged, households, keyPersons, returnees, isolated, cases }, coverage, mobilisation] =
    await Promise.all([countStocks(db), openRoundsCoverage(db), countMobilisationStocks(db)]);
  const flags = await branchFlags(db, clock, GLOBAL_SCOPE);
  const out: Count[] = [];
  const day = '';
  for (const r of persons) out.push({ path: r.path, day, metric: 'residents', n: num(r.n) });
  for (const r of merged) out.push({ path: r.path, day, metric: 'residents', n: -num(r.n) });
  for (const r of households) out.push({ path: r.path, day, metric: 'households', n: num(r.n) });
  for (const r of keyPersons) out.push({ path: r.path, day, metric: 'keyPersons', n: num(r.n) });
  for (const r of returnees) out.push({ path: r.path, day, metric: 'returnees', n: num(r.n) });
  const kindMetric = {
    home: 'inIsolationHome',
    centralised: 'inIsolationCentralised',
    hospital: 'inIsolationHospital',
  } as const;
  for (const r of isolated) out.push({ path: r.path, day, metric: kindMetric[r.kind], n: num(r.n) });
  for (const r of cases) {
    out.push({ path: r.path, day, metric: 'activeCases', n: num(r.active) });
    out.push({ path: r.path, day, metric: 'confirmedCases', n: num(r.confirmed) });
  }
  // screening coverage of each open round, over the households of the round's regions
  for (const r of coverage) {
    out.push({ path: r.path, day, metric: 'roundHouseholds', n: r.households });
    out.push({ path: r.path, day, metric: 'roundVisited', n: r.visited });
  }
  for (const r of mobilisation.partyMembers) out.push({ path: r.path, day, metric: 'partyMembers', n: num(r.n) });
  for (const r of mobilisation.teams) out.push({ path: r.path, day, metric: 'commandoTeams', n: num(r.n) });
  for (const r of mobilisation.volunteers) out.push({ path: r.path, day, metric: 'volunteersActive', n: num(r.n) });
  for (const r of mobilisation.groups) out.push({ path: r.path, day, metric: 'volunteerGroups', n: num(r.n) });
  for (const r of mobilisation.reported) out.push({ path: r.path, day, metric: 'membersReported', n: num(r.n) });
  for (const r of mobilisation.branches) out.push({ path: r.path, day, metric: 'tempBranches', n: num(r.n) });
  for (const f of flags.flags) out.push({ path: f.regionPath, day, metric: 'tempBranchesFlagged', n: 1 });
  return out;
}
