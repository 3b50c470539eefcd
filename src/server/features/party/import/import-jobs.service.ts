import type { Db } from '../../../db/database';
import type { Clock } from '../../../clock';
import { uuidv7 } from '../../../ids';
import { AppError } from '../../../errors';
import type { Actor } from '../../../access/actor';
import { scopeOf } from '../../../access/scope';
import { formatOf, readRows, type SourceRow } from '../../../spreadsheets/row-source';
import type { RefusedAt } from '../../../spreadsheets/refused';
import type { UploadSlot } from '../../../spreadsheets/upload-slots';
import type { ImportJob } from '../../../../shared/residents';
import {
  findPartyImportJobInScope,
  insertPartyImportJob,
  interruptRunningPartyImports,
  setPartyImportJob,
} from './import-jobs.repository';
import type { PartyImportJobTable } from './import-jobs.table';
import type { PartyImportProgress, PartyImportSummary } from './member-import.service';
import { importMembers } from './member-import.service';
import { importOrganisations } from './organisation-import.service';
import { partyErrorReport } from './party-files';
import { MEMBER_COLUMNS, ORGANISATION_COLUMNS } from './party-columns';

export type PartyImportKind = PartyImportJobTable['kind'];

type Importer = (
  db: Db,
  clock: Clock,
  actor: Actor,
  rows: AsyncIterable<SourceRow>,
  progress?: PartyImportProgress,
) => Promise<PartyImportSummary>;

const IMPORTERS: Record<
  PartyImportKind,
  { run: Importer; columns: typeof MEMBER_COLUMNS | typeof ORGANISATION_COLUMNS }
> = {
  members: { run: importMembers, columns: MEMBER_COLUMNS },
  organisations: { run: importOrganisations, columns: ORGANISATION_COLUMNS },
};

/**
 * Start importing an uploaded party spreadsheet in the background and return the job id at once,
 * as the resident roster import does: the page polls the job for its progress and then offers the
 * error report; batches already written stay written if the process dies or the file is refused
 * midway, and importing the same file again is safe.
 */
export async function startPartyImport(
  db: Db,
  clock: Clock,
  actor: Actor,
  kind: PartyImportKind,
  file: Buffer,
  fileName: string,
  slot: UploadSlot,
  log: (err: unknown) => void,
): Promise<string> {
  const id = uuidv7();
  await insertPartyImportJob(db, {
    id,
    kind,
    file_name: fileName.slice(0, 200),
    region_path: actor.regionPath,
    actor_id: actor.id,
    status: 'running',
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    invalid: 0,
    message: null,
    error: null,
    report: null,
    started_at: clock.now().toISOString(),
    finished_at: null,
  });
  void runJob(db, clock, actor, kind, id, file, slot)
    .catch(log)
    .finally(() => slot.release());
  return id;
}

async function runJob(
  db: Db,
  clock: Clock,
  actor: Actor,
  kind: PartyImportKind,
  id: string,
  file: Buffer,
  slot: UploadSlot,
) {
  const importer = IMPORTERS[kind];
  let written: Promise<unknown> = Promise.resolve();
  try {
    const summary = await importer.run(db, clock, actor, readRows(file, formatOf(file)), (landed) => {
      const { rows, created, updated, unchanged, invalid } = landed;
      written = written
        .then(() => setPartyImportJob(db, id, { rows, created, updated, unchanged, invalid }))
        .catch(() => {});
    });
    await written;
    const report = summary.errors.count ? await partyErrorReport(importer.columns, summary.errors) : null;
    slot.release();
    await setPartyImportJob(db, id, {
      status: 'done',
      rows: summary.rows,
      created: summary.created,
      updated: summary.updated,
      unchanged: summary.unchanged,
      invalid: summary.invalid,
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
    await setPartyImportJob(db, id, { status: 'failed', message, error, finished_at: clock.now().toISOString() });
    if (!(err instanceof AppError)) throw err;
  }
}

export async function getPartyImportJob(db: Db, actor: Actor, id: string) {
  const job = await findPartyImportJobInScope(db, scopeOf(actor), id);
  if (!job) throw new AppError('NOT_FOUND');
  return job;
}

/** A job as the page polls it (the resident import's shape, so the same progress view fits). */
export function toPartyImportJob(j: Awaited<ReturnType<typeof getPartyImportJob>>): ImportJob {
  return {
    id: j.id,
    fileName: j.file_name,
    status: j.status,
    rows: j.rows,
    created: j.created,
    updated: j.updated,
    unchanged: j.unchanged,
    invalid: j.invalid,
    warnings: 0,
    message: j.message,
    error: j.error ? JSON.parse(j.error) : null,
    hasReport: j.report !== null,
    startedAt: j.started_at,
    finishedAt: j.finished_at,
  };
}

/** After a restart, party imports that were running are not any more. */
export async function markInterruptedPartyImports(db: Db, clock: Clock) {
  await interruptRunningPartyImports(db, clock.now().toISOString());
}
