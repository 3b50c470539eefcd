import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import type { Scope } from '../../access/scope';
import { maskPhone } from '../../../shared/validators';
import {
  ZERO_REPORT_HISTORY_DAYS,
  ZERO_REPORT_UNIT_TYPES,
  type ZeroReportCounts,
  type ZeroReportStatus,
} from '../../../shared/zero-reports';
import { deadlineOf, unitKey } from './figures.service';
import { findEscalatedSourceIds, latestReports, reportMasks } from './reports.repository';
import { getZeroReportSettings } from './settings.service';
import { listReportingUnits, nearestAnswerable, townshipsOverlapping, type ReportingUnit } from './units.repository';
import { townshipOfPath } from './units.service';
import { localDayStartMs, addDays } from '../../clock';

/** How many of the day's latest submissions the status view lists. */
const LATEST = 10;

/** "A unit owed a report on `day`": a village always, a site from the local day it was registered on. */
export function owesReport(unit: ReportingUnit, day: string, timeZone: string): boolean {
  return unit.since === null || Date.parse(unit.since) < localDayStartMs(addDays(day, 1), timeZone);
}

/**
 * The command centre's zero-report screen for a day (today by default) over a jurisdiction:
 * - the units that have not reported (late once the deadline has passed), each with its nearest
 *   包保 answerable person (phone masked) and whether the escalation alert has gone out;
 * - per township/street: units, reported (completeness = reported/units) and on time
 *   (timeliness = on time/units), for the day and each of the 14 days before it;
 * - the latest submissions of the day.
 * Units are today's active units; a site counts from the day it was registered.
 */
export async function zeroReportStatus(
  db: Db,
  clock: Clock,
  timeZone: string,
  scope: Scope,
  day: string,
): Promise<ZeroReportStatus> {
  const days = Array.from({ length: ZERO_REPORT_HISTORY_DAYS + 1 }, (_, i) =>
    addDays(day, i - ZERO_REPORT_HISTORY_DAYS),
  );
  const today = days.length - 1;
  // independent queries at once (PostgreSQL runs them on several pooled connections)
  const [settings, allUnits, townships, masks, latestRows] = await Promise.all([
    getZeroReportSettings(db),
    listReportingUnits(db, scope, ZERO_REPORT_UNIT_TYPES),
    townshipsOverlapping(db, scope),
    reportMasks(db, scope, days),
    latestReports(db, scope, day, LATEST * 3),
  ]);
  const units = allUnits.filter((u) => settings.unitKinds.includes(u.unitType));
  const maskOf = new Map(masks.map((m) => [unitKey(m.unit_type, m.unit_id), m]));
  // a site owes reports from the day it was registered on: the first day index it owes
  const dayEnds = days.map((d) => localDayStartMs(addDays(d, 1), timeZone));
  const rows = units.map((u) => {
    const since = u.since === null ? -Infinity : Date.parse(u.since);
    const township = townshipOfPath(townships, u.regionPath);
    return {
      unit: u,
      township,
      firstOwed: dayEnds.findIndex((end) => since < end),
      mask: maskOf.get(unitKey(u.unitType, u.unitId)) ?? { reported: 0, onTime: 0 },
    };
  });

  const countDay = (i: number) => {
    const total: ZeroReportCounts = { units: 0, reported: 0, onTime: 0 };
    const byTownship = new Map<string | null, ZeroReportCounts>(
      townships.map((t) => [t.id, { units: 0, reported: 0, onTime: 0 }]),
    );
    const bit = 2 ** i;
    for (const r of rows) {
      if (r.firstOwed < 0 || r.firstOwed > i) continue;
      const tid = r.township?.id ?? null;
      let group = byTownship.get(tid);
      if (!group) {
        group = { units: 0, reported: 0, onTime: 0 };
        byTownship.set(tid, group);
      }
      const reported = (r.mask.reported & bit) !== 0;
      const onTime = (r.mask.onTime & bit) !== 0;
      for (const c of [total, group]) {
        c.units++;
        if (reported) c.reported++;
        if (onTime) c.onTime++;
      }
    }
    return { total, byTownship: [...byTownship].filter(([, c]) => c.units > 0) };
  };

  const history: ZeroReportStatus['history'] = days.map((d, i) => {
    const { total, byTownship } = countDay(i);
    return { day: d, ...total, townships: byTownship.map(([townshipId, c]) => ({ townshipId, ...c })) };
  });
  const now = countDay(today);
  const names = new Map(townships.map((t) => [t.id, t.name]));

  const bit = 2 ** today;
  const missing = rows.filter((r) => r.firstOwed >= 0 && r.firstOwed <= today && (r.mask.reported & bit) === 0);
  const [answerable, escalated] = await Promise.all([
    nearestAnswerable(db, [...new Set(missing.map((r) => r.unit.regionPath))]),
    findEscalatedSourceIds(
      db,
      missing.map((r) => `${unitKey(r.unit.unitType, r.unit.unitId)}:${day}`),
    ),
  ]);
  const view = (r: (typeof rows)[number]) => ({
    unitType: r.unit.unitType,
    unitId: r.unit.unitId,
    name: r.unit.name,
    regionPath: r.unit.regionPath,
    townshipName: r.township?.name ?? null,
  });
  const rowByKey = new Map(rows.map((r) => [unitKey(r.unit.unitType, r.unit.unitId), r]));
  const deadlineAt = deadlineOf(day, settings.deadline, timeZone);

  return {
    day,
    deadline: settings.deadline,
    deadlineAt: deadlineAt.toISOString(),
    deadlinePassed: clock.now() >= deadlineAt,
    totals: now.total,
    townships: now.byTownship.map(([townshipId, c]) => ({
      townshipId,
      name: townshipId ? (names.get(townshipId) ?? null) : null,
      ...c,
    })),
    missing: missing.map((r) => {
      const a = answerable.get(r.unit.regionPath);
      return {
        ...view(r),
        answerable: a ? { name: a.name, post: a.post, phone: maskPhone(a.phone), regionName: a.regionName } : null,
        escalated: escalated.has(`${unitKey(r.unit.unitType, r.unit.unitId)}:${day}`),
      };
    }),
    latest: latestRows
      .filter((l) => rowByKey.has(unitKey(l.unit_type, l.unit_id)))
      .slice(0, LATEST)
      .map((l) => ({
        ...view(rowByKey.get(unitKey(l.unit_type, l.unit_id))!),
        reportId: l.id,
        version: Number(l.version),
        onTime: Boolean(Number(l.on_time)),
        submittedAt: l.submitted_at,
      })),
    history,
  };
}
