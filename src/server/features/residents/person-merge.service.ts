import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { pathInScope, scopeOf } from '../../access/scope';
import { audit } from '../audit';
import { getPerson } from './persons.service';
import { tagsOf, type PersonRow } from './persons.repository';
import { personKeys } from './person-keys';

/**
 * Columns elsewhere that point at a person. Merging moves them to the kept record; undoing moves
 * exactly those rows back. Each later feature that references persons adds its column here.
 */
export const PERSON_REFERENCES: readonly { table: 'households'; column: 'head_person_id' }[] = [
  { table: 'households', column: 'head_person_id' },
];

/** Fields the kept record takes from the duplicate when it lacks them. */
const FILLABLE = ['id_number', 'id_type', 'nationality', 'sex', 'birth_date', 'phone', 'household_id', 'relation'] as const;

interface Snapshot {
  merged: PersonRow;
  filled: Partial<Record<(typeof FILLABLE)[number], unknown>>;
  addedTags: string[];
  moved: { table: string; column: string; ids: string[] }[];
}

/**
 * Merge a duplicate record into the one kept (a human decided they are one person): references
 * move to the kept record, its empty fields are filled from the duplicate, tags are combined, and
 * the duplicate is marked merged. Everything needed to undo it is kept with the merge.
 */
export async function mergePersons(db: Db, clock: Clock, actor: Actor, keptId: string, duplicateId: string) {
  if (keptId === duplicateId) throw new AppError('MERGE_SELF');
  return db.transaction().execute(async (trx) => {
    const kept = await getPerson(trx, actor, keptId);
    const dup = await getPerson(trx, actor, duplicateId);
    if (kept.status !== 'active' || dup.status !== 'active') throw new AppError('PERSON_NOT_FOUND');
    const filled: Snapshot['filled'] = {};
    for (const f of FILLABLE) if (kept[f] === null && dup[f] !== null) filled[f] = dup[f];
    const moved: Snapshot['moved'] = [];
    for (const ref of PERSON_REFERENCES) {
      const rows = await trx.selectFrom(ref.table).select('id').where(ref.column, '=', dup.id).execute();
      if (rows.length) {
        await trx.updateTable(ref.table).set({ [ref.column]: kept.id }).where(ref.column, '=', dup.id).execute();
        moved.push({ table: ref.table, column: ref.column, ids: rows.map((r) => r.id) });
      }
    }
    const keptTags = new Set((await tagsOf(trx, [kept.id])).get(kept.id) ?? []);
    const dupTags = (await tagsOf(trx, [dup.id])).get(dup.id) ?? [];
    const addedTags = dupTags.filter((t) => !keptTags.has(t));
    const now = clock.now().toISOString();
    await trx.updateTable('persons').set({ status: 'merged', merged_into: kept.id, id_number: null, id_rev: null, updated_at: now }).where('id', '=', dup.id).execute();
    if (Object.keys(filled).length) {
      const idNumber = (filled.id_number as string | undefined) ?? kept.id_number;
      const phone = (filled.phone as string | undefined) ?? kept.phone;
      await trx.updateTable('persons').set({ ...filled, ...personKeys(kept.name, idNumber, phone), updated_at: now } as never).where('id', '=', kept.id).execute();
    }
    if (addedTags.length) {
      await trx.insertInto('person_tags').values(addedTags.map((tag) => ({ person_id: kept.id, tag, region_path: kept.region_path, source: 'merge', created_at: now }))).execute();
    }
    const snapshot: Snapshot = { merged: dup, filled, addedTags, moved };
    const id = uuidv7();
    await trx.insertInto('person_merges').values({
      id, kept_id: kept.id, merged_id: dup.id, region_path: kept.region_path, snapshot: JSON.stringify(snapshot), actor_id: actor.id, at: now, undone_at: null,
    }).execute();
    await audit(trx, clock, actor, { action: 'person.merge', entityType: 'person', entityId: kept.id, regionPath: kept.region_path, details: { mergeId: id, mergedId: dup.id } });
    return { id, keptId: kept.id, mergedId: dup.id };
  });
}

/** Undo a merge: the duplicate comes back as it was and every moved reference returns to it. */
export async function undoMerge(db: Db, clock: Clock, actor: Actor, mergeId: string) {
  const scope = scopeOf(actor);
  return db.transaction().execute(async (trx) => {
    const merge = await trx.selectFrom('person_merges').selectAll().where('id', '=', mergeId).executeTakeFirst();
    if (!merge || !pathInScope(merge.region_path, scope)) throw new AppError('MERGE_NOT_FOUND');
    if (merge.undone_at) throw new AppError('MERGE_ALREADY_UNDONE');
    const snap = JSON.parse(merge.snapshot) as Snapshot;
    const now = clock.now().toISOString();
    const kept = await getPerson(trx, actor, merge.kept_id);
    if (Object.keys(snap.filled).length) {
      const cleared = Object.fromEntries(Object.keys(snap.filled).map((k) => [k, null]));
      const idNumber = 'id_number' in snap.filled ? null : kept.id_number;
      const phone = 'phone' in snap.filled ? null : kept.phone;
      await trx.updateTable('persons').set({ ...cleared, ...personKeys(kept.name, idNumber, phone), updated_at: now } as never).where('id', '=', kept.id).execute();
    }
    // the snapshot carries joined display columns; only the person's own columns go back
    const { region_name: _name, address: _address, ...mergedRow } = snap.merged;
    await trx.updateTable('persons').set({ ...mergedRow, updated_at: now } as never).where('id', '=', merge.merged_id).execute();
    for (const m of snap.moved) {
      if (m.table === 'passage_occupants') {
        // moved by an automatic merge of a phone identity (person-absorb.ts): "passage:seq"
        for (const key of m.ids) {
          const [passageId, seq] = key.split(':');
          await trx.updateTable('passage_occupants').set({ person_id: merge.merged_id }).where('passage_id', '=', passageId!).where('seq', '=', Number(seq)).execute();
        }
        continue;
      }
      await trx.updateTable(m.table as 'households').set({ [m.column]: merge.merged_id } as never).where('id', 'in', m.ids).execute();
    }
    if (snap.addedTags.length) {
      await trx.deleteFrom('person_tags').where('person_id', '=', kept.id).where('tag', 'in', snap.addedTags).execute();
    }
    await trx.updateTable('person_merges').set({ undone_at: now }).where('id', '=', mergeId).execute();
    await audit(trx, clock, actor, { action: 'person.merge_undo', entityType: 'person', entityId: kept.id, regionPath: kept.region_path, details: { mergeId, mergedId: merge.merged_id } });
    return { id: mergeId, keptId: kept.id, mergedId: merge.merged_id };
  });
}
