import type { Db } from '../../../db/database';
import type { Clock } from '../../../clock';
import { uuidv7 } from '../../../ids';
import { AppError } from '../../../errors';
import type { Actor } from '../../../access/actor';
import { scopeOf } from '../../../access/scope';
import { findImportJobInScope, insertImportJob, interruptRunningImports, setImportJob } from './import-jobs.repository';
import { importResidents } from './resident-import.service';
import { errorReport } from './resident-files';
import { readRows, formatOf } from '../../../spreadsheets/row-source';
import type { RefusedAt } from '../../../spreadsheets/refused';
import type { UploadSlot } from '../../../spreadsheets/upload-slots';

/**
 * Start importing an uploaded roster in the background and return the job id at once (the upload
 * slot is given back when the job ends); the web
 * page polls the job for its progress bar and then offers the error report. Batches already
 * written stay written if the process dies or the file is refused midway (a limit, a broken
 * quote: the job then reads "interrupted" or "failed" with the code, row and column); they end at
 * household boundaries, and importing the same file again is safe, it upserts.
 */
export async function startResidentImport(
  db: Db,
  clock: Clock,
  actor: Actor,
  file: Buffer,
  fileName: string,
  slot: UploadSlot,
  log: (err: unknown) => void,
): Promise<string> {
  const id = uuidv7();
  await insertImportJob(db, {
    id,
    kind: 'residents',
    file_name: fileName.slice(0, 200),
    region_path: actor.regionPath,
    actor_id: actor.id,
    status: 'running',
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    invalid: 0,
    warnings: 0,
    message: null,
    error: null,
    report: null,
    started_at: clock.now().toISOString(),
    finished_at: null,
  });
  void runJob(db, clock, actor, id, file, slot)
    .catch(log)
    .finally(() => slot.release());
  return id;
}

/** The slot is given back before the job reads finished, so that whoever sees it finished may upload again. */
async function runJob(db: Db, clock: Clock, actor: Actor, id: string, file: Buffer, slot: UploadSlot) {
  let written: Promise<unknown> = Promise.resolve();
  try {
    const summary = await importResidents(db, clock, actor, readRows(file, formatOf(file)), (rows, landed) => {
      // after every committed batch (about 10,000 rows): what has committed so far, so a job
      // interrupted later (kill -9, a refusal midway) says what landed; written in order, off the import's path
      const { created, updated, unchanged, invalid } = landed;
      written = written
        .then(() => setImportJob(db, id, { rows, created, updated, unchanged, invalid }))
        .catch(() => {});
    });
    await written;
    let report: Buffer | null;
    try {
      report =
        summary.errors.count || summary.warnings.count ? await errorReport(summary.errors, summary.warnings) : null;
    } finally {
      summary.errors.dispose();
      summary.warnings.dispose();
    }
    slot.release();
    await setImportJob(db, id, {
      status: 'done',
      rows: summary.rows,
      created: summary.created,
      updated: summary.updated,
      unchanged: summary.unchanged,
      invalid: summary.invalid,
      warnings: summary.warnings.count,
      finished_at: clock.now().toISOString(),
      report,
    });
  } catch (err) {
    const at = err instanceof AppError ? (err.details as { rows?: RefusedAt[] } | undefined)?.rows?.[0] : undefined;
    const message = err instanceof AppError ? (at?.message ?? err.code) : '导入失败 / import failed';
    const error =
      err instanceof AppError
        ? JSON.stringify({ code: err.code, row: at?.row ?? null, column: at?.column ?? null })
        : null;
    slot.release();
    await written;
    await setImportJob(db, id, { status: 'failed', message, error, finished_at: clock.now().toISOString() });
    if (!(err instanceof AppError)) throw err;
  }
}

export async function getImportJob(db: Db, actor: Actor, id: string) {
  const job = await findImportJobInScope(db, scopeOf(actor), id);
  if (!job) throw new AppError('NOT_FOUND');
  return job;
}

/** After a restart, jobs that were running are not any more. */
export async function markInterruptedImports(db: Db, clock: Clock) {
  await interruptRunningImports(db, clock.now().toISOString());
}
