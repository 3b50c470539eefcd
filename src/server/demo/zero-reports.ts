import { addDays, localDay } from '../clock';
import { sql } from 'kysely';
import { engineOf, type Db } from '../db/database';
import type { AlertTable } from '../features/alerts';
import type { ZeroReportTable, ZeroReportVersionTable } from '../features/zero-reports';
import type { Clock } from '../clock';
import { formatV7 } from '../ids';
import { GLOBAL_SCOPE } from '../access/scope';
import {
  FIGURES_OF,
  type ZeroReportCorrection,
  type ZeroReportFigureKey,
  type ZeroReportFigures,
  type ZeroReportUnitType,
} from '../../shared/zero-reports';
import { audit } from '../features/audit';
import { computeFigures, deadlineOf, reportPeriod, unitKey } from '../features/zero-reports';
import { getZeroReportSettings } from '../features/zero-reports';
import { owesReport } from '../features/zero-reports';
import { escalationMessage } from '../features/zero-reports';
import {
  listReportingUnits,
  nearestAnswerable,
  townshipsOverlapping,
  type ReportingUnit,
} from '../features/zero-reports';
import { insertMany } from '../db/bulk-writes';
import { Rng } from './random';

/**
 * The demo county's daily zero reports (零报告) for 1 February 2020 and the 14 days before it
 * (18 January – 1 February: what the status view shows for 1 February) — each covering the day
 * before, so the last one carries the last day of checkpoint traffic — from
 * every village/community, every checkpoint (from the day after it was set up) and every isolation
 * site, as the units would have filed them: Qunfang's own figures (computed from the demo's
 * returnees, screening visits, passages and isolation), a few corrected with a reason, some with
 * remarks, a few filed twice. Most units report between 7 and 10 in the morning; some are late,
 * a few never report; the first days, while the system was new, are worse; one township lags
 * throughout. Each unit that had not reported by the deadline was escalated (a 'zero_report_late'
 * alert naming its 包保 answerable person), as the sweep does; all but the last day's are
 * acknowledged by the command centre.
 *
 * Deterministic: the demo's seed gives the same rows on every machine and both engines.
 */
export interface ZeroReportDemoSummary {
  days: number;
  reports: number;
  versions: number;
  late: number;
  missing: number;
  corrected: number;
  alerts: number;
}

const FIRST_DAY = '2020-01-18';
const DAYS = 15;
/** Days of recent reports, up to today, when the demo is built after the story. */
const RECENT_DAYS = 14;
const DEFAULT_SEED = 20200120;
const TIME_ZONE = 'Asia/Shanghai';
const MINUTE = 60_000;
/** Chances per unit and day: missing, late (if not missing). */
const USUAL = { missing: 0.025, late: 0.06 };
const LAGGING_TOWNSHIP = { missing: 0.12, late: 0.22 };
/** The first three days, while units learn the new form. */
const FIRST_DAYS_EXTRA = { days: 3, missing: 0.06, late: 0.1 };
/** A few units are late most days whatever their township. */
const HABITUALLY_LATE = { share: 0.04, late: 0.5 };

const REASONS: Partial<Record<ZeroReportFigureKey, readonly string[]>> = {
  newReturnees: ['两名返乡人员当晚到家，次日补登', '一人重复登记，已核减', '村口登记表有一人未录入系统'],
  householdsScreened: ['纸质排查表有两户未录入系统', '一户重复走访，已核减', '夜间补访的住户未及时录入'],
  fevers: ['复测体温正常，已核减', '村医上门测温发现一人发热，已转诊'],
  passages: ['夜间手工登记的车辆未补录', '系统故障时段纸质登记已补计'],
  peopleChecked: ['夜间手工登记的人员未补录', '同车人员重复登记，已核减'],
  turnedBack: ['劝返车辆手工登记未录入', '一辆车先劝返后经核实放行，已核减'],
  newIsolations: ['县指挥部转来一名密接人员，已纳入观察', '一人系重复登记，已核减'],
  inIsolation: ['一人已转定点医院，系统尚未更新', '一人期满解除，系统尚未更新'],
  followUpsMissed: ['观察员电话随访已完成，系统未登记', '村医上门测温，纸质记录已补交'],
};
const REMARKS: Record<ZeroReportUnitType, readonly string[]> = {
  village: [
    '全村无异常',
    '今日无新增',
    '入户排查已全覆盖',
    '大喇叭每日早晚各播报一次',
    '已劝阻两户聚餐',
    '防疫物资充足',
  ],
  checkpoint_site: ['24小时值守正常', '夜间值守人员已轮换', '口罩、消毒液充足', '外地车辆一律劝返'],
  isolation_site: ['隔离人员情绪稳定', '生活物资已配送', '房间每日消毒两次'],
};

