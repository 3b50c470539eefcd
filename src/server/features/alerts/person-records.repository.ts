import type { Db } from '../../db/database';

/**
 * A person moved to another jurisdiction (an accepted transfer, a move within the jurisdiction):
 * their unacknowledged alerts follow them, in the caller's transaction; acknowledged ones stay.
 * Returns how many moved. Called by residents.
 */
export async function moveOpenAlertRecords(db: Db, personId: string, toPath: string): Promise<number> {
  const alerts = await db
    .updateTable('alerts')
    .set({ region_path: toPath })
    .where('person_id', '=', personId)
    .where('acknowledged_at', 'is', null)
    .executeTakeFirst();
  return Number(alerts.numUpdatedRows);
}

/**
 * Two registry records turn out to be one person (residents' merge): the duplicate's alerts move to
 * the kept record. Returns what moved, which the merge keeps for its undo.
 */
export async function repointAlertRecords(db: Db, fromId: string, toId: string) {
  const ids = (await db.selectFrom('alerts').select('id').where('person_id', '=', fromId).execute()).map((r) => r.id);
  if (ids.length === 0) return [];
  await db.updateTable('alerts').set({ person_id: toId }).where('id', 'in', ids).execute();
  return [{ table: 'alerts', column: 'person_id', ids }];
}

/** Undoing a merge: the alerts it moved (as repointAlertRecords returned them) go back to `personId`. */
export async function restoreAlertRecords(
  db: Db,
  moved: readonly { table: string; ids: string[] }[],
  personId: string,
) {
  for (const m of moved) {
    if (m.table === 'alerts')
      await db.updateTable('alerts').set({ person_id: personId }).where('id', 'in', m.ids).execute();
  }
}
