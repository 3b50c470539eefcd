import type { Db } from '../../db/database';
import { localDay, type Clock } from '../../clock';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { pathInScope, scopeOf } from '../../access/scope';
import { childLevelOf, type RegionLevel } from '../../../shared/enums';
import {
  COUNTS_UPWARDS,
  REPORT_LEVELS,
  type DailyReport,
  type DailyReportList,
  type DailyReportListQuery,
  type DailyReportUnit,
  type DailyReportVersion,
} from '../../../shared/daily-reports';
import { findRegionById } from '../regions';
import { mayFillIn, mayPrepare, parentPathOf, reportInScope, toDailyReport, toVersion } from './report.model';
import { listVersions, reportStandings } from './reports.repository';
import { countChildrenOfLevel, findRegionAtPath, findTopRegion, listReportingChildren } from './units.repository';

/** A report of the actor's jurisdiction, exactly as stored (a submitted report is never recomputed), or 404. */
export async function getDailyReport(db: Db, actor: Actor, id: string): Promise<DailyReport> {
  return toDailyReport(await reportInScope(db, actor, id), actor);
}

/** Every saved state of a report, oldest first. */
export async function dailyReportVersions(db: Db, actor: Actor, id: string): Promise<DailyReportVersion[]> {
  const report = await reportInScope(db, actor, id);
  return (await listVersions(db, report.id)).map(toVersion);
}

/** The node a list is about: the one asked for (in my jurisdiction), else my own node, else the top of the tree. */
async function nodeToList(db: Db, actor: Actor, regionId: string | undefined) {
  if (regionId) {
    const r = await findRegionById(db, regionId);
    if (!r || !pathInScope(r.path, scopeOf(actor))) throw new AppError('REGION_NOT_FOUND');
    return r;
  }
  if (actor.regionPath !== '/') return findRegionAtPath(db, actor.regionPath);
  return findTopRegion(db);
}

const reportingLevel = (l: RegionLevel | null): l is RegionLevel => l !== null && REPORT_LEVELS.includes(l);

/**
 * 报送情况: a unit's report of a day and those of its direct children, each with its standing and
 * how many of its own children have submitted — the township sees which villages have reported,
 * the county which townships (and, per township, how many villages). Drill down by regionId. A
 * township may start a village's report from here for it (代填: `proxy`).
 */
export async function listDailyReports(
  db: Db,
  clock: Clock,
  timeZone: string,
  actor: Actor,
  q: DailyReportListQuery,
): Promise<DailyReportList> {
  const today = localDay(clock.now(), timeZone);
  const day = q.day ?? today;
  if (day > today) throw new AppError('DAILY_REPORT_DAY_INVALID', { today });
  const node = await nodeToList(db, actor, q.regionId);
  if (!node) return { day, today, region: null, units: [] };
  const parentPath = parentPathOf(node.path);
  const region = {
    id: node.id,
    name: node.name,
    level: node.level,
    path: node.path,
    parentId: node.parent_id,
    parentInScope: node.parent_id !== null && parentPath !== null && pathInScope(parentPath, scopeOf(actor)),
  };
  if (!REPORT_LEVELS.includes(node.level)) return { day, today, region, units: [] };

  const kidLevel = childLevelOf(node.level);
  const grandLevel = kidLevel ? childLevelOf(kidLevel) : null;
  const kids = reportingLevel(kidLevel) ? await listReportingChildren(db, node.id) : [];
  const grandCounts = reportingLevel(grandLevel)
    ? await countChildrenOfLevel(
        db,
        kids.map((k) => k.id),
        grandLevel,
      )
    : new Map<string, number>();
  const standings = await reportStandings(
    db,
    node.path,
    day,
    [node.level, kidLevel, grandLevel].filter(reportingLevel),
  );
  const byPath = new Map(standings.map((s) => [s.region_path, s]));
  const counting = (s: { status: string } | undefined) => s !== undefined && COUNTS_UPWARDS.includes(s.status as never);
  const submittedUnder = (path: string, level: RegionLevel | null) =>
    standings.filter(
      (s) => s.level === level && s.region_path !== path && s.region_path.startsWith(path) && counting(s),
    ).length;

  const unit = (
    r: { id: string; name: string; level: RegionLevel; path: string },
    self: boolean,
    childrenTotal: number,
    childLevel: RegionLevel | null,
  ): DailyReportUnit => {
    const s = byPath.get(r.path);
    const prepare = mayPrepare(actor, r);
    return {
      regionId: r.id,
      name: r.name,
      level: r.level,
      path: r.path,
      self,
      reportId: s?.id ?? null,
      status: s?.status ?? 'none',
      version: Number(s?.version ?? 0),
      submittedAt: s?.submitted_at ?? null,
      submittedByName: s?.submitted_by_name ?? null,
      submittedProxyUnit: s?.submitted_proxy_unit ?? null,
      childrenTotal,
      childrenSubmitted: childrenTotal === 0 ? 0 : submittedUnder(r.path, childLevel),
      mayPrepare: prepare,
      proxy: prepare && actor.regionPath !== r.path && mayFillIn(actor, r),
    };
  };
  return {
    day,
    today,
    region,
    units: [
      unit(node, true, kids.length, kidLevel),
      ...kids.map((k) => unit(k, false, grandCounts.get(k.id) ?? 0, grandLevel)),
    ],
  };
}
