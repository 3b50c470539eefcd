import type { Db } from '../../db/database';
import { addDays, localDay, type Clock } from '../../clock';
import type { Actor } from '../../access/actor';
import type { Scope } from '../../access/scope';
import type { Role } from '../../../shared/enums';
import {
  COVER_WINDOW_DAYS,
  DEFAULT_COVER_THRESHOLD_DAYS,
  type CoverQuery,
  type CoverReport,
  type CoverRow,
  type CoverSettings,
} from '../../../shared/supplies-cover';
import { audit } from '../audit';
import { readSetting, upsertSettings } from '../settings';
import { getWarehouse } from './catalogue.service';
import { stockWithNames, consumedInWindow, consumedOnDay } from './cover.repository';

const KEY = 'supplies.cover';

/** Who may change the county's threshold. */
export const COVER_SETTINGS_ROLES: readonly Role[] = ['admin', 'command', 'supplies'];

/** The county's cover threshold: the saved setting, else 3 days. */
export async function coverSettings(db: Db): Promise<CoverSettings> {
  const value = await readSetting(db, KEY);
  const saved = value === undefined ? {} : (JSON.parse(value) as Partial<CoverSettings>);
  return { thresholdDays: saved.thresholdDays ?? DEFAULT_COVER_THRESHOLD_DAYS };
}

/** Change the threshold (audited); the alerts follow at once. */
export async function saveCoverSettings(
  db: Db,
  clock: Clock,
  actor: Actor,
  settings: CoverSettings,
): Promise<CoverSettings> {
  await db.transaction().execute(async (trx) => {
    await upsertSettings(trx, { [KEY]: JSON.stringify(settings) });
    await audit(trx, clock, actor, { action: 'supplies.cover_settings', details: settings });
  });
  return coverSettings(db);
}

/**
 * Days of cover (可用天数) per warehouse and item as of the county-local day `day`: the stock now
 * divided by the average daily use over the 7 local days before `day` (today's use so far lowers the
 * stock but not yet the rate). The average divides by 7, or — for a site whose first report in the
 * window is later — by the days from that first report to the window's end, so a checkpoint opened
 * three days ago is not averaged over days it did not exist. No use in the window: no rate, no
 * figure, no alert (the pair is not listed). Stock gone with use in the window: 0 days. Rows below
 * the threshold are `low`; the list is worst first. Only active warehouses of the scope count.
 */
export async function coverRows(
  db: Db,
  scope: Scope,
  opts: { day: string; thresholdDays: number; warehouseId?: string },
): Promise<CoverRow[]> {
  const from = addDays(opts.day, -COVER_WINDOW_DAYS);
  const to = addDays(opts.day, -1);
  const use = (await consumedInWindow(db, scope, from, to)).filter(
    (u) =>
      u.used > 0 && u.first_day !== null && (opts.warehouseId === undefined || u.warehouse_id === opts.warehouseId),
  );
  const stock = await stockWithNames(db, scope, [...new Set(use.map((u) => u.warehouse_id))]);
  const byKey = new Map(stock.map((s) => [`${s.warehouse_id}|${s.item_id}`, s]));
  const rows: CoverRow[] = [];
  for (const u of use) {
    const s = byKey.get(`${u.warehouse_id}|${u.item_id}`);
    if (!s) continue;
    const days = daysBetween(u.first_day!, to) + 1;
    const dailyUse = u.used / days;
    const daysOfCover = Math.floor((s.quantity / dailyUse) * 10) / 10;
    rows.push({
      warehouseId: s.warehouse_id,
      warehouseName: s.warehouse_name,
      warehouseKind: s.warehouse_kind,
      regionName: s.region_name,
      regionPath: s.region_path,
      itemId: s.item_id,
      itemCode: s.item_code,
      itemName: s.item_name,
      unit: s.unit,
      stock: s.quantity,
      used: u.used,
      days,
      dailyUse: Math.round(dailyUse * 10) / 10,
      daysOfCover,
      low: daysOfCover < opts.thresholdDays,
    });
  }
  return rows.sort(
    (a, b) =>
      a.daysOfCover! - b.daysOfCover! ||
      a.warehouseName.localeCompare(b.warehouseName, 'zh-CN') ||
      a.itemCode.localeCompare(b.itemCode),
  );
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The desk's view: today's days of cover in the jurisdiction under the county's threshold, worst first. */
export async function coverReport(
  db: Db,
  clock: Clock,
  timeZone: string,
  scope: Scope,
  q: CoverQuery,
): Promise<CoverReport> {
  if (q.warehouseId !== undefined) await getWarehouse(db, scope, q.warehouseId);
  const day = localDay(clock.now(), timeZone);
  const { thresholdDays } = await coverSettings(db);
  const rows = await coverRows(db, scope, { day, thresholdDays, warehouseId: q.warehouseId });
  return { day, thresholdDays, rows: q.low ? rows.filter((r) => r.low) : rows };
}

/** The township's path of a region path (/county/township/…/ → /county/township/), or the path itself above. */
function townshipPathOf(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts.length <= 2 ? path : `/${parts.slice(0, 2).join('/')}/`;
}

export interface CoverFigure {
  /** the township's region path (the county's own path for county-level warehouses) */
  regionPath: string;
  /** warehouses with at least one item below the threshold */
  lowCoverSites: number;
  /** warehouse–item pairs below the threshold */
  lowCoverItems: number;
  /** units used on `day` (reports of use net of reversals), by item code */
  usedByItem: Record<string, number>;
}

/**
 * Consumption and cover per township for the organisation department's page, the big screen and
 * the daily report: sites and items below the county's threshold as of `day` (the rate from the 7
 * days before it, the stock now), and what was used on `day`. Only the scope is counted; a township
 * with nothing to say is absent.
 */
export async function coverFigures(db: Db, scope: Scope, opts: { day: string }): Promise<CoverFigure[]> {
  const { thresholdDays } = await coverSettings(db);
  const out = new Map<string, CoverFigure & { sites: Set<string> }>();
  const at = (path: string) => {
    const regionPath = townshipPathOf(path);
    let f = out.get(regionPath);
    if (!f) {
      f = { regionPath, lowCoverSites: 0, lowCoverItems: 0, usedByItem: {}, sites: new Set() };
      out.set(regionPath, f);
    }
    return f;
  };
  for (const r of await coverRows(db, scope, { day: opts.day, thresholdDays })) {
    if (!r.low) continue;
    const f = at(r.regionPath);
    f.lowCoverItems += 1;
    f.sites.add(r.warehouseId);
  }
  for (const u of await consumedOnDay(db, scope, opts.day)) {
    if (u.used === 0) continue;
    const f = at(u.region_path);
    f.usedByItem[u.item_code] = (f.usedByItem[u.item_code] ?? 0) + u.used;
  }
  return [...out.values()]
    .map(({ sites, ...f }) => ({ ...f, lowCoverSites: sites.size }))
    .sort((a, b) => a.regionPath.localeCompare(b.regionPath));
}
