import { sql, type Updateable } from 'kysely';
import type { Db } from '../../db/database';
import type { NewRegion, RegionRow, RegionTable } from './regions.table';
import { PATH_COPY_TABLES, SCOPED_TABLES } from '../../db/scoped-tables';
import type { RegionLevel } from '../../../shared/enums';
import { inScope, inSubtree, overlapsScope, type Scope } from '../../access/scope';
import { likeEscape } from '../../text';

export async function findRegionById(db: Db, id: string): Promise<RegionRow | undefined> {
  return db.selectFrom('regions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findRegionByCode(db: Db, code: string): Promise<RegionRow | undefined> {
  return db.selectFrom('regions').selectAll().where('code', '=', code).executeTakeFirst();
}

export async function findRegionsByCodes(db: Db, codes: string[]): Promise<RegionRow[]> {
  if (codes.length === 0) return [];
  return db.selectFrom('regions').selectAll().where('code', 'in', codes).execute();
}

export async function insertRegions(db: Db, rows: NewRegion[]): Promise<void> {
  // 14 columns a row; stay well under SQLite's and PostgreSQL's bound-parameter limits.
  for (let i = 0; i < rows.length; i += 500) {
    await db
      .insertInto('regions')
      .values(rows.slice(i, i + 500))
      .execute();
  }
}

export interface RegionFilter {
  parentId?: string;
  underPath?: string;
  level?: RegionLevel;
  status: 'active' | 'retired' | 'all';
  search?: string;
  afterPath?: string;
  limit: number;
}

/**
 * Attach each region's count of active children with one grouped query over the page's ids
 * (a correlated subquery per row cost more than the page itself).
 */
async function withChildCounts<R extends { id: string }>(db: Db, rows: R[]): Promise<(R & { child_count: number })[]> {
  const counts = new Map<string, number>();
  for (let i = 0; i < rows.length; i += 1000) {
    const ids = rows.slice(i, i + 1000).map((r) => r.id);
    const grouped = await db
      .selectFrom('regions')
      .select(['parent_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('parent_id', 'in', ids)
      .where('status', '=', 'active')
      .groupBy('parent_id')
      .execute();
    for (const g of grouped) counts.set(g.parent_id!, Number(g.n));
  }
  return rows.map((r) => ({ ...r, child_count: counts.get(r.id) ?? 0 }));
}

/** The top of a jurisdiction: the user's own node, or for a global admin every root node. */
export async function listRootRegions(db: Db, scope: Scope, regionId: string | null) {
  const qb = db.selectFrom('regions').selectAll('regions').where('regions.status', '=', 'active');
  const rows = await (regionId
    ? qb.where('regions.id', '=', regionId)
    : inScope(qb.where('regions.parent_id', 'is', null), 'regions.path', scope)
  )
    .orderBy('regions.path')
    .execute();
  return withChildCounts(db, rows);
}

/** Regions in scope ordered by path, each with its count of active children. */
export async function listRegions(db: Db, scope: Scope, f: RegionFilter) {
  let qb = inScope(db.selectFrom('regions').selectAll('regions'), 'regions.path', scope);
  if (f.underPath !== undefined) qb = inSubtree(qb, 'regions.path', f.underPath);
  return qb
    .$if(f.parentId !== undefined, (q) => q.where('regions.parent_id', '=', f.parentId!))
    .$if(f.level !== undefined, (q) => q.where('regions.level', '=', f.level!))
    .$if(f.status !== 'all', (q) => q.where('regions.status', '=', f.status as 'active' | 'retired'))
    .$if(f.search !== undefined, (q) =>
      q.where(sql<boolean>`regions.search_key like ${'%' + likeEscape(f.search!) + '%'} escape '\\'`),
    )
    .$if(f.afterPath !== undefined, (q) => q.where('regions.path', '>', f.afterPath!))
    .orderBy('regions.path')
    .limit(f.limit + 1)
    .execute()
    .then((rows) => withChildCounts(db, rows));
}

/** The largest code among the children of a node that follow the "parent digits + 3" scheme. */
export async function maxChildCode(db: Db, prefix: string): Promise<string | null> {
  const row = await db
    .selectFrom('regions')
    .select((eb) => eb.fn.max('code').as('max'))
    .where('code', '>=', prefix + '000')
    .where('code', '<=', prefix + '999')
    // the children's own codes only: a grandchild's (a building's 18 digits under a grid) sorts inside the range too
    .where((eb) => eb.fn('length', [eb.ref('code')]), '=', prefix.length + 3)
    .executeTakeFirst();
  return (row?.max as string | null | undefined) ?? null;
}

/**
 * Re-path a subtree after a move or re-code: every region below `oldPath` and every scoped row
 * pointing into it gets `newPath` in place of `oldPath`. Run inside the move's transaction.
 */
export async function repathSubtree(
  db: Db,
  oldPath: string,
  newPath: string,
  depthDelta: number,
  now: string,
): Promise<void> {
  const cut = oldPath.length + 1;
  await inSubtree(
    db.updateTable('regions').set({
      path: sql`${newPath} || substr(path, ${cut})`,
      depth: sql`depth + ${depthDelta}`,
      updated_at: now,
    }),
    'path',
    oldPath,
  ).execute();
  for (const table of PATH_COPY_TABLES) {
    await inSubtree(
      db.updateTable(table).set({ region_path: sql`${newPath} || substr(region_path, ${cut})` } as never),
      'region_path',
      oldPath,
    ).execute();
  }
}

/** Whether anything but the node itself lives at or under it: child regions or scoped rows. */
export async function regionHoldsData(db: Db, region: RegionRow): Promise<boolean> {
  const child = await db
    .selectFrom('regions')
    .select('id')
    .where('parent_id', '=', region.id)
    .limit(1)
    .executeTakeFirst();
  if (child) return true;
  for (const table of SCOPED_TABLES) {
    const row = await db
      .selectFrom(table)
      .select('region_id')
      .where('region_id', '=', region.id)
      .limit(1)
      .executeTakeFirst();
    if (row) return true;
  }
  // a transfer request (迁入申请) names the region it moves a person from or to, by id
  const transfer = await db
    .selectFrom('person_transfers')
    .select('id')
    .where((eb) => eb.or([eb('from_region_id', '=', region.id), eb('to_region_id', '=', region.id)]))
    .limit(1)
    .executeTakeFirst();
  return transfer !== undefined;
}

/** How many regions the database holds (an empty one gets the demo county at start, main.ts). */
export async function countRegions(db: Db): Promise<number> {
  const row = await db
    .selectFrom('regions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The townships at, under or above a path, ordered by path (a notice's receipts are grouped by them). */
export async function listTownshipsOverlapping(db: Db, path: string) {
  return db
    .selectFrom('regions')
    .select(['id', 'name', 'path'])
    .where('level', '=', 'township')
    .where((eb) => overlapsScope(eb, 'path', { prefix: path }))
    .orderBy('path')
    .execute();
}

export async function updateRegionRow(db: Db, id: string, changes: Updateable<RegionTable>): Promise<void> {
  await db.updateTable('regions').set(changes).where('id', '=', id).execute();
}

/** Retire or restore a node and every node below it. */
export async function updateSubtreeStatus(
  db: Db,
  path: string,
  status: 'active' | 'retired',
  now: string,
): Promise<void> {
  await inSubtree(
    db.updateTable('regions').set({ status, retired_at: status === 'retired' ? now : null, updated_at: now }),
    'path',
    path,
  ).execute();
}

export async function deleteRegionRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('regions').where('id', '=', id).execute();
}
