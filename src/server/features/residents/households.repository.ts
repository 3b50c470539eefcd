import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { startsWith } from '../../db/prefix';
import { inScope, type Scope } from '../../access/scope';
import { likeEscape, normaliseQuery } from '../../text';

export function selectHouseholds(db: Db) {
  return db
    .selectFrom('households')
    .leftJoin('regions', 'regions.id', 'households.region_id')
    .leftJoin('persons as head', 'head.id', 'households.head_person_id')
    .selectAll('households')
    .select(['regions.name as region_name', 'head.name as head_name'])
    .select((eb) =>
      eb.selectFrom('persons as m').select(eb.fn.countAll<number>().as('n'))
        .whereRef('m.household_id', '=', 'households.id').where('m.status', '=', 'active').as('member_count'),
    );
}

export type HouseholdRow = NonNullable<Awaited<ReturnType<typeof findHouseholdInScope>>>;

export async function findHouseholdInScope(db: Db, scope: Scope, id: string) {
  return inScope(selectHouseholds(db).where('households.id', '=', id), 'households.region_path', scope).executeTakeFirst();
}

/**
 * Households in scope: by building/room/address fragment, or by the head's name or pinyin prefix —
 * how a grid worker at the door finds the one in front of them.
 */
export async function searchHouseholds(db: Db, scope: Scope, f: { q?: string; underPath?: string; afterId?: string; limit: number }) {
  let qb = inScope(selectHouseholds(db), 'households.region_path', scope);
  if (f.underPath) qb = inScope(qb, 'households.region_path', { prefix: f.underPath });
  if (f.q) {
    const raw = f.q.trim();
    const key = normaliseQuery(raw);
    const like = '%' + likeEscape(raw) + '%';
    qb = qb.where((eb) => eb.or([
      sql<boolean>`households.address like ${like} escape '\\'`,
      sql<boolean>`households.room like ${like} escape '\\'`,
      sql<boolean>`regions.name like ${like} escape '\\'`,
      startsWith(eb, 'head.name_key', key),
      startsWith(eb, 'head.pinyin', key),
      startsWith(eb, 'head.initials', key),
    ]));
  }
  return qb
    .$if(f.afterId !== undefined, (q) => q.where('households.id', '>', f.afterId!))
    .orderBy('households.id')
    .limit(f.limit + 1)
    .execute();
}
