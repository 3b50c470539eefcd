import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { audit } from '../audit';
import { repointAlertRecords } from '../alerts/person-records.repository';
import { repointCheckpointRecords } from '../checkpoints/person-records.repository';
import { repointIsolationRecords } from '../isolation/person-records.repository';
import { repointTracingRecords } from '../tracing/person-records.repository';
import { findPersonInScope, setPersonColumns } from './persons.repository';
import { insertTags, tagsOf } from './person-tags.repository';
import { insertMerge } from './person-merges.repository';
import { personKeys } from './person-keys';

/**
 * A person first known only by phone (未核验身份) turns out to hold an ID number someone else is
 * registered with: the phone record is merged into the registered one without a human, as the
 * registry's own merge does — its passages, reports, alerts, contacts, found-list entries,
 * isolation and case move (where the kept record has none of its own; each feature moves its own
 * rows), the phone fills a missing one, tags are combined, and the merge is kept so that it can be
 * undone from the person's page.
 */
export async function absorbPhoneIdentity(db: Db, clock: Clock, kept: { id: string }, dup: { id: string }) {
  const keptRow = (await findPersonInScope(db, { prefix: '/' }, kept.id))!;
  const dupRow = (await findPersonInScope(db, { prefix: '/' }, dup.id))!;
  const now = clock.now().toISOString();
  const moved = [
    ...(await repointTracingRecords(db, dup.id, kept.id)),
    ...(await repointAlertRecords(db, dup.id, kept.id)),
    ...(await repointIsolationRecords(db, dup.id, kept.id)),
    ...(await repointCheckpointRecords(db, dup.id, kept.id)),
  ];

  const filled = keptRow.phone === null && dupRow.phone !== null ? { phone: dupRow.phone } : {};
  if (filled.phone)
    await setPersonColumns(db, kept.id, {
      phone: filled.phone,
      ...personKeys(keptRow.name, keptRow.id_number, filled.phone),
      updated_at: now,
    });
  const keptTags = new Set((await tagsOf(db, [kept.id])).get(kept.id) ?? []);
  const addedTags = ((await tagsOf(db, [dup.id])).get(dup.id) ?? []).filter(
    (t) => t !== 'unverified_identity' && !keptTags.has(t),
  );
  await insertTags(
    db,
    addedTags.map((tag) => ({
      person_id: kept.id,
      tag,
      region_path: keptRow.region_path,
      source: 'merge',
      created_at: now,
    })),
  );
  await setPersonColumns(db, dup.id, { status: 'merged', merged_into: kept.id, updated_at: now });
  const id = uuidv7();
  await insertMerge(db, {
    id,
    kept_id: kept.id,
    merged_id: dup.id,
    region_path: keptRow.region_path,
    snapshot: JSON.stringify({ merged: dupRow, filled, addedTags, moved }),
    actor_id: null,
    at: now,
    undone_at: null,
  });
  await audit(db, clock, null, {
    action: 'person.merge_phone_identity',
    entityType: 'person',
    entityId: kept.id,
    regionPath: keptRow.region_path,
    details: { mergeId: id, mergedId: dup.id },
  });
}
