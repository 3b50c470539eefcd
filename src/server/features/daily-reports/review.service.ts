import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { COUNTS_UPWARDS, type DailyReport, type DailyReportReview } from '../../../shared/daily-reports';
import { audit } from '../audit';
import { mayReview, parentPathOf, parseChildren, recordVersion, reportInScope, toDailyReport } from './report.model';
import { findReportById, findReportOfUnit, updateReport } from './reports.repository';

/**
 * 审核: the level directly above checks a submitted report and marks it reviewed, or returns it
 * with a note saying what to put right (400 DAILY_REPORT_RETURN_NOTE_REQUIRED without one). A
 * returned report is editable again; its resubmission is a new version. A reviewed report can still
 * be returned when a mistake turns up later. A report already summed into the parent's submitted
 * report cannot be returned (409 DAILY_REPORT_INCLUDED_ABOVE): the parent's report would no longer
 * add up — the level above the parent returns the parent's report first. Audited.
 */
export async function reviewDailyReport(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  input: DailyReportReview,
): Promise<DailyReport> {
  await db.transaction().execute(async (trx) => {
    const report = await reportInScope(trx, actor, id, true);
    if (!mayReview(actor, report.region_path)) throw new AppError('DAILY_REPORT_NOT_REVIEWER');
    const note = input.note || null;
    if (input.decision === 'reviewed' && report.status !== 'submitted')
      throw new AppError('DAILY_REPORT_NOT_SUBMITTED', { status: report.status });
    if (input.decision === 'returned') {
      if (!COUNTS_UPWARDS.includes(report.status))
        throw new AppError('DAILY_REPORT_NOT_SUBMITTED', { status: report.status });
      if (!note) throw new AppError('DAILY_REPORT_RETURN_NOTE_REQUIRED');
      const parentPath = parentPathOf(report.region_path);
      const parent = parentPath ? await findReportOfUnit(trx, parentPath, report.day) : undefined;
      if (
        parent &&
        COUNTS_UPWARDS.includes(parent.status) &&
        parseChildren(parent.children)?.included.some((c) => c.reportId === report.id)
      ) {
        throw new AppError('DAILY_REPORT_INCLUDED_ABOVE', { parent: parent.region_name });
      }
    }
    const now = clock.now().toISOString();
    const set = {
      status: input.decision,
      revision: Number(report.revision) + 1,
      reviewed_by: actor.id,
      reviewed_by_name: actor.displayName || actor.username,
      reviewed_at: now,
      review_note: note,
      updated_at: now,
    };
    await updateReport(trx, id, set);
    const action = input.decision === 'reviewed' ? 'review' : 'return';
    await recordVersion(
      trx,
      clock,
      actor,
      { ...report, ...set },
      action,
      [{ field: 'status', from: report.status, to: input.decision }],
      note,
    );
    await audit(trx, clock, actor, {
      action: `daily_report.${action}`,
      entityType: 'daily_report',
      entityId: id,
      regionPath: report.region_path,
      details: { day: report.day, version: Number(report.version), note },
    });
  });
  return toDailyReport((await findReportById(db, id))!, actor);
}
