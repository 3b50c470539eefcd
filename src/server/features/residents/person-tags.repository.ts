import type { Insertable } from 'kysely';
import { type BulkTarget, insertMany } from '../../db/bulk-writes';
import type { Db } from '../../db/database';
import type { PersonTag } from '../../../shared/residents';
import type { PersonTagTable } from './persons.table';

/** Each person's tags, for any number of persons (looked up 500 at a time). */
export async function tagsOf(db: Db, personIds: string[]): Promise<Map<string, PersonTag[]>> {
  const map = new Map<string, PersonTag[]>();
  if (personIds.length === 0) return map;
  for (let i = 0; i < personIds.length; i += 500) {
    const rows = await db
      .selectFrom('person_tags')
      .select(['person_id', 'tag'])
      .where('person_id', 'in', personIds.slice(i, i + 500))
      .execute();
    for (const r of rows) map.set(r.person_id, [...(map.get(r.person_id) ?? []), r.tag as PersonTag]);
  }
  return map;
}

/** Add tags through the one bulk writer; `skipExisting`: a tag a person already has is left as it is. */
export async function insertTags(db: Db, rows: readonly Insertable<PersonTagTable>[], skipExisting = false) {
  await insertMany(db, 'person_tags', rows, skipExisting ? { ignoreConflictOn: ['person_id', 'tag'] } : {});
}

/** Remove a person's tags: those named, or all of them. */
export async function deleteTags(db: Db, personId: string, tags?: readonly string[]) {
  await db
    .deleteFrom('person_tags')
    .where('person_id', '=', personId)
    .$if(tags !== undefined, (q) => q.where('tag', 'in', tags!))
    .execute();
}

/** Remove one tag from several persons. */
export async function deleteTagOf(db: Db, personIds: string[], tag: PersonTag) {
  await db.deleteFrom('person_tags').where('tag', '=', tag).where('person_id', 'in', personIds).execute();
}

/** A person's tags follow them to their new place (tags carry the region path their jurisdiction is read by). */
export async function moveTags(db: Db, personId: string, regionPath: string) {
  await db.updateTable('person_tags').set({ region_path: regionPath }).where('person_id', '=', personId).execute();
}

/** The tags of a household's members follow the household to its new building. */
export async function moveHouseholdTags(db: Db, householdId: string, regionPath: string) {
  await db
    .updateTable('person_tags')
    .set({ region_path: regionPath })
    .where('person_id', 'in', db.selectFrom('persons').select('id').where('household_id', '=', householdId))
    .execute();
}

/**
 * Tag many persons at once, keeping the tags they already have (a person carries a tag once): the
 * fever and key-person tags of a batch of checkpoint passages, the demo's first registrations.
 * Written through the one bulk writer inside the caller's transaction; each row carries the
 * person's own region path, as every tag does.
 */
export async function addPersonTags(to: Db | BulkTarget, rows: readonly Insertable<PersonTagTable>[]): Promise<void> {
  await insertMany(to, 'person_tags', rows, { ignoreConflictOn: ['person_id', 'tag'] });
}
