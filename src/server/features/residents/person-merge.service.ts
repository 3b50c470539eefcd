import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { pathInScope, scopeOf } from '../../access/scope';
import { audit } from '../audit';
import { restoreAlertRecords } from '../alerts/person-records.repository';
import { restoreCheckpointRecords } from '../checkpoints/person-records.repository';
import { restoreIsolationRecords } from '../isolation/person-records.repository';
import { restoreTracingRecords } from '../tracing/person-records.repository';
import { getPerson } from './persons.service';
import { setPersonColumns, type PersonRow } from './persons.repository';
import { deleteTags, insertTags, tagsOf } from './person-tags.repository';
import { findMerge, insertMerge, markMergeUndone } from './person-merges.repository';
import { repointHouseholdHeads, restoreHouseholdHeads } from './households.repository';
import { personKeys } from './person-keys';

/** Fields the kept record takes from the duplicate when it lacks them. */
const FILLABLE = [
  'id_number',
  'id_type',
  'nationality',
  'sex',
  'birth_date',
  'phone',
  'household_id',
  'relation',
] as const;

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
    // a human's merge moves the households the duplicate heads; an automatic one (person-absorb.ts) also moves other features' rows
    const moved: Snapshot['moved'] = await repointHouseholdHeads(trx, dup.id, kept.id);
    const keptTags = new Set((await tagsOf(trx, [kept.id])).get(kept.id) ?? []);
    const dupTags = (await tagsOf(trx, [dup.id])).get(dup.id) ?? [];
    const addedTags = dupTags.filter((t) => !keptTags.has(t));
    const now = clock.now().toISOString();
    await setPersonColumns(trx, dup.id, {
      status: 'merged',
      merged_into: kept.id,
      id_number: null,
      id_rev: null,
      updated_at: now,
    });
    if (Object.keys(filled).length) {
      const idNumber = (filled.id_number as string | undefined) ?? kept.id_number;
      const phone = (filled.phone as string | undefined) ?? kept.phone;
      await setPersonColumns(trx, kept.id, {
        ...filled,
        ...personKeys(kept.name, idNumber, phone),
        updated_at: now,
      } as never);
    }
    await insertTags(
      trx,
      addedTags.map((tag) => ({
        person_id: kept.id,
        tag,
        region_path: kept.region_path,
        source: 'merge',
        created_at: now,
      })),
    );
    const snapshot: Snapshot = { merged: dup, filled, addedTags, moved };
    const id = uuidv7();
    await insertMerge(trx, {
      id,
      kept_id: kept.id,
      merged_id: dup.id,
      region_path: kept.region_path,
      snapshot: JSON.stringify(snapshot),
      actor_id: actor.id,
      at: now,
      undone_at: null,
    });
    await audit(trx, clock, actor, {
      action: 'person.merge',
      entityType: 'person',
      entityId: kept.id,
      regionPath: kept.region_path,
      details: { mergeId: id, mergedId: dup.id },
    });
    return { id, keptId: kept.id, mergedId: dup.id };
  });
}

/** Undo a merge: the duplicate comes back as it was and every moved reference returns to it. */
export async function undoMerge(db: Db, clock: Clock, actor: Actor, mergeId: string) {
  const scope = scopeOf(actor);
  return db.transaction().execute(async (trx) => {
    const merge = await findMerge(trx, mergeId);
    if (!merge || !pathInScope(merge.region_path, scope)) throw new AppError('MERGE_NOT_FOUND');
    if (merge.undone_at) throw new AppError('MERGE_ALREADY_UNDONE');
    const snap = JSON.parse(merge.snapshot) as Snapshot;
    const now = clock.now().toISOString();
    const kept = await getPerson(trx, actor, merge.kept_id);
    if (Object.keys(snap.filled).length) {
      const cleared = Object.fromEntries(Object.keys(snap.filled).map((k) => [k, null]));
      const idNumber = 'id_number' in snap.filled ? null : kept.id_number;
      const phone = 'phone' in snap.filled ? null : kept.phone;
      await setPersonColumns(trx, kept.id, { ...cleared, ...personKeys(kept.name, idNumber, phone), updated_at: now });
    }
    // the snapshot carries joined display columns; only the person's own columns go back
    const { region_name: _name, address: _address, ...mergedRow } = snap.merged;
    await setPersonColumns(trx, merge.merged_id, { ...mergedRow, updated_at: now } as never);
    // every moved reference goes back, each feature restoring its own rows (a human's merge moved only households)
    await restoreHouseholdHeads(trx, snap.moved, merge.merged_id);
    await restoreTracingRecords(trx, snap.moved, merge.merged_id);
    await restoreAlertRecords(trx, snap.moved, merge.merged_id);
    await restoreIsolationRecords(trx, snap.moved, merge.merged_id);
    await restoreCheckpointRecords(trx, snap.moved, merge.merged_id);
    if (snap.addedTags.length) await deleteTags(trx, kept.id, snap.addedTags);
    await markMergeUndone(trx, mergeId, now);
    await audit(trx, clock, actor, {
      action: 'person.merge_undo',
      entityType: 'person',
      entityId: kept.id,
      regionPath: kept.region_path,
      details: { mergeId, mergedId: merge.merged_id },
    });
    return { id: mergeId, keptId: kept.id, mergedId: merge.merged_id };
  });
}
