import type { Db } from '../../db/database';

/**
 * Two registry records turn out to be one person (residents' merge): the duplicate's passages (as
 * an occupant) move to the kept record. Passages stay where they happened when a person moves, so
 * there is nothing else to follow them. Occupants have no id of their own: each moved one is named
 * "passage:seq". Returns what moved, which the merge keeps for its undo.
 */
export async function repointCheckpointRecords(db: Db, fromId: string, toId: string) {
  const occupants = await db
    .selectFrom('passage_occupants')
    .select(['passage_id', 'seq'])
    .where('person_id', '=', fromId)
    .execute();
  if (occupants.length === 0) return [];
  await db.updateTable('passage_occupants').set({ person_id: toId }).where('person_id', '=', fromId).execute();
  return [{ table: 'passage_occupants', column: 'person_id', ids: occupants.map((p) => `${p.passage_id}:${p.seq}`) }];
}

/** Undoing a merge: the occupants it moved (as repointCheckpointRecords returned them, "passage:seq") go back to `personId`. */
export async function restoreCheckpointRecords(
  db: Db,
  moved: readonly { table: string; ids: string[] }[],
  personId: string,
) {
  for (const m of moved) {
    if (m.table !== 'passage_occupants') continue;
    for (const key of m.ids) {
      const [passageId, seq] = key.split(':');
      await db
        .updateTable('passage_occupants')
        .set({ person_id: personId })
        .where('passage_id', '=', passageId!)
        .where('seq', '=', Number(seq))
        .execute();
    }
  }
}
