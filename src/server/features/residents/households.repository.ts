import { sql, type Insertable, type Updateable } from 'kysely';
import { type BulkTarget, insertMany } from '../../db/bulk-writes';
import type { Db } from '../../db/database';
import { startsWith } from '../../db/prefix';
import { inScope, type Scope } from '../../access/scope';
import { likeEscape, normaliseQuery } from '../../text';
import type { HouseholdTable } from './households.table';

function selectHouseholds(db: Db) {
  return db
    .selectFrom('households')
    .leftJoin('regions', 'regions.id', 'households.region_id')
    .leftJoin('persons as head', 'head.id', 'households.head_person_id')
    .selectAll('households')
    .select(['regions.name as region_name', 'head.name as head_name'])
    .select((eb) =>
      eb
        .selectFrom('persons as m')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('m.household_id', '=', 'households.id')
        .where('m.status', '=', 'active')
        .as('member_count'),
    );
}

export type HouseholdRow = NonNullable<Awaited<ReturnType<typeof findHouseholdInScope>>>;

export async function findHouseholdInScope(db: Db, scope: Scope, id: string) {
  return inScope(
    selectHouseholds(db).where('households.id', '=', id),
    'households.region_path',
    scope,
  ).executeTakeFirst();
}

/**
 * Households in scope: by building/room/address fragment, or by the head's name or pinyin prefix —
 * how a grid worker at the door finds the one in front of them.
 */
export async function searchHouseholds(
  db: Db,
  scope: Scope,
  f: { q?: string; underPath?: string; afterId?: string; limit: number },
) {
  let qb = inScope(selectHouseholds(db), 'households.region_path', scope);
  if (f.underPath) qb = inScope(qb, 'households.region_path', { prefix: f.underPath });
  if (f.q) {
    const raw = f.q.trim();
    const key = normaliseQuery(raw);
    const like = '%' + likeEscape(raw) + '%';
    qb = qb.where((eb) =>
      eb.or([
        sql<boolean>`households.address like ${like} escape '\\'`,
        sql<boolean>`households.room like ${like} escape '\\'`,
        sql<boolean>`regions.name like ${like} escape '\\'`,
        startsWith(eb, 'head.name_key', key),
        startsWith(eb, 'head.pinyin', key),
        startsWith(eb, 'head.initials', key),
      ]),
    );
  }
  return qb
    .$if(f.afterId !== undefined, (q) => q.where('households.id', '>', f.afterId!))
    .orderBy('households.id')
    .limit(f.limit + 1)
    .execute();
}

export async function insertHousehold(db: Db, row: Insertable<HouseholdTable>) {
  await db.insertInto('households').values(row).execute();
}

/** Insert many households through the one bulk writer (a roster import's new households). */
export async function insertHouseholds(to: Db | BulkTarget, rows: readonly Insertable<HouseholdTable>[]) {
  await insertMany(to, 'households', rows);
}

/** Change the columns given of one household. */
export async function setHouseholdColumns(db: Db, id: string, values: Updateable<HouseholdTable>) {
  await db.updateTable('households').set(values).where('id', '=', id).execute();
}

export async function setHouseholdHead(db: Db, householdId: string, personId: string) {
  await db.updateTable('households').set({ head_person_id: personId }).where('id', '=', householdId).execute();
}

/** A person leaves a household: it loses them as its head, if they were. */
export async function clearHouseholdHead(db: Db, householdId: string, personId: string) {
  await db
    .updateTable('households')
    .set({ head_person_id: null })
    .where('id', '=', householdId)
    .where('head_person_id', '=', personId)
    .execute();
}

/** The building of a household, if it exists. */
export async function findHouseholdBuilding(db: Db, id: string) {
  return db.selectFrom('households').select(['id', 'region_id']).where('id', '=', id).executeTakeFirst();
}

/** The rooms of households, by id (the roster export's 门牌房号 column). */
export async function roomsOf(db: Db, ids: string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('households').select(['id', 'room']).where('id', 'in', ids).execute();
  return new Map(rows.map((h) => [h.id, h.room]));
}

/** Every household of the buildings, with its room and head (the roster import's households, 500 buildings at a time). */
export async function householdsInBuildings(db: Db, buildingIds: string[]) {
  const found = [];
  for (let i = 0; i < buildingIds.length; i += 500) {
    found.push(
      ...(await db
        .selectFrom('households')
        .select(['id', 'region_id', 'room', 'head_person_id'])
        .where('region_id', 'in', buildingIds.slice(i, i + 500))
        .execute()),
    );
  }
  return found;
}

/**
 * A merge of `fromId` into `toId`: the households headed by the duplicate are headed by the kept
 * record. Returns what moved, which the merge keeps for its undo.
 */
export async function repointHouseholdHeads(db: Db, fromId: string, toId: string) {
  const ids = (await db.selectFrom('households').select('id').where('head_person_id', '=', fromId).execute()).map(
    (r) => r.id,
  );
  if (ids.length === 0) return [];
  await db.updateTable('households').set({ head_person_id: toId }).where('head_person_id', '=', fromId).execute();
  return [{ table: 'households', column: 'head_person_id', ids }];
}

/** Undoing a merge: the households it moved (as repointHouseholdHeads returned them) are headed by `personId` again. */
export async function restoreHouseholdHeads(
  db: Db,
  moved: readonly { table: string; ids: string[] }[],
  personId: string,
) {
  for (const m of moved) {
    if (m.table === 'households')
      await db.updateTable('households').set({ head_person_id: personId }).where('id', 'in', m.ids).execute();
  }
}
