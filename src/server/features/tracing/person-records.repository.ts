import type { Db } from '../../db/database';

/**
 * A person moved to another jurisdiction (an accepted transfer, a move within the jurisdiction):
 * their open case (under treatment) with its history and their accepted contact records follow
 * them, in the caller's transaction. Closed cases, rejected contacts and seek-notice finds stay
 * where they happened. Called by residents.
 */
export async function moveOpenTracingRecords(db: Db, personId: string, toPath: string) {
  const openCases = await db
    .selectFrom('cases')
    .select('id')
    .where('person_id', '=', personId)
    .where('outcome', '=', 'under_treatment')
    .execute();
  if (openCases.length) {
    const ids = openCases.map((c) => c.id);
    await db.updateTable('cases').set({ region_path: toPath }).where('id', 'in', ids).execute();
    await db.updateTable('case_history').set({ region_path: toPath }).where('case_id', 'in', ids).execute();
  }
  const contacts = await db
    .updateTable('contacts')
    .set({ region_path: toPath })
    .where('person_id', '=', personId)
    .where('decision', '=', 'accepted')
    .executeTakeFirst();
  return { cases: openCases.length, contacts: Number(contacts.numUpdatedRows) };
}

/**
 * Two registry records turn out to be one person (residents' merge): what tracing holds about the
 * duplicate moves to the kept record — the public reports matched to them, their contact records,
 * seek-notice finds and case — except where the kept record has its own (one contact per case, one
 * find per notice, one case per person). Returns what moved, which the merge keeps for its undo.
 */
export async function repointTracingRecords(db: Db, fromId: string, toId: string) {
  const moved: { table: string; column: string; ids: string[] }[] = [];
  const reports = (
    await db.selectFrom('seek_reports').select('id').where('match_person_id', '=', fromId).execute()
  ).map((r) => r.id);
  if (reports.length) {
    await db.updateTable('seek_reports').set({ match_person_id: toId }).where('id', 'in', reports).execute();
    moved.push({ table: 'seek_reports', column: 'match_person_id', ids: reports });
  }
  const move = async (table: 'contacts' | 'seek_found' | 'cases', ids: string[]) => {
    if (ids.length === 0) return;
    await db.updateTable(table).set({ person_id: toId }).where('id', 'in', ids).execute();
    moved.push({ table, column: 'person_id', ids });
  };
  const keptCases = new Set(
    (await db.selectFrom('contacts').select('case_id').where('person_id', '=', toId).execute()).map((r) => r.case_id),
  );
  const contacts = await db.selectFrom('contacts').select(['id', 'case_id']).where('person_id', '=', fromId).execute();
  await move(
    'contacts',
    contacts.filter((r) => !keptCases.has(r.case_id)).map((r) => r.id),
  );
  const keptNotices = new Set(
    (await db.selectFrom('seek_found').select('notice_id').where('person_id', '=', toId).execute()).map(
      (r) => r.notice_id,
    ),
  );
  const found = await db.selectFrom('seek_found').select(['id', 'notice_id']).where('person_id', '=', fromId).execute();
  await move(
    'seek_found',
    found.filter((r) => !keptNotices.has(r.notice_id)).map((r) => r.id),
  );
  if (!(await db.selectFrom('cases').select('id').where('person_id', '=', toId).executeTakeFirst())) {
    await move(
      'cases',
      (await db.selectFrom('cases').select('id').where('person_id', '=', fromId).execute()).map((r) => r.id),
    );
  }
  return moved;
}

/** Undoing a merge: the rows it moved (as repointTracingRecords returned them) go back to `personId`. */
export async function restoreTracingRecords(
  db: Db,
  moved: readonly { table: string; ids: string[] }[],
  personId: string,
) {
  for (const m of moved) {
    if (m.table === 'seek_reports')
      await db.updateTable('seek_reports').set({ match_person_id: personId }).where('id', 'in', m.ids).execute();
    if (m.table === 'contacts' || m.table === 'seek_found' || m.table === 'cases') {
      await db.updateTable(m.table).set({ person_id: personId }).where('id', 'in', m.ids).execute();
    }
  }
}
