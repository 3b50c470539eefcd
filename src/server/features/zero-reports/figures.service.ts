import type { Db } from '../../db/database';
import { addDays, localDayStartMs } from '../../clock';
import { DEFAULT_GRACE_MINUTES } from '../../../shared/isolation';
import { FIGURES_OF, type ZeroReportFigures, type ZeroReportUnitType } from '../../../shared/zero-reports';
import { countDoorFevers, countHouseholdsScreened } from '../screening';
import type { ReportingUnit } from './units.repository';
import {
  countAtIsolationSites,
  countHomeFollowUpFevers,
  countHomeFollowUpsMissed,
  countHomeIsolated,
  countHomeIsolationsBegun,
  countPassagesOfSites,
  countReturneesTagged,
} from './figures.repository';

/**
 * What the zero report of local day D covers: flows over the previous local day [from, to) =
 * [D−1 00:00, D 00:00) in the county's time zone; stocks as of `asOf` — now, but never later than
 * the end of D (a report filed late for a past day counts its stocks as that day ended).
 */
export interface ReportPeriod {
  day: string;
  from: string;
  to: string;
  asOf: string;
}

/** The period the report of local day `day` covers, seen at `now` (see ReportPeriod). */
export function reportPeriod(day: string, timeZone: string, now: Date): ReportPeriod {
  const endOfDay = localDayStartMs(addDays(day, 1), timeZone);
  return {
    day,
    from: new Date(localDayStartMs(addDays(day, -1), timeZone)).toISOString(),
    to: new Date(localDayStartMs(day, timeZone)).toISOString(),
    asOf: new Date(Math.min(now.getTime(), endOfDay)).toISOString(),
  };
}

/** The instant a day's report is due: local midnight of `day` plus the HH:MM deadline. */
export function deadlineOf(day: string, deadline: string, timeZone: string): Date {
  const [h, m] = deadline.split(':').map(Number) as [number, number];
  return new Date(localDayStartMs(day, timeZone) + (h * 60 + m) * 60_000);
}

/** One key for a unit across the three kinds: `village:<id>`, `checkpoint_site:<id>`, `isolation_site:<id>`. */
export const unitKey = (unitType: ZeroReportUnitType, unitId: string) => `${unitType}:${unitId}`;

/** The longest path prefix (on segment boundaries) shared by all the paths: one range for every query. */
function commonPrefix(paths: readonly string[]): string {
  if (paths.length === 0) return '/';
  let prefix = paths[0]!;
  for (const p of paths) {
    while (!p.startsWith(prefix)) prefix = prefix.slice(0, prefix.lastIndexOf('/', prefix.length - 2) + 1);
  }
  return prefix || '/';
}

const n = (v: unknown) => Number(v ?? 0);

/**
 * Qunfang's own figures for each unit over a report period — what the form is pre-filled with.
 * Every figure is one grouped query over the units' common subtree (villages) or their ids
 * (sites), so a whole county costs the same few queries as one village.
 *
 * - newReturnees: persons tagged 返乡人员 during the day (person_tags.created_at), where they live;
 * - householdsScreened: households visited and found at home (screening_visits, outcome ≠ not_home);
 * - fevers: ≥ 37.3 °C at a door (screening_checks), at a follow-up of someone isolated at home or in
 *   hospital (village) or at the site (isolation site), or among a checkpoint's occupants;
 * - newIsolations / inIsolation / followUpsMissed: isolation episodes not at a centralised site
 *   (village) or at the site; a follow-up slot due that day counts as missed when marked so, or
 *   still pending more than the grace period after its window closed;
 * - passages / peopleChecked / turnedBack: the checkpoint's register.
 */
export async function computeFigures(
  db: Db,
  units: readonly ReportingUnit[],
  period: ReportPeriod,
): Promise<Map<string, ZeroReportFigures>> {
  const out = new Map<string, ZeroReportFigures>();
  for (const u of units)
    out.set(
      unitKey(u.unitType, u.unitId),
      Object.fromEntries(FIGURES_OF[u.unitType].map((k) => [k, 0])) as ZeroReportFigures,
    );
  const { from, to, asOf } = period;
  const missedBefore = new Date(Date.parse(asOf) - DEFAULT_GRACE_MINUTES * 60_000).toISOString();

  const villages = units.filter((u) => u.unitType === 'village');
  if (villages.length > 0) {
    const prefix = commonPrefix(villages.map((v) => v.regionPath));
    const villageByPath = new Map(villages.map((v) => [v.regionPath, out.get(unitKey('village', v.unitId))!]));
    /** The figures of the village a row's path lies in (rows outside every village are left out). */
    const villageOf = (path: string) => {
      let candidate = path;
      while (candidate.length > 1) {
        const hit = villageByPath.get(candidate);
        if (hit) return hit;
        candidate = candidate.slice(0, candidate.lastIndexOf('/', candidate.length - 2) + 1);
      }
      return undefined;
    };
    const addTo = (rows: { path: string; n: unknown }[], key: keyof ZeroReportFigures) => {
      for (const r of rows) {
        const f = villageOf(r.path);
        if (f) f[key] = (f[key] ?? 0) + n(r.n);
      }
    };
    const [returnees, screened, doorFevers, slotFevers, newEpisodes, stock, missed] = await Promise.all([
      countReturneesTagged(db, prefix, from, to),
      countHouseholdsScreened(db, prefix, from, to),
      countDoorFevers(db, prefix, from, to),
      countHomeFollowUpFevers(db, prefix, from, to),
      countHomeIsolationsBegun(db, prefix, from, to),
      countHomeIsolated(db, prefix, asOf),
      countHomeFollowUpsMissed(db, prefix, from, to, missedBefore),
    ]);
    addTo(returnees, 'newReturnees');
    addTo(screened, 'householdsScreened');
    addTo(doorFevers, 'fevers');
    addTo(slotFevers, 'fevers');
    addTo(newEpisodes, 'newIsolations');
    addTo(stock, 'inIsolation');
    addTo(missed, 'followUpsMissed');
  }

  const checkpoints = units.filter((u) => u.unitType === 'checkpoint_site').map((u) => u.unitId);
  if (checkpoints.length > 0) {
    const rows = await countPassagesOfSites(db, checkpoints, from, to);
    for (const r of rows) {
      const f = out.get(unitKey('checkpoint_site', r.site_id))!;
      f.passages = n(r.passages);
      f.peopleChecked = n(r.people);
      f.fevers = n(r.fevers);
      f.turnedBack = n(r.turned_back);
    }
  }

  const sites = units.filter((u) => u.unitType === 'isolation_site').map((u) => u.unitId);
  if (sites.length > 0) {
    const { begun, isolated, missed, fevers } = await countAtIsolationSites(db, sites, from, to, asOf, missedBefore);
    const put = (rows: { site_id: string | null; n: unknown }[], key: keyof ZeroReportFigures) => {
      for (const r of rows) if (r.site_id) out.get(unitKey('isolation_site', r.site_id))![key] = n(r.n);
    };
    put(begun, 'newIsolations');
    put(isolated, 'inIsolation');
    put(missed, 'followUpsMissed');
    put(fevers, 'fevers');
  }
  return out;
}
