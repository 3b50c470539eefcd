import type { Db } from '../../../db/database';
import type { Clock } from '../../../clock';
import { uuidv7 } from '../../../ids';
import { AppError } from '../../../errors';
import type { Actor } from '../../../http/actor';
import { inScope, scopeOf } from '../../../http/scope';
import { importResidents } from './resident-import.service';
import { errorReport } from './resident-files';
import { readRows, formatOf } from '../../../spreadsheets/row-source';

/** Write progress to the job row at most this often. */
const PROGRESS_EVERY_MS = 500;

/**
 * Start importing an uploaded roster in the background and return the job id at once; the web
 * page polls the job for its progress bar and then offers the error report. Batches already
 * written stay written if the process dies (the job then reads "interrupted"; importing the same
 * file again is safe, it upserts).
 */
export async function startResidentImport(db: Db, clock: Clock, actor: Actor, file: Buffer, fileName: string, log: (err: unknown) => void): Promise<string> {
  const id = uuidv7();
  await db.insertInto('import_jobs').values({
    id, kind: 'residents', file_name: fileName.slice(0, 200), region_path: actor.regionPath, actor_id: actor.id, status: 'running',
    rows: 0, created: 0, updated: 0, unchanged: 0, invalid: 0, warnings: 0, message: null, report: null, started_at: clock.now().toISOString(), finished_at: null,
  }).execute();
  void runJob(db, clock, actor, id, file).catch(log);
  return id;
}

async function runJob(db: Db, clock: Clock, actor: Actor, id: string, file: Buffer) {
  let last = 0;
  try {
    const summary = await importResidents(db, clock, actor, readRows(file, formatOf(file)), async (rows) => {
      if (Date.now() - last < PROGRESS_EVERY_MS) return;
      last = Date.now();
      await db.updateTable('import_jobs').set({ rows }).where('id', '=', id).execute();
    });
    await db.updateTable('import_jobs').set({
      status: 'done', rows: summary.rows, created: summary.created, updated: summary.updated, unchanged: summary.unchanged, invalid: summary.invalid,
      warnings: summary.warnings.length, finished_at: clock.now().toISOString(),
      report: summary.errors.length || summary.warnings.length ? await errorReport(summary.errors, summary.warnings) : null,
    }).where('id', '=', id).execute();
  } catch (err) {
    const message = err instanceof AppError
      ? ((err.details as { rows?: { message: string }[] } | undefined)?.rows?.[0]?.message ?? err.code)
      : '导入失败 / import failed';
    await db.updateTable('import_jobs').set({ status: 'failed', message, finished_at: clock.now().toISOString() }).where('id', '=', id).execute();
    if (!(err instanceof AppError)) throw err;
  }
}

export async function getImportJob(db: Db, actor: Actor, id: string) {
  const job = await inScope(db.selectFrom('import_jobs').selectAll().where('id', '=', id), 'region_path', scopeOf(actor)).executeTakeFirst();
  if (!job) throw new AppError('NOT_FOUND');
  return job;
}

/** After a restart, jobs that were running are not any more. */
export async function markInterruptedImports(db: Db, clock: Clock) {
  await db.updateTable('import_jobs').set({ status: 'interrupted', finished_at: clock.now().toISOString() }).where('status', '=', 'running').execute();
}
