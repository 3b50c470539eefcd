import type { Db } from '../../db/database';
import { addDays, localDay, type Clock } from '../../clock';
import { AppError } from '../../errors';
import { assertInScope, type Scope } from '../../access/scope';
import { childLevelOf, type RegionLevel } from '../../../shared/enums';
import {
  METRICS,
  emptyFigures,
  riskOf,
  type Dashboard,
  type DashboardLeaf,
  type Figures,
  type Metric,
} from '../../../shared/rollups';
import { findRegionById } from '../regions';
import {
  findRegionAtPath,
  findTopRegion,
  listBusiestSites,
  listRegionsAtPaths,
  listRegionsUnder,
  listRollupColumnsAtDepth,
  listRollupsAtDepth,
  listRollupsOfNode,
} from './dashboard.repository';
import { findRollupsOfNodes } from './rollups.repository';
import { rollupVersion } from './refresh.service';

/** What a grandchild on the sunburst needs (see DashboardLeaf and riskOf). */
const LEAF_METRICS = [
  'residents',
  'keyPersons',
  'inIsolationHome',
  'inIsolationCentralised',
  'inIsolationHospital',
  'activeCases',
  'newCases',
  'doorFevers',
  'checkpointFevers',
  'followUpFevers',
  'followUpsMissed',
] as const satisfies readonly Metric[];

const segments = (path: string) => path.split('/').length - 2;

function figuresOf(row: Partial<Record<Metric, unknown>>): Figures {
  const f = emptyFigures();
  for (const m of METRICS) f[m] = Number(row[m] ?? 0);
  return f;
}

/** Today's and past figures of given region nodes, from the roll-ups: node path → figures. */
export async function readRollups(db: Db, paths: readonly string[], day: string): Promise<Map<string, Figures>> {
  const out = new Map<string, Figures>();
  for (const r of await findRollupsOfNodes(db, paths, day)) out.set(r.region_path, figuresOf(r));
  for (const p of paths) if (!out.has(p)) out.set(p, emptyFigures());
  return out;
}

/** The region the screen shows: the one asked for (in my jurisdiction), else the top of my jurisdiction. */
async function regionToShow(db: Db, scope: Scope, regionId: string | undefined) {
  if (regionId) {
    const r = await findRegionById(db, regionId);
    if (!r) throw new AppError('REGION_NOT_FOUND');
    assertInScope(r.path, scope);
    return r;
  }
  if (scope.prefix !== '/') {
    const r = await findRegionAtPath(db, scope.prefix);
    if (r) return r;
  }
  const root = await findTopRegion(db);
  if (!root) throw new AppError('REGION_NOT_FOUND');
  return root;
}

/**
 * The big-screen payload for one region (大屏): everything read from roll-ups — a few rows of the
 * region itself, one index range for its children and grandchildren today, one for today's
 * checkpoint sites — so its cost does not grow with history or with the number of residents.
 */
export async function dashboard(
  db: Db,
  clock: Clock,
  timeZone: string,
  scope: Scope,
  q: { region?: string; days: number },
): Promise<Dashboard> {
  const region = await regionToShow(db, scope, q.region);
  const today = localDay(clock.now(), timeZone);
  const from = addDays(today, -(q.days - 1));
  const depth = segments(region.path);
  const childLevel = childLevelOf(region.level as RegionLevel);
  const grandLevel = childLevel ? childLevelOf(childLevel) : null;
  const levels = [childLevel, grandLevel].filter((l): l is RegionLevel => l !== null && l !== 'building');

  const [trendRows, childRows, leafRows, names, siteRows, ancestors, version] = await Promise.all([
    listRollupsOfNode(db, region.path, addDays(from, -1), today),
    listRollupsAtDepth(db, region.path, today, depth + 1),
    // grandchildren: only the columns a leaf is sized and coloured by (a county has ~500 of them)
    listRollupColumnsAtDepth(db, region.path, today, depth + 2, LEAF_METRICS),
    listRegionsUnder(db, region.path, levels),
    listBusiestSites(db, region.path, today, 50),
    listRegionsAtPaths(
      db,
      ancestorPaths(region.path).filter((p) => p.startsWith(scope.prefix)),
    ),
    rollupVersion(db),
  ]);

  const byDay = new Map(trendRows.map((r) => [r.day, figuresOf(r)]));
  const trend: Dashboard['trend'] = [];
  for (let d = from; d <= today; d = addDays(d, 1)) trend.push({ day: d, figures: byDay.get(d) ?? emptyFigures() });
  const figures = byDay.get(today) ?? emptyFigures();
  const nodeFigures = new Map([...childRows, ...leafRows].map((r) => [r.region_path, figuresOf(r)]));
  const node = (r: { id: string; name: string; level: string; path: string }) => {
    const f = nodeFigures.get(r.path) ?? emptyFigures();
    return { id: r.id, name: r.name, level: r.level, path: r.path, figures: f, risk: riskOf(f) };
  };
  const leaf = (r: { id: string; name: string; level: string; path: string }): DashboardLeaf => {
    const f = nodeFigures.get(r.path) ?? emptyFigures();
    return {
      id: r.id,
      name: r.name,
      level: r.level,
      path: r.path,
      risk: riskOf(f),
      residents: f.residents,
      keyPersons: f.keyPersons,
      inIsolation: f.inIsolationHome + f.inIsolationCentralised + f.inIsolationHospital,
      activeCases: f.activeCases,
      fevers: f.doorFevers + f.checkpointFevers + f.followUpFevers,
    };
  };
  const children = names
    .filter((r) => r.parent_id === region.id)
    .map((r) => ({ ...node(r), children: [] as DashboardLeaf[] }));
  const childById = new Map(children.map((c) => [c.id, c]));
  for (const r of names)
    if (r.parent_id && r.parent_id !== region.id) childById.get(r.parent_id)?.children.push(leaf(r));
  const updatedAt = trendRows.find((r) => r.day === today)?.updated_at ?? null;

  return {
    region: { id: region.id, name: region.name, level: region.level, path: region.path, risk: riskOf(figures) },
    breadcrumb: ancestors.map((a) => ({ id: a.id, name: a.name, level: a.level, path: a.path })),
    day: today,
    figures,
    yesterday: byDay.get(addDays(today, -1)) ?? emptyFigures(),
    trend,
    children,
    sites: siteRows.map((s) => ({
      id: s.id,
      name: s.name,
      path: s.region_path,
      passages: Number(s.passages),
      people: Number(s.people),
      fevers: Number(s.fevers),
      turnedBack: Number(s.turned_back),
      referred: Number(s.referred),
    })),
    version,
    updatedAt,
  };
}

/** '/a/b/c/' → ['/a/', '/a/b/', '/a/b/c/']. */
function ancestorPaths(path: string): string[] {
  const out: string[] = [];
  for (let i = path.indexOf('/', 1); i > 0; i = path.indexOf('/', i + 1)) out.push(path.slice(0, i + 1));
  return out;
}