export async function buildZeroReportDemo(db: Db, clock: Clock): Promise<ZeroReportDemoSummary> {
  const seedRow = await db.selectFrom('settings').select('value').where('key', '=', 'demo.seed').executeTakeFirst();
  const seed = (Number(seedRow?.value ?? DEFAULT_SEED) ^ 0x2e40c0de) >>> 0;
  const rng = new Rng(seed);
  const idRng = new Rng(seed ^ 0x51ed270b);
  let seq = 0;
  const idAt = (ms: number) => formatV7(ms, seq++ & 0xfff, idRng.bytes(new Uint8Array(8)));

  const settings = await getZeroReportSettings(db);
  const units = await listReportingUnits(db, GLOBAL_SCOPE, settings.unitKinds);
  const townships = await townshipsOverlapping(db, GLOBAL_SCOPE);
  if (units.length === 0 || townships.length === 0) throw new Error('the zero-report demo needs the demo county');
  const lagging = townships[rng.int(0, townships.length - 1)]!;
  const habituallyLate = new Set(
    units.filter(() => rng.chance(HABITUALLY_LATE.share)).map((u) => unitKey(u.unitType, u.unitId)),
  );
  const submitterOf = await submitters(db, units);
  const answerable = await nearestAnswerable(db, [...new Set(units.map((u) => u.regionPath))]);
  const command = await db.selectFrom('users').select('id').where('username', '=', 'command').executeTakeFirst();

  const reports: ZeroReportTable[] = [];
  const versions: ZeroReportVersionTable[] = [];
  const alerts: AlertTable[] = [];
  const summary: ZeroReportDemoSummary = {
    days: DAYS,
    reports: 0,
    versions: 0,
    late: 0,
    missing: 0,
    corrected: 0,
    alerts: 0,
  };

  // the January 2020 story, then — when the demo is built long after it — the last two weeks up to now
  const nowMs = clock.now().getTime();
  const today = localDay(clock.now(), TIME_ZONE);
  const days = Array.from({ length: DAYS }, (_, d) => addDays(FIRST_DAY, d));
  if (addDays(today, -RECENT_DAYS) > days.at(-1)!)
    for (let r = RECENT_DAYS - 1; r >= 0; r--) days.push(addDays(today, -r));
  summary.days = days.length;
  for (const [d, day] of days.entries()) {
    const owing = units.filter((u) => owesReport(u, day, TIME_ZONE));
    const morning = deadlineOf(day, '09:00', TIME_ZONE);
    const figures = await computeFigures(db, owing, reportPeriod(day, TIME_ZONE, morning));
    const deadlineMs = deadlineOf(day, settings.deadline, TIME_ZONE).getTime();
    for (const u of owing) {
      const key = unitKey(u.unitType, u.unitId);
      const chances = u.regionPath.startsWith(lagging.path) ? LAGGING_TOWNSHIP : USUAL;
      const first = d < FIRST_DAYS_EXTRA.days;
      const missing = rng.chance(chances.missing + (first ? FIRST_DAYS_EXTRA.missing : 0));
      const late =
        !missing &&
        rng.chance(
          Math.max(
            chances.late + (first ? FIRST_DAYS_EXTRA.late : 0),
            habituallyLate.has(key) ? HABITUALLY_LATE.late : 0,
          ),
        );
      if (missing || late) {
        // the sweep a minute after the deadline
        const at = deadlineMs + MINUTE + rng.int(0, 50_000);
        if (at > nowMs) continue;
        const acknowledged =
          d < days.length - 1 && command ? new Date(at + rng.int(10, 180) * MINUTE).toISOString() : null;
        alerts.push({
          id: idAt(at),
          kind: 'zero_report_late',
          person_id: null,
          region_path: u.regionPath,
          source_type: 'zero_report',
          source_id: `${key}:${day}`,
          message: escalationMessage(u, day, settings.deadline, answerable.get(u.regionPath)),
          created_at: new Date(at).toISOString(),
          acknowledged_at: acknowledged,
          acknowledged_by: acknowledged ? command!.id : null,
          referral_id: null,
        });
      }
      if (missing) {
        summary.missing++;
        continue;
      }
      if (late) summary.late++;
      // on time: 07:00–09:59, most around nine; late: 10:00–16:00, most soon after the reminder
      const submittedMs = late
        ? deadlineMs + Math.round(rng.triangular(1, 40, 360)) * MINUTE
        : deadlineMs - Math.round(rng.triangular(1, 55, 180)) * MINUTE;
      if (submittedMs > nowMs) continue; // today's, not filed yet
      const computed = figures.get(key)!;
      const corrections: ZeroReportCorrection[] = [];
      if (rng.chance(0.04)) {
        const field = rng.pick(FIGURES_OF[u.unitType]);
        const value = computed[field] ?? 0;
        const changed = value > 0 && rng.chance(0.4) ? value - 1 : value + rng.int(1, 3);
        corrections.push({ field, computed: value, value: changed, reason: rng.pick(REASONS[field] ?? ['据实更正']) });
        summary.corrected++;
      }
      const reported: ZeroReportFigures = {
        ...computed,
        ...Object.fromEntries(corrections.map((c) => [c.field, c.value])),
      };
      const remarks = rng.chance(0.3) ? rng.pick(REMARKS[u.unitType]) : null;
      const reportId = idAt(submittedMs);
      const firstVersion = {
        figures: JSON.stringify(reported),
        computed: JSON.stringify(computed),
        corrections: corrections.length ? JSON.stringify(corrections) : null,
        remarks,
        submitted_by: submitterOf.get(key) ?? null,
        submitted_at: new Date(submittedMs).toISOString(),
      };
      versions.push({
        id: idAt(submittedMs),
        report_id: reportId,
        version: 1,
        region_path: u.regionPath,
        ...firstVersion,
      });
      let current = { ...firstVersion, version: 1 };
      if (rng.chance(0.02)) {
        // filed again later that day with a remark
        const againMs = submittedMs + rng.int(30, 180) * MINUTE;
        current = {
          ...firstVersion,
          remarks: `更正：${rng.pick(REMARKS[u.unitType])}`,
          submitted_at: new Date(againMs).toISOString(),
          version: 2,
        };
        versions.push({ id: idAt(againMs), report_id: reportId, region_path: u.regionPath, ...current });
      }
      reports.push({
        id: reportId,
        unit_type: u.unitType,
        unit_id: u.unitId,
        region_path: u.regionPath,
        day,
        on_time: late ? 0 : 1,
        ...current,
      });
    }
  }

  await db.transaction().execute(async (trx) => {
    await insertMany(trx, 'zero_reports', reports);
    await insertMany(trx, 'zero_report_versions', versions);
    await insertMany(
      trx,
      'alerts',
      alerts.sort((a, b) => (a.id < b.id ? -1 : 1)),
    );
    summary.reports = reports.length;
    summary.versions = versions.length;
    summary.alerts = alerts.length;
    const county = townships[0]!.path.slice(0, townships[0]!.path.lastIndexOf('/', townships[0]!.path.length - 2) + 1);
    await audit(trx, clock, null, {
      action: 'demo.zero_reports',
      entityType: 'region',
      regionPath: county,
      details: { ...summary, laggingTownship: lagging.name },
    });
  });
  if (engineOf(db) === 'postgres') {
    for (const table of ['zero_reports', 'zero_report_versions'] as const)
      await sql`vacuum analyze ${sql.table(table)}`.execute(db);
  }
  return summary;
}

/**
 * Who filed each unit's reports: a village's first grid worker (else its township's cadre), a
 * checkpoint's crew of its township (else the cadre), an isolation site's observer (else the cadre).
 */
async function submitters(db: Db, units: ReportingUnit[]): Promise<Map<string, string>> {
  const users = await db
    .selectFrom('users')
    .select(['id', 'role', 'region_path'])
    .where('role', 'in', ['grid', 'township', 'checkpoint', 'observer'])
    .orderBy('username')
    .execute();
  const out = new Map<string, string>();
  for (const u of units) {
    const within = (role: string) => users.find((x) => x.role === role && x.region_path.startsWith(u.regionPath));
    const above = (role: string) => users.find((x) => x.role === role && u.regionPath.startsWith(x.region_path));
    const who =
      u.unitType === 'village'
        ? (within('grid') ?? above('township'))
        : u.unitType === 'checkpoint_site'
          ? (above('checkpoint') ?? above('township'))
          : (above('observer') ?? within('observer') ?? above('township'));
    if (who) out.set(unitKey(u.unitType, u.unitId), who.id);
  }
  return out;
}
