import type { Db } from '../../db/database';
import type { RegionLevel } from '../../../shared/enums';
import { REPORT_LEVELS } from '../../../shared/daily-reports';

/*
 * The reporting units are administrative regions: read-only reads of the regions table (owned by
 * regions), for the nodes a report list is about and the children that report to them.
 */

/** The region at a path, or undefined. */
export async function findRegionAtPath(db: Db, path: string) {
  return db.selectFrom('regions').selectAll().where('path', '=', path).executeTakeFirst();
}

/** The first active top region (the county, for a one-county install). */
export async function findTopRegion(db: Db) {
  return db
    .selectFrom('regions')
    .selectAll()
    .where('parent_id', 'is', null)
    .where('status', '=', 'active')
    .orderBy('path')
    .executeTakeFirst();
}

/** A region's direct children that file reports of their own (active administrative nodes), in code order. */
export async function listReportingChildren(db: Db, regionId: string) {
  return db
    .selectFrom('regions')
    .select(['id', 'name', 'level', 'path', 'code'])
    .where('parent_id', '=', regionId)
    .where('level', 'in', [...REPORT_LEVELS])
    .where('status', '=', 'active')
    .orderBy('code')
    .execute();
}

/** How many active children of a level each of the regions has: parent id → count. */
export async function countChildrenOfLevel(
  db: Db,
  parentIds: readonly string[],
  level: RegionLevel,
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (parentIds.length === 0) return out;
  const rows = await db
    .selectFrom('regions')
    .select(['parent_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('parent_id', 'in', [...parentIds])
    .where('level', '=', level)
    .where('status', '=', 'active')
    .groupBy('parent_id')
    .execute();
  for (const r of rows) if (r.parent_id) out.set(r.parent_id, Number(r.n));
  return out;
}
