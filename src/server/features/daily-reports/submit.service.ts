import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import {
  COUNTS_UPWARDS,
  type DailyReport,
  type DailyReportChildren,
  type DailyReportSubmit,
} from '../../../shared/daily-reports';
import { audit } from '../audit';
import { listReportingChildren } from './units.repository';
import {
  isOpen,
  mayPrepare,
  parseChildren,
  proxyUnitOf,
  recordVersion,
  reportInScope,
  toDailyReport,
} from './report.model';
import { findReportById, reportsOfPaths, updateReport, type DailyReportRow } from './reports.repository';

/**
 * Whether the children summed in a draft are still the ones that count: the same children
 * submitted, each at the same version, and no other child submitted since. Returns what moved.
 */
async function childrenMoved(db: Db, report: DailyReportRow, children: DailyReportChildren) {
  const kids = await listReportingChildren(db, report.region_id);
  const reports = new Map(
    (
      await reportsOfPaths(
        db,
        kids.map((k) => k.path),
        report.day,
      )
    ).map((r) => [r.region_path, r]),
  );
  const now = new Map<string, string>();
  for (const k of kids) {
    const r = reports.get(k.path);
    if (r && COUNTS_UPWARDS.includes(r.status)) now.set(k.id, `${r.id}:${r.version}`);
  }
  const then = new Map(children.included.map((c) => [c.regionId, `${c.reportId}:${c.version}`]));
  const names = new Map(kids.map((k) => [k.id, k.name]));
  const moved = [...new Set([...now.keys(), ...then.keys()])].filter((k) => now.get(k) !== then.get(k));
  return moved.map((k) => names.get(k) ?? children.included.find((c) => c.regionId === k)?.name ?? k);
}

/**
 * 报送: freeze a draft (or a returned report) as the unit's report of the day — exactly the figures
 * the unit saw and corrected — and send it up for review. Its submission number (version) goes up
 * by one and the state is kept as a version. For a township or higher:
 * - the children summed must still be the ones that count (409 DAILY_REPORT_CHILDREN_CHANGED when a
 *   child has submitted, resubmitted or been returned since the draft; recompute and check again);
 * - children still missing do not hold the report back — the county expects every township's
 *   report on time — but the unit must say why they are missing (400 DAILY_REPORT_MISSING_NOTE_REQUIRED).
 * A township submitting a village's report for it (代填) is recorded on the report and its version.
 * Audited.
 */
export async function submitDailyReport(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  input: DailyReportSubmit,
): Promise<DailyReport> {
  await db.transaction().execute(async (trx) => {
    const report = await reportInScope(trx, actor, id, true);
    const unit = { path: report.region_path, level: report.level };
    if (!mayPrepare(actor, unit)) throw new AppError('DAILY_REPORT_NOT_YOURS');
    if (!isOpen(report.status)) throw new AppError('DAILY_REPORT_LOCKED', { status: report.status });
    const children = parseChildren(report.children);
    let missingNote: string | null = null;
    if (children) {
      const moved = await childrenMoved(trx, report, children);
      if (moved.length > 0) throw new AppError('DAILY_REPORT_CHILDREN_CHANGED', { units: moved });
      if (children.missing.length > 0) {
        missingNote = input.missingNote || null;
        if (!missingNote)
          throw new AppError('DAILY_REPORT_MISSING_NOTE_REQUIRED', { missing: children.missing.map((c) => c.name) });
      }
    }
    const now = clock.now().toISOString();
    const proxyUnit = await proxyUnitOf(trx, actor, unit);
    const set = {
      status: 'submitted' as const,
      version: Number(report.version) + 1,
      revision: Number(report.revision) + 1,
      missing_note: missingNote,
      submitted_by: actor.id,
      submitted_by_name: actor.displayName || actor.username,
      submitted_proxy_unit: proxyUnit,
      submitted_at: now,
      reviewed_by: null,
      reviewed_by_name: null,
      reviewed_at: null,
      review_note: null,
      updated_at: now,
    };
    await updateReport(trx, id, set);
    await recordVersion(
      trx,
      clock,
      actor,
      { ...report, ...set },
      'submit',
      [{ field: 'status', from: report.status, to: 'submitted' }],
      missingNote,
      proxyUnit,
    );
    await audit(trx, clock, actor, {
      action: 'daily_report.submit',
      entityType: 'daily_report',
      entityId: id,
      regionPath: report.region_path,
      details: {
        day: report.day,
        version: set.version,
        proxyUnit,
        missing: children?.missing.map((c) => c.name) ?? [],
        missingNote,
      },
    });
  });
  return toDailyReport((await findReportById(db, id))!, actor);
}
