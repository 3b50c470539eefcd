import type { Db } from '../../db/database';
import { inSubtree } from '../../access/scope';
import type { RegionLevel } from '../../../shared/enums';
import type { Metric } from '../../../shared/rollups';

/*
 * The big screen's reads: its own roll-ups, and the names it shows beside them — regions' and
 * checkpoint sites' (read-only; regions and checkpoints own those tables).
 */

const REGION_COLUMNS = ['id', 'name', 'level', 'path', 'parent_id'] as const;

/** The region at a path, or undefined. */
export async function findRegionAtPath(db: Db, path: string) {
  return db.selectFrom('regions').select(REGION_COLUMNS).where('path', '=', path).executeTakeFirst();
}

/** The first active top region (the county, for a one-county install). */
export async function findTopRegion(db: Db) {
  return db
    .selectFrom('regions')
    .select(REGION_COLUMNS)
    .where('parent_id', 'is', null)
    .where('status', '=', 'active')
    .orderBy('path')
    .executeTakeFirst();
}

/** The active regions of the given levels under `path`, in path order. */
export async function listRegionsUnder(db: Db, path: string, levels: readonly RegionLevel[]) {
  if (levels.length === 0) return [];
  return inSubtree(
    db
      .selectFrom('regions')
      .select(REGION_COLUMNS)
      .where('level', 'in', [...levels])
      .where('status', '=', 'active'),
    'path',
    path,
  )
    .orderBy('path')
    .execute();
}

/** The regions at the given paths (a breadcrumb), top first. */
export async function listRegionsAtPaths(db: Db, paths: readonly string[]) {
  if (paths.length === 0) return [];
  return db
    .selectFrom('regions')
    .select(['id', 'name', 'level', 'path'])
    .where('path', 'in', [...paths])
    .orderBy('path')
    .execute();
}

/** The path of any one region of a level, or undefined when the tree has none. */
export async function anyRegionPathOfLevel(db: Db, level: RegionLevel): Promise<string | undefined> {
  return (await db.selectFrom('regions').select('path').where('level', '=', level).limit(1).executeTakeFirst())?.path;
}

/** A node's rows for the days [from, to], oldest first. */
export async function listRollupsOfNode(db: Db, path: string, from: string, to: string) {
  return db
    .selectFrom('rollups')
    .selectAll()
    .where('region_path', '=', path)
    .where('day', '>=', from)
    .where('day', '<=', to)
    .orderBy('day')
    .execute();
}

/** The rows of one day of the nodes `depth` deep under `path` (one index range). */
export async function listRollupsAtDepth(db: Db, path: string, day: string, depth: number) {
  return inSubtree(
    db.selectFrom('rollups').selectAll().where('day', '=', day).where('depth', '=', depth),
    'region_path',
    path,
  ).execute();
}

/** As listRollupsAtDepth, with only the given columns (a county has ~500 grandchildren). */
export async function listRollupColumnsAtDepth<M extends Metric>(
  db: Db,
  path: string,
  day: string,
  depth: number,
  columns: readonly M[],
) {
  return inSubtree(
    db
      .selectFrom('rollups')
      .select(['region_path', ...columns])
      .where('day', '=', day)
      .where('depth', '=', depth),
    'region_path',
    path,
  ).execute();
}

/** The busiest checkpoint sites under `path` on a day, with their names. */
export async function listBusiestSites(db: Db, path: string, day: string, limit: number) {
  return inSubtree(
    db
      .selectFrom('site_rollups')
      .innerJoin('checkpoint_sites as s', 's.id', 'site_rollups.site_id')
      .select(['s.id', 's.name', 'site_rollups.region_path', 'passages', 'people', 'fevers', 'turned_back', 'referred'])
      .where('day', '=', day),
    'site_rollups.region_path',
    path,
  )
    .orderBy('passages', 'desc')
    .limit(limit)
    .execute();
}
