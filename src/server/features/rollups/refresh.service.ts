import type { Db } from '../../db/database';
import { addDays, localDay, nowIso, type Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { FLOW_METRICS, STOCK_METRICS, type Metric } from '../../../shared/rollups';
import { readFlows, readStocks, readZeroReportCounts, type Count, type SiteCount } from './sources';
import { daysWithZeroReports } from '../zero-reports';
import { readStockHistory } from './history';
import {
  daysWithZeroReportUnits,
  deleteAllRollups,
  findNonZeroRollups,
  findSiteRollups,
  getRollupState,
  initRollupState,
  setRollupState,
  swapRollupState,
  upsertRollups,
  upsertSiteRollups,
  type RollupRow,
} from './rollups.repository';
import { anyRegionPathOfLevel } from './dashboard.repository';

/** The zero-report figures are per day, like flows, though they read as a state on the screen. */
const DAY_METRICS: readonly Metric[] = [...FLOW_METRICS, 'zeroReportUnits', 'zeroReportsIn', 'zeroReportsOnTime'];
const NOW_STOCKS: readonly Metric[] = STOCK_METRICS.filter((m) => !DAY_METRICS.includes(m));

/** How long a process keeps the refresher's lease: others take over if it dies. */
const LEASE_MS = 60_000;
/** Stocks are recounted at most this often (they need one pass over current state each time). */
const STOCK_INTERVAL_MS = 60_000;

const segments = (path: string) => path.split('/').length - 2;

/** How deep roll-ups go: down to grids (or villages where there are none); never buildings. */
async function deepestRolledUp(db: Db): Promise<number> {
  for (const level of ['grid', 'village'] as const) {
    const path = await anyRegionPathOfLevel(db, level);
    if (path) return segments(path);
  }
  return Number.MAX_SAFE_INTEGER;
}

type Nodes = Map<string, Map<string, Partial<Record<Metric, number>>>>;

/** Adds each count to its place and to every ancestor down to `maxDepth`: day → node path → figures. */
function foldToNodes(counts: readonly Count[], maxDepth: number, dayOverride?: string): Nodes {
  const out: Nodes = new Map();
  for (const c of counts) {
    if (c.n === 0) continue;
    const day = dayOverride ?? c.day;
    let byNode = out.get(day);
    if (!byNode) {
      byNode = new Map();
      out.set(day, byNode);
    }
    let end = c.path.indexOf('/', 1);
    let depth = 1;
    while (end > 0 && depth <= maxDepth) {
      const node = c.path.slice(0, end + 1);
      let f = byNode.get(node);
      if (!f) {
        f = {};
        byNode.set(node, f);
      }
      f[c.metric] = (f[c.metric] ?? 0) + c.n;
      end = c.path.indexOf('/', end + 1);
      depth++;
    }
  }
  return out;
}

/**
 * The rows of one day to write so that, in the given columns, every node's row equals `nodes` (a
 * node absent from it gets 0 there). Only rows that differ are returned (an upsert writes a row
 * that is missing or all zeros alike); with `fresh` (a rebuild on emptied tables) nothing is read.
 */
async function dayChanges(
  db: Db,
  day: string,
  nodes: Map<string, Partial<Record<Metric, number>>>,
  columns: readonly Metric[],
  now: string,
  fresh = false,
): Promise<RollupRow[]> {
  // a row with only zeros in these columns that should stay zero needs nothing: read the others only
  const existing = fresh ? [] : await findNonZeroRollups(db, day, columns);
  const changed: RollupRow[] = [];
  const seen = new Set<string>();
  for (const row of existing) {
    seen.add(row.region_path);
    const f = nodes.get(row.region_path) ?? {};
    if (columns.some((m) => Number(row[m]) !== (f[m] ?? 0))) changed.push(rowOf(row.region_path, day, f, columns, now));
  }
  for (const [path, f] of nodes) {
    if (!seen.has(path)) changed.push(rowOf(path, day, f, columns, now));
  }
  return changed;
}

/** Upserts day rows, setting only `columns` on rows that exist (flows and stocks are written apart). */
async function upsertDay(db: Db, rows: readonly RollupRow[], columns: readonly Metric[]): Promise<number> {
  await upsertRollups(db, rows, columns);
  return rows.length;
}

function rowOf(
  path: string,
  day: string,
  f: Partial<Record<Metric, number>>,
  columns: readonly Metric[],
  now: string,
): RollupRow {
  const row: RollupRow = { region_path: path, day, depth: segments(path), updated_at: now };
  for (const m of columns) row[m] = f[m] ?? 0;
  return row;
}

/** The checkpoint sites' rows of the given days that differ from `sites`. */
async function siteChanges(
  db: Db,
  days: readonly string[],
  sites: readonly SiteCount[],
  fresh = false,
): Promise<SiteCount[]> {
  if (days.length === 0) return [];
  const existing = fresh ? [] : await findSiteRollups(db, days);
  const want = new Map(sites.map((s) => [`${s.siteId}|${s.day}`, s]));
  const changed: SiteCount[] = [];
  for (const e of existing) {
    const key = `${e.site_id}|${e.day}`;
    const s = want.get(key) ?? {
      siteId: e.site_id,
      day: e.day,
      path: e.region_path,
      passages: 0,
      people: 0,
      fevers: 0,
      turnedBack: 0,
      referred: 0,
    };
    want.delete(key);
    if (
      Number(e.passages) !== s.passages ||
      Number(e.people) !== s.people ||
      Number(e.fevers) !== s.fevers ||
      Number(e.turned_back) !== s.turnedBack ||
      Number(e.referred) !== s.referred ||
      e.region_path !== s.path
    )
      changed.push(s);
  }
  changed.push(...want.values());
  return changed;
}

async function upsertSites(db: Db, changed: readonly SiteCount[], now: string): Promise<number> {
  await upsertSiteRollups(
    db,
    changed.map((s) => ({
      site_id: s.siteId,
      day: s.day,
      region_path: s.path,
      passages: s.passages,
      people: s.people,
      fevers: s.fevers,
      turned_back: s.turnedBack,
      referred: s.referred,
      updated_at: now,
    })),
  );
  return changed.length;
}

/** The version the live stream watches; it moves whenever a refresh changed a figure. */
export async function rollupVersion(db: Db): Promise<string> {
  return (await getRollupState(db, 'version')) ?? '0';
}

async function bumpVersion(db: Db, now: string): Promise<void> {
  await setRollupState(db, 'version', String(Number(await rollupVersion(db)) + 1), now);
}

const holder = uuidv7();

/**
 * Takes (or keeps) the refresher's lease, so that of a province's server processes one refreshes
 * at a time and another takes over within a minute if it dies. A compare-and-set on one row.
 */
async function takeLease(db: Db, clock: Clock): Promise<boolean> {
  const nowMs = clock.now().getTime();
  const now = nowIso(clock);
  const value = `${holder}|${nowMs + LEASE_MS}`;
  await initRollupState(db, 'lease', '|0', now);
  const current = (await getRollupState(db, 'lease')) ?? '|0';
  const [who, until] = current.split('|');
  if (who !== holder && Number(until) > nowMs) return false;
  return swapRollupState(db, 'lease', current, value, now);
}

export interface RefreshResult {
  refreshed: boolean;
  changedRows: number;
  stocks: boolean;
}

/**
 * Keeps the roll-ups current. Past days are closed: only yesterday (late marks — an evening
 * follow-up turns missed after midnight) and today are recounted, each from that window's rows
 * alone; stocks are recounted into today's row at most once a minute, and at once on a new day.
 * The first run on a database with history rebuilds every past day first (see rebuildRollups).
 * Safe from several processes: one holds the lease, the others skip.
 */
export async function refreshRollups(
  db: Db,
  clock: Clock,
  timeZone: string,
  opts: { force?: boolean } = {},
): Promise<RefreshResult> {
  if (!(await takeLease(db, clock))) return { refreshed: false, changedRows: 0, stocks: false };
  if (!(await getRollupState(db, 'built'))) {
    const changedRows = await rebuildRollups(db, clock, timeZone);
    return { refreshed: true, changedRows, stocks: true };
  }
  const now = nowIso(clock);
  const today = localDay(clock.now(), timeZone);
  const maxDepth = await deepestRolledUp(db);
  const window = { from: addDays(today, -1), to: today };
  const { counts, sites } = await readFlows(db, window, timeZone);
  const byDay = foldToNodes(counts, maxDepth);
  const [stocksDay, stocksAt] = ((await getRollupState(db, 'stocks')) ?? '|0').split('|');
  const stocksDue = opts.force || stocksDay !== today || clock.now().getTime() - Number(stocksAt) >= STOCK_INTERVAL_MS;
  const stocks = stocksDue ? (foldToNodes(await readStocks(db, clock), maxDepth, today).get(today) ?? new Map()) : null;
  // sources and current rows are read outside the transaction (the lease makes this the only
  // writer); the changed rows land together, so a reader never sees half a refresh
  const flowRows = [
    ...(await dayChanges(db, window.from, byDay.get(window.from) ?? new Map(), DAY_METRICS, now)),
    ...(await dayChanges(db, window.to, byDay.get(window.to) ?? new Map(), DAY_METRICS, now)),
  ];
  const stockRows = stocks ? await dayChanges(db, today, stocks, NOW_STOCKS, now) : [];
  const siteRows = await siteChanges(db, [window.from, window.to], sites);
  const changedRows = flowRows.length + stockRows.length + siteRows.length;
  if (changedRows > 0 || stocks) {
    await db.transaction().execute(async (trx) => {
      await upsertDay(trx, flowRows, DAY_METRICS);
      await upsertDay(trx, stockRows, NOW_STOCKS);
      await upsertSites(trx, siteRows, now);
      if (stocks) await setRollupState(trx, 'stocks', `${today}|${clock.now().getTime()}`, now);
      if (changedRows > 0) await bumpVersion(trx, now);
    });
  }
  return { refreshed: true, changedRows, stocks: stocksDue };
}

/**
 * The refresher as the server's ticker runs it: a refresh every tick, unless the last one was
 * heavy — then it rests nine times as long as it worked, so a day with a million-row import in it
 * costs the server at most a tenth of a core while the big screen still moves every few seconds.
 */
export function rollupRefreshJob(
  db: Db,
  clock: Clock,
  timeZone: string,
): () => Promise<RefreshResult | { refreshed: false; resting: true }> {
  let restUntil = 0;
  return async () => {
    if (performance.now() < restUntil) return { refreshed: false, resting: true };
    const started = performance.now();
    try {
      return await refreshRollups(db, clock, timeZone);
    } finally {
      const took = performance.now() - started;
      restUntil = performance.now() + 9 * took;
    }
  };
}

/**
 * Rebuilds every day's roll-ups from history: flows of all days in one grouped pass per source,
 * stocks of past days reconstructed (see readStockHistory), today's stocks recounted. Run once on
 * the first start after roll-ups were introduced, by the demo, and by `qunfang rollups rebuild`
 * after a back-dated bulk correction.
 */
export async function rebuildRollups(db: Db, clock: Clock, timeZone: string): Promise<number> {
  const now = nowIso(clock);
  const today = localDay(clock.now(), timeZone);
  const maxDepth = await deepestRolledUp(db);
  const { counts, sites } = await readFlows(db, null, timeZone);
  const flowDays = [...new Set(counts.map((c) => c.day))].filter((d) => d < today).sort();
  // completeness of past days: the days some unit reported (a day nobody reported on predates the system)
  // and the days the refresher already counted, so a rebuild never forgets a day that was owed
  const reportedDays = await daysWithZeroReports(db);
  const countedDays = await daysWithZeroReportUnits(db);
  const zeroCounts = await readZeroReportCounts(db, [
    ...new Set([...reportedDays, ...countedDays, addDays(today, -1), today]),
  ]);
  const history = await readStockHistory(db, flowDays, timeZone);

  const dayFigures = foldToNodes([...counts, ...zeroCounts], maxDepth);
  const pastStocks = foldToNodes(history, maxDepth);
  const stocks = foldToNodes(await readStocks(db, clock), maxDepth, today).get(today) ?? new Map();
  const days = [...new Set([...dayFigures.keys(), ...pastStocks.keys(), today])].sort();
  const changedRows = await db.transaction().execute(async (trx) => {
    await deleteAllRollups(trx);
    let changed = 0;
    for (const day of days) {
      changed += await upsertDay(
        trx,
        await dayChanges(trx, day, dayFigures.get(day) ?? new Map(), DAY_METRICS, now, true),
        DAY_METRICS,
      );
      changed += await upsertDay(
        trx,
        await dayChanges(trx, day, day < today ? (pastStocks.get(day) ?? new Map()) : stocks, NOW_STOCKS, now),
        NOW_STOCKS,
      );
    }
    changed += await upsertSites(trx, await siteChanges(trx, [...new Set(sites.map((s) => s.day))], sites, true), now);
    await setRollupState(trx, 'stocks', `${today}|${clock.now().getTime()}`, now);
    await setRollupState(trx, 'built', now, now);
    await bumpVersion(trx, now);
    return changed;
  });
  return changedRows;
}
