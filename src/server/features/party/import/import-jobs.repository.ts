import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../../db/database';
import { inScope, type Scope } from '../../../access/scope';
import type { PartyImportJobTable } from './import-jobs.table';

export async function insertPartyImportJob(db: Db, row: Insertable<PartyImportJobTable>) {
  await db.insertInto('party_import_jobs').values(row).execute();
}

/** Record a job's progress or its end. */
export async function setPartyImportJob(db: Db, id: string, values: Updateable<PartyImportJobTable>) {
  await db.updateTable('party_import_jobs').set(values).where('id', '=', id).execute();
}

export async function findPartyImportJobInScope(db: Db, scope: Scope, id: string) {
  return inScope(
    db.selectFrom('party_import_jobs').selectAll().where('id', '=', id),
    'region_path',
    scope,
  ).executeTakeFirst();
}

/** Jobs still marked running become interrupted (after a restart nothing runs them any more). */
export async function interruptRunningPartyImports(db: Db, at: string) {
  await db
    .updateTable('party_import_jobs')
    .set({ status: 'interrupted', finished_at: at })
    .where('status', '=', 'running')
    .execute();
}
