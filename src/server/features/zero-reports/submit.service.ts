import { engineOf, type Db } from '../../db/database';
import { localDay, type Clock, addDays } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import {
  FIGURES_OF,
  ZERO_REPORT_HISTORY_DAYS,
  type ZeroReportSubmission,
  type ZeroReport,
  type ZeroReportCorrection,
  type ZeroReportDraft,
  type ZeroReportFigures,
  type ZeroReportUnitType,
} from '../../../shared/zero-reports';
import type { z } from 'zod';
import { audit } from '../audit';
import { computeFigures, deadlineOf, reportPeriod, unitKey } from './figures.service';
import {
  findReport,
  findReportById,
  insertReport,
  insertVersion,
  listVersions,
  toZeroReport,
  updateReport,
} from './reports.repository';
import { getZeroReportSettings } from './settings.service';
import { findReportingUnit } from './units.repository';
import { mayReportFor, unitView, unitWithinReach } from './units.service';

/** The county's today, and the oldest day a unit may still file for (补报). */
export function reportableDays(clock: Clock, timeZone: string) {
  const today = localDay(clock.now(), timeZone);
  return { today, earliest: addDays(today, -ZERO_REPORT_HISTORY_DAYS) };
}

async function unitToReport(
  db: Db,
  clock: Clock,
  timeZone: string,
  actor: Actor,
  unitType: ZeroReportUnitType,
  unitId: string,
  day: string | undefined,
) {
  const { today, earliest } = reportableDays(clock, timeZone);
  const theDay = day ?? today;
  if (theDay > today || theDay < earliest) throw new AppError('ZERO_REPORT_DAY_INVALID', { today, earliest });
  const unit = await findReportingUnit(db, unitType, unitId);
  if (!unit || !unitWithinReach(actor, unit)) throw new AppError('ZERO_REPORT_UNIT_NOT_FOUND');
  if (!mayReportFor(actor, unit)) throw new AppError('FORBIDDEN');
  const settings = await getZeroReportSettings(db);
  if (!settings.unitKinds.includes(unitType)) throw new AppError('ZERO_REPORT_UNIT_NOT_REPORTING');
  return { unit, day: theDay, settings };
}

/**
 * The pre-filled form for a unit and day: Qunfang's figures for the period the report covers,
 * the deadline, and the version already submitted (if any).
 */
export async function zeroReportDraft(
  db: Db,
  clock: Clock,
  timeZone: string,
  actor: Actor,
  q: { unitType: ZeroReportUnitType; unitId: string; day?: string },
): Promise<ZeroReportDraft> {
  const { unit, day, settings } = await unitToReport(db, clock, timeZone, actor, q.unitType, q.unitId, q.day);
  const now = clock.now();
  const period = reportPeriod(day, timeZone, now);
  const computed = (await computeFigures(db, [unit], period)).get(unitKey(unit.unitType, unit.unitId))!;
  const existing = await findReport(db, unit.unitType, unit.unitId, day);
  const deadlineAt = deadlineOf(day, settings.deadline, timeZone);
  return {
    unit: await unitView(db, unit),
    day,
    period: { from: period.from, to: period.to },
    asOf: period.asOf,
    deadline: settings.deadline,
    deadlineAt: deadlineAt.toISOString(),
    deadlinePassed: now >= deadlineAt,
    fields: [...FIGURES_OF[unit.unitType]],
    computed,
    report: existing ? toZeroReport(existing) : null,
  };
}

/**
 * Submit a unit's zero report for a day. Figures are Qunfang's own unless corrected; each
 * correction that differs from the computed figure needs a reason (else 400
 * ZERO_REPORT_REASON_REQUIRED, with the fields and the current figures). The first submission of
 * a day decides whether the unit reported on time (before the day's deadline). Submitting again
 * with other content writes a new version (the earlier ones are kept in zero_report_versions);
 * the same content again — a retried send — changes nothing. Audited.
 */
