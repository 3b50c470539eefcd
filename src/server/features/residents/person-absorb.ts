import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { audit } from '../audit';
import { findPersonInScope, tagsOf } from './persons.repository';
import { personKeys } from './person-keys';

/** Rows that point at a person by an `id` of their own, moved when a phone identity is absorbed. */
const REFERENCES = [
  { table: 'seek_reports', column: 'match_person_id' },
  { table: 'alerts', column: 'person_id' },
] as const;

/**
 * A person first known only by phone (未核验身份) turns out to hold an ID number someone else is
 * registered with: the phone record is merged into the registered one without a human, as the
 * registry's own merge does — its passages, reports, alerts, contacts, found-list entries,
 * isolation and case move (where the kept record has none of its own), the phone fills a missing
 * one, tags are combined, and the merge is kept so that it can be undone from the person's page.
 */
export async function absorbPhoneIdentity(db: Db, clock: Clock, kept: { id: string }, dup: { id: string }) {
  const keptRow = (await findPersonInScope(db, { prefix: '/' }, kept.id))!;
  const dupRow = (await findPersonInScope(db, { prefix: '/' }, dup.id))!;
  const now = clock.now().toISOString();
  const moved: { table: string; column: string; ids: string[] }[] = [];
  const move = async (table: string, column: string, ids: string[]) => {
    if (!ids.length) return;
    await db.updateTable(table as 'alerts').set({ [column]: kept.id } as never).where('id', 'in', ids).execute();
    moved.push({ table, column, ids });
  };
  for (const ref of REFERENCES) {
    await move(ref.table, ref.column, (await db.selectFrom(ref.table as 'alerts').select('id').where(ref.column as 'person_id', '=', dup.id).execute()).map((r) => r.id));
  }
  // one contact per case, one found-list entry per notice, one case and one active isolation per person: the kept record's own stay
  const keptCases = new Set((await db.selectFrom('contacts').select('case_id').where('person_id', '=', kept.id).execute()).map((r) => r.case_id));
  await move('contacts', 'person_id', (await db.selectFrom('contacts').select(['id', 'case_id']).where('person_id', '=', dup.id).execute()).filter((r) => !keptCases.has(r.case_id)).map((r) => r.id));
  const keptNotices = new Set((await db.selectFrom('seek_found').select('notice_id').where('person_id', '=', kept.id).execute()).map((r) => r.notice_id));
  await move('seek_found', 'person_id', (await db.selectFrom('seek_found').select(['id', 'notice_id']).where('person_id', '=', dup.id).execute()).filter((r) => !keptNotices.has(r.notice_id)).map((r) => r.id));
  if (!(await db.selectFrom('cases').select('id').where('person_id', '=', kept.id).executeTakeFirst())) {
    await move('cases', 'person_id', (await db.selectFrom('cases').select('id').where('person_id', '=', dup.id).execute()).map((r) => r.id));
  }
  const keptActive = await db.selectFrom('isolation_episodes').select('id').where('person_id', '=', kept.id).where('status', '=', 'active').executeTakeFirst();
  await move('isolation_episodes', 'person_id', (await db.selectFrom('isolation_episodes').select(['id', 'status']).where('person_id', '=', dup.id).execute())
    .filter((e) => !keptActive || e.status !== 'active').map((e) => e.id));
  const passages = await db.selectFrom('passage_occupants').select(['passage_id', 'seq']).where('person_id', '=', dup.id).execute();
  if (passages.length) {
    await db.updateTable('passage_occupants').set({ person_id: kept.id }).where('person_id', '=', dup.id).execute();
    // passage occupants have no id of their own: "passage:seq" (undoMerge knows)
    moved.push({ table: 'passage_occupants', column: 'person_id', ids: passages.map((p) => `${p.passage_id}:${p.seq}`) });
  }

  const filled = keptRow.phone === null && dupRow.phone !== null ? { phone: dupRow.phone } : {};
  if (filled.phone) await db.updateTable('persons').set({ phone: filled.phone, ...personKeys(keptRow.name, keptRow.id_number, filled.phone), updated_at: now }).where('id', '=', kept.id).execute();
  const keptTags = new Set((await tagsOf(db, [kept.id])).get(kept.id) ?? []);
  const addedTags = ((await tagsOf(db, [dup.id])).get(dup.id) ?? []).filter((t) => t !== 'unverified_identity' && !keptTags.has(t));
  if (addedTags.length) {
    await db.insertInto('person_tags').values(addedTags.map((tag) => ({ person_id: kept.id, tag, region_path: keptRow.region_path, source: 'merge', created_at: now }))).execute();
  }
  await db.updateTable('persons').set({ status: 'merged', merged_into: kept.id, updated_at: now }).where('id', '=', dup.id).execute();
  const id = uuidv7();
  await db.insertInto('person_merges').values({
    id, kept_id: kept.id, merged_id: dup.id, region_path: keptRow.region_path, snapshot: JSON.stringify({ merged: dupRow, filled, addedTags, moved }), actor_id: null, at: now, undone_at: null,
  }).execute();
  await audit(db, clock, null, { action: 'person.merge_phone_identity', entityType: 'person', entityId: kept.id, regionPath: keptRow.region_path, details: { mergeId: id, mergedId: dup.id } });
}
