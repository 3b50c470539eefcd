import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../../db/database';
import { inScope, type Scope } from '../../../access/scope';
import type { ImportJobTable } from './import-jobs.table';

export async function insertImportJob(db: Db, row: Insertable<ImportJobTable>) {
  await db.insertInto('import_jobs').values(row).execute();
}

/** Record a job's progress or its end. */
export async function setImportJob(db: Db, id: string, values: Updateable<ImportJobTable>) {
  await db.updateTable('import_jobs').set(values).where('id', '=', id).execute();
}

export async function findImportJobInScope(db: Db, scope: Scope, id: string) {
  return inScope(
    db.selectFrom('import_jobs').selectAll().where('id', '=', id),
    'region_path',
    scope,
  ).executeTakeFirst();
}

/** Jobs still marked running become interrupted (after a restart nothing runs them any more). */
export async function interruptRunningImports(db: Db, at: string) {
  await db
    .updateTable('import_jobs')
    .set({ status: 'interrupted', finished_at: at })
    .where('status', '=', 'running')
    .execute();
}
