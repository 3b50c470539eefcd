import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import type { Metric } from '../../../shared/rollups';
import type { DailyReport, DailyReportCorrections, DailyReportUpdate } from '../../../shared/daily-reports';
import { audit } from '../audit';
import {
  applyCorrections,
  isOpen,
  mayPrepare,
  parseCorrections,
  parseFigures,
  proxyUnitOf,
  recordVersion,
  reportInScope,
  toDailyReport,
  type Change,
} from './report.model';
import { findReportById, updateReport } from './reports.repository';

const NARRATIVE = ['assessment', 'problems', 'requests'] as const;

/**
 * 更正与填写: save corrections to the computed figures and the narrative (形势研判, 存在问题,
 * 需协调解决的事项) of a draft or returned report. A listed metric is set to its value; a value that
 * differs from the computed figure needs a reason (400 DAILY_REPORT_REASON_REQUIRED with the
 * metrics) — unless it repeats a correction already on the report, whose reason stands. A value
 * equal to the computed figure removes the correction. Each save that changes something is kept as
 * a version with what changed, and audited. Only the unit itself saves, or its township filling in
 * for a village (代填, recorded on the version) — anyone else gets DAILY_REPORT_NOT_YOURS;
 * a submitted report is locked (DAILY_REPORT_LOCKED) until the level above returns it.
 */
export async function saveDailyReport(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  input: DailyReportUpdate,
): Promise<DailyReport> {
  await db.transaction().execute(async (trx) => {
    const report = await reportInScope(trx, actor, id, true);
    const unit = { path: report.region_path, level: report.level };
    if (!mayPrepare(actor, unit)) throw new AppError('DAILY_REPORT_NOT_YOURS');
    if (!isOpen(report.status)) throw new AppError('DAILY_REPORT_LOCKED', { status: report.status });

    const computed = parseFigures(report.computed);
    const before = parseCorrections(report.corrections);
    const corrections: DailyReportCorrections = { ...before };
    const unexplained: Metric[] = [];
    for (const c of input.corrections ?? []) {
      if (c.value === computed[c.metric]) {
        delete corrections[c.metric];
        continue;
      }
      const kept = before[c.metric];
      const reason = c.reason || (kept && kept.to === c.value ? kept.reason : '');
      if (!reason) unexplained.push(c.metric);
      else corrections[c.metric] = { from: computed[c.metric], to: c.value, reason };
    }
    if (unexplained.length > 0) throw new AppError('DAILY_REPORT_REASON_REQUIRED', { metrics: unexplained, computed });

    const changes: Change[] = [];
    const oldFigures = applyCorrections(computed, before);
    const figures = applyCorrections(computed, corrections);
    for (const m of Object.keys(computed) as Metric[]) {
      if (oldFigures[m] !== figures[m] || before[m]?.reason !== corrections[m]?.reason) {
        changes.push({ field: `figures.${m}`, from: oldFigures[m], to: figures[m] });
      }
    }
    const narrative: Partial<Record<(typeof NARRATIVE)[number], string | null>> = {};
    for (const f of NARRATIVE) {
      if (input[f] === undefined) continue;
      const value = input[f] || null;
      if (value !== report[f]) {
        narrative[f] = value;
        changes.push({ field: f, from: report[f], to: value });
      }
    }
    if (changes.length === 0) return;
    const now = clock.now().toISOString();
    const set = {
      ...narrative,
      corrections: JSON.stringify(corrections),
      figures: JSON.stringify(figures),
      revision: Number(report.revision) + 1,
      updated_at: now,
    };
    await updateReport(trx, id, set);
    const proxyUnit = await proxyUnitOf(trx, actor, unit);
    await recordVersion(trx, clock, actor, { ...report, ...set }, 'save', changes, null, proxyUnit);
    await audit(trx, clock, actor, {
      action: 'daily_report.save',
      entityType: 'daily_report',
      entityId: id,
      regionPath: report.region_path,
      details: {
        day: report.day,
        proxyUnit,
        changes,
        corrections: Object.fromEntries(
          changes
            .filter((c) => c.field.startsWith('figures.'))
            .map((c) => [c.field.slice(8), corrections[c.field.slice(8) as Metric] ?? null]),
        ),
      },
    });
  });
  return toDailyReport((await findReportById(db, id))!, actor);
}
