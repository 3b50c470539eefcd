import type { Db } from '../../db/database';
import { localDay, type Clock } from '../../clock';
import type { Actor } from '../../access/actor';
import { GLOBAL_SCOPE } from '../../access/scope';
import { maskPhone } from '../../../shared/validators';
import type { ZeroReportUnitType } from '../../../shared/zero-reports';
import { raiseAlert } from '../alerts';
import { audit } from '../audit';
import { deadlineOf, unitKey } from './figures.service';
import { getZeroReportSettings } from './settings.service';
import { findEscalatedSourceIds, lockSweep, reportsOfUnits } from './reports.repository';
import { owesReport } from './status.service';
import { listReportingUnits, nearestAnswerable } from './units.repository';

const UNIT_LABEL: Record<ZeroReportUnitType, string> = {
  village: '村/社区',
  checkpoint_site: '卡口',
  isolation_site: '集中隔离点',
};

/** The escalation's text, naming the unit, the day, the deadline and the 包保 answerable person (phone masked). */
export function escalationMessage(
  u: { name: string; unitType: ZeroReportUnitType },
  day: string,
  deadline: string,
  a: { name: string; post: string; phone: string | null } | undefined,
): string {
  const [, month, date] = day.split('-').map(Number);
  const who = a ? `包保责任人：${a.name}（${a.post}${a.phone ? '，' + maskPhone(a.phone) : ''}）` : '尚无包保责任人';
  return `零报告逾期：${u.name}（${UNIT_LABEL[u.unitType]}）未在${month}月${date}日 ${deadline} 前报送；${who}`;
}

export interface SweepResult {
  day: string;
  /** whether the day's deadline had passed (before it nothing is late) */
  deadlinePassed: boolean;
  /** units without a report after the deadline */
  late: number;
  /** escalations raised by this sweep (a unit already escalated for the day is not raised again) */
  raised: number;
}

/**
 * 逾期未报: once a day's deadline has passed, raise one alert (kind 'zero_report_late') for each
 * reporting unit with no report for that day, naming its nearest 包保 answerable person, on the
 * unit's own region path so the township and the command centre see it. Each unit is escalated
 * once per day (source 'zero_report', `unitType:unitId:day`): the sweep can run every minute,
 * from several server processes at once.
 * Today (the county's) unless a day is given. A sweep that raised anything is audited, as the
 * system (no actor) when a ticker runs it.
 */
export async function sweepLateZeroReports(
  db: Db,
  clock: Clock,
  timeZone: string,
  opts: { day?: string; actor?: Actor } = {},
): Promise<SweepResult> {
  const now = clock.now();
  const day = opts.day ?? localDay(now, timeZone);
  return db.transaction().execute(async (trx) => {
    // several server processes may sweep at once: one at a time, each seeing what the one before raised
    await lockSweep(trx);
    const settings = await getZeroReportSettings(trx);
    const deadlineAt = deadlineOf(day, settings.deadline, timeZone);
    if (now < deadlineAt) return { day, deadlinePassed: false, late: 0, raised: 0 };
    const units = (await listReportingUnits(trx, GLOBAL_SCOPE, settings.unitKinds)).filter((u) =>
      owesReport(u, day, timeZone),
    );
    const reported = new Set<string>();
    const ids = units.map((u) => u.unitId);
    for (let i = 0; i < ids.length; i += 500) {
      for (const r of await reportsOfUnits(trx, day, ids.slice(i, i + 500)))
        reported.add(unitKey(r.unit_type, r.unit_id));
    }
    const late = units.filter((u) => !reported.has(unitKey(u.unitType, u.unitId)));
    const sourceId = (u: (typeof late)[number]) => `${unitKey(u.unitType, u.unitId)}:${day}`;
    const already = await findEscalatedSourceIds(trx, late.map(sourceId));
    const toRaise = late.filter((u) => !already.has(sourceId(u)));
    const answerable = await nearestAnswerable(trx, [...new Set(toRaise.map((u) => u.regionPath))]);
    for (const u of toRaise) {
      await raiseAlert(trx, clock, {
        kind: 'zero_report_late',
        personId: null,
        regionPath: u.regionPath,
        sourceType: 'zero_report',
        sourceId: sourceId(u),
        message: escalationMessage(u, day, settings.deadline, answerable.get(u.regionPath)),
      });
    }
    if (toRaise.length > 0) {
      await audit(trx, clock, opts.actor ?? null, {
        action: 'zero_report.escalate',
        entityType: 'zero_report',
        regionPath: '/',
        details: { day, raised: toRaise.length, late: late.length },
      });
    }
    return { day, deadlinePassed: true, late: late.length, raised: toRaise.length };
  });
}
