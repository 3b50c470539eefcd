import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '../../db/database';
import type { RegionLevel } from '../../../shared/enums';
import { inScope, inSubtree, type Scope } from '../../access/scope';
import type { ResponsibilityTable } from './responsibility.table';

function selectResponsibilities(db: Db) {
  return db
    .selectFrom('responsibilities')
    .innerJoin('regions', 'regions.id', 'responsibilities.region_id')
    .leftJoin('users', 'users.id', 'responsibilities.user_id')
    .selectAll('responsibilities')
    .select(['regions.name as region_name', 'regions.level as region_level', 'users.display_name as user_name']);
}

export async function findResponsibilityInScope(db: Db, scope: Scope, id: string) {
  return inScope(
    selectResponsibilities(db).where('responsibilities.id', '=', id),
    'responsibilities.region_path',
    scope,
  ).executeTakeFirst();
}

/** Responsibility assignments in scope, by region path then creation. */
export async function listResponsibilities(
  db: Db,
  scope: Scope,
  f: { regionId?: string; afterId?: string; limit: number },
) {
  return inScope(selectResponsibilities(db), 'responsibilities.region_path', scope)
    .$if(f.regionId !== undefined, (q) => q.where('responsibilities.region_id', '=', f.regionId!))
    .$if(f.afterId !== undefined, (q) => q.where('responsibilities.id', '>', f.afterId!))
    .orderBy('responsibilities.id')
    .limit(f.limit + 1)
    .execute();
}

/**
 * The gaps (责任空白): active regions in scope with no responsibility assignment — one anti-join,
 * ordered by path so the list reads as the tree does.
 */
export async function listGaps(
  db: Db,
  scope: Scope,
  f: { level?: RegionLevel; underPath?: string; afterPath?: string; limit: number },
) {
  let qb = inScope(db.selectFrom('regions').selectAll('regions'), 'regions.path', scope)
    .where('regions.status', '=', 'active')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('responsibilities')
            .select('responsibilities.id')
            .whereRef('responsibilities.region_id', '=', 'regions.id'),
        ),
      ),
    );
  if (f.underPath) qb = inSubtree(qb, 'regions.path', f.underPath);
  return qb
    .$if(f.level !== undefined, (q) => q.where('regions.level', '=', f.level!))
    .$if(f.afterPath !== undefined, (q) => q.where('regions.path', '>', f.afterPath!))
    .orderBy('regions.path')
    .limit(f.limit + 1)
    .execute();
}

export async function insertResponsibility(db: Db, row: Insertable<ResponsibilityTable>): Promise<void> {
  await db.insertInto('responsibilities').values(row).execute();
}

export async function updateResponsibilityRow(
  db: Db,
  id: string,
  changes: Updateable<ResponsibilityTable>,
): Promise<void> {
  await db.updateTable('responsibilities').set(changes).where('id', '=', id).execute();
}

export async function deleteResponsibility(db: Db, id: string): Promise<void> {
  await db.deleteFrom('responsibilities').where('id', '=', id).execute();
}

/**
 * The 包保 contact nearest to a place: among the responsibilities with a phone whose region is the
 * place's or one above it, the deepest (a village's before its township's). For a page that must
 * give a resident someone to call.
 */
export async function nearestContact(
  db: Db,
  regionPath: string,
): Promise<{ name: string; post: string; phone: string } | null> {
  const ancestors = regionPath
    .split('/')
    .filter(Boolean)
    .map((_, i, parts) => `/${parts.slice(0, i + 1).join('/')}/`);
  if (ancestors.length === 0) return null;
  const row = await db
    .selectFrom('responsibilities')
    .select(['person_name', 'post', 'phone', 'region_path'])
    .where('region_path', 'in', ancestors)
    .where('phone', 'is not', null)
    .orderBy(sql`length(region_path)`, 'desc')
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return row?.phone ? { name: row.person_name, post: row.post, phone: row.phone } : null;
}