export async function submitZeroReport(
  db: Db,
  clock: Clock,
  timeZone: string,
  actor: Actor,
  body: z.output<typeof ZeroReportSubmission>,
): Promise<{ report: ZeroReport; created: boolean }> {
  const submitOnce = () =>
    db.transaction().execute(async (trx) => {
      const { unit, day, settings } = await unitToReport(
        trx,
        clock,
        timeZone,
        actor,
        body.unitType,
        body.unitId,
        body.day,
      );
      const fields = FIGURES_OF[unit.unitType];
      const foreign = body.corrections.find((c) => !fields.includes(c.field));
      if (foreign) throw new AppError('ZERO_REPORT_FIELD_INVALID', { field: foreign.field, fields });

      const now = clock.now();
      const computed = (await computeFigures(trx, [unit], reportPeriod(day, timeZone, now))).get(
        unitKey(unit.unitType, unit.unitId),
      )!;
      const changed = body.corrections.filter((c) => c.value !== computed[c.field]);
      const unexplained = changed.filter((c) => !c.reason);
      if (unexplained.length > 0)
        throw new AppError('ZERO_REPORT_REASON_REQUIRED', { fields: unexplained.map((c) => c.field), computed });
      const corrections: ZeroReportCorrection[] = changed.map((c) => ({
        field: c.field,
        computed: computed[c.field] ?? 0,
        value: c.value,
        reason: c.reason!,
      }));
      const figures: ZeroReportFigures = {
        ...computed,
        ...Object.fromEntries(corrections.map((c) => [c.field, c.value])),
      };
      const content = {
        figures: JSON.stringify(figures),
        corrections: corrections.length ? JSON.stringify(corrections) : null,
        remarks: body.remarks || null,
      };
      const at = now.toISOString();
      const onTime = now < deadlineOf(day, settings.deadline, timeZone);

      const existing = await findReport(trx, unit.unitType, unit.unitId, day, engineOf(trx) === 'postgres');
      if (
        existing &&
        existing.figures === content.figures &&
        existing.corrections === content.corrections &&
        existing.remarks === content.remarks
      ) {
        return { id: existing.id, created: false };
      }
      const reportId = existing?.id ?? uuidv7(now.getTime());
      const version = existing ? Number(existing.version) + 1 : 1;
      const row = { ...content, computed: JSON.stringify(computed), version, submitted_by: actor.id, submitted_at: at };
      if (existing) {
        await updateReport(trx, reportId, { ...row, region_path: unit.regionPath });
      } else {
        await insertReport(trx, {
          id: reportId,
          unit_type: unit.unitType,
          unit_id: unit.unitId,
          region_path: unit.regionPath,
          day,
          on_time: onTime ? 1 : 0,
          ...row,
        });
      }
      await insertVersion(trx, {
        id: uuidv7(now.getTime()),
        report_id: reportId,
        region_path: unit.regionPath,
        ...row,
      });
      await audit(trx, clock, actor, {
        action: 'zero_report.submit',
        entityType: 'zero_report',
        entityId: reportId,
        regionPath: unit.regionPath,
        details: {
          unitType: unit.unitType,
          unitId: unit.unitId,
          day,
          version,
          onTime: existing ? Boolean(Number(existing.on_time)) : onTime,
          corrections,
        },
      });
      return { id: reportId, created: true };
    });
  let result: { id: string; created: boolean };
  try {
    result = await submitOnce();
  } catch (err) {
    // Two first submissions of the same unit and day at once (PostgreSQL): the loser's insert hits
    // the unique key; run it again, now as a resubmission of the winner's report.
    if ((err as { code?: string }).code !== '23505') throw err;
    result = await submitOnce();
  }
  return { report: toZeroReport((await findReportById(db, result.id))!), created: result.created };
}

/** Every version of a report, oldest first — what the unit reported first and each later correction. */
export async function zeroReportVersions(db: Db, actor: Actor, reportId: string) {
  const report = await findReportById(db, reportId);
  if (!report || !unitWithinReach(actor, { unitType: report.unit_type, regionPath: report.region_path }))
    throw new AppError('ZERO_REPORT_NOT_FOUND');
  const rows = await listVersions(db, reportId);
  return rows.map((v) =>
    toZeroReport({
      ...report,
      id: report.id,
      version: v.version,
      figures: v.figures,
      computed: v.computed,
      corrections: v.corrections,
      remarks: v.remarks,
      submitted_by: v.submitted_by,
      submitted_at: v.submitted_at,
      submitter_name: v.submitter_name,
    }),
  );
}
