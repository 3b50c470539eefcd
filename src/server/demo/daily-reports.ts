import type { Db } from '../db/database';
import type { RegionRow } from '../features/regions';
import { ManualClock, localDay, localDayStartMs, type Clock } from '../clock';
import type { Actor } from '../access/actor';
import { draftDailyReport } from '../features/daily-reports';
import { reviewDailyReport } from '../features/daily-reports';
import { saveDailyReport } from '../features/daily-reports';
import { submitDailyReport } from '../features/daily-reports';

/**
 * Today's daily reports (一日一汇报) in the demo county, filed through the feature's own services
 * over the live roll-ups, so the command centre can walk the chain on first start:
 * - 古陶镇 (the first township): villages reviewed, one submitted and waiting, one returned with a
 *   note, one filled in by the township (代填) and reviewed, one still a draft, the rest not
 *   started; the township's report, summing those submitted, went up with a note on the missing.
 * - the first other township (by code): half its villages submitted (one by 代填); its own report is a draft,
 *   partly summed.
 * - the next one: two villages submitted; its own report not started.
 * - every other township, and the county itself, not started: the county's draft shows the sum of
 *   what went up beside the live figures of the whole county (辖区实时数).
 * The steps happen between the start of the local day and now, in order. Deterministic in content.
 */
export interface DailyReportDemoSummary {
  reports: number;
  submitted: number;
  reviewed: number;
  returned: number;
  filledIn: number;
}

type Step = (actorOf: (username: string) => Promise<Actor>, clock: ManualClock) => Promise<void>;

const ASSESSMENTS = [
  '本村总体平稳，无发热病例',
  '返乡人员均已登记并落实居家观察',
  '入户排查进度正常，群众配合',
  '村口卡点24小时值守，外来车辆一律劝返',
];
const PROBLEMS = ['口罩、消毒液库存不足三天用量', '部分外出务工人员行程难以核实', null, '夜间值守人员不足'];
const REQUESTS = ['请镇里调拨口罩200只、消毒液10箱', null, '请协调县疾控复核两名返乡人员行程', null];

export async function buildDailyReportDemo(db: Db, clock: Clock, timeZone: string): Promise<DailyReportDemoSummary> {
  const users = await db
    .selectFrom('users')
    .innerJoin('regions', 'regions.id', 'users.region_id')
    .select(['users.id', 'users.username', 'users.display_name', 'users.role', 'users.region_id', 'regions.path'])
    .where((eb) =>
      eb.or([
        eb('users.username', 'like', 'village%'),
        eb('users.username', 'like', 'township%'),
        eb('users.username', '=', 'command'),
      ]),
    )
    .execute();
  const byName = new Map(users.map((u) => [u.username, u]));
  const byRegion = new Map(users.filter((u) => u.username.startsWith('village')).map((u) => [u.region_id, u.username]));
  const actorOf = async (username: string): Promise<Actor> => {
    const u = byName.get(username)!;
    return {
      id: u.id,
      username: u.username,
      displayName: u.display_name,
      role: u.role,
      regionId: u.region_id,
      regionPath: u.path,
      locale: 'zh-CN',
      ip: null,
      userAgent: null,
    };
  };
  const townships = await db
    .selectFrom('regions')
    .selectAll()
    .where('level', '=', 'township')
    .where('status', '=', 'active')
    .orderBy('code')
    .execute();
  const villagesOf = async (t: RegionRow) =>
    db
      .selectFrom('regions')
      .selectAll()
      .where('parent_id', '=', t.id)
      .where('level', '=', 'village')
      .where('status', '=', 'active')
      .orderBy('code')
      .execute();
  const summary: DailyReportDemoSummary = { reports: 0, submitted: 0, reviewed: 0, returned: 0, filledIn: 0 };
  if (!byName.has('command') || townships.length === 0) return summary;

  const today = localDay(clock.now(), timeZone);
  const cadreOf = (t: RegionRow) => `township${String(townships.indexOf(t) + 1).padStart(2, '0')}`;
  const steps: Step[] = [];
  let n = 0;
  /** A village's report: drafted by its own cadre (or filled in by the township), maybe corrected, then taken as far as `to`. */
  const village = (v: RegionRow, t: RegionRow, to: 'draft' | 'submitted' | 'reviewed' | 'returned', fillIn = false) => {
    const i = n++;
    steps.push(async (as, c) => {
      const filer = await as(fillIn || !byRegion.has(v.id) ? cadreOf(t) : byRegion.get(v.id)!);
      const { report } = await draftDailyReport(db, c, timeZone, filer, v.id, today);
      summary.reports++;
      const corrections =
        i % 3 === 0
          ? [
              {
                metric: 'householdsVisited' as const,
                value: report.computed.householdsVisited + 2,
                reason: '2户为纸质登记表，尚未录入系统',
              },
            ]
          : [];
      await saveDailyReport(db, c, filer, report.id, {
        corrections,
        assessment: ASSESSMENTS[i % ASSESSMENTS.length]!,
        problems: PROBLEMS[i % PROBLEMS.length] ?? null,
        requests: REQUESTS[i % REQUESTS.length] ?? null,
      });
      if (to === 'draft') return;
      await submitDailyReport(db, c, filer, report.id, {});
      summary.submitted++;
      if (fillIn) summary.filledIn++;
      if (to === 'submitted') return;
      const reviewer = await as(cadreOf(t));
      if (to === 'reviewed') {
        await reviewDailyReport(db, c, reviewer, report.id, {
          decision: 'reviewed',
          note: fillIn ? '村干部电话报来，已核实' : undefined,
        });
        summary.reviewed++;
      } else {
        await reviewDailyReport(db, c, reviewer, report.id, {
          decision: 'returned',
          note: '返乡人员数与村口登记表不符，请核对后重报',
        });
        summary.returned++;
      }
    });
  };
  const township = (t: RegionRow, to: 'draft' | 'submitted', missingNote: string) => {
    steps.push(async (as, c) => {
      const cadre = await as(cadreOf(t));
      const { report } = await draftDailyReport(db, c, timeZone, cadre, t.id, today);
      summary.reports++;
      await saveDailyReport(db, c, cadre, report.id, {
        assessment: `${t.name}总体平稳，各村（社区）防控措施落实到位`,
        problems: '个别村报送不及时',
        requests: '请县指挥部协调防护物资',
      });
      if (to === 'draft') return;
      await submitDailyReport(
        db,
        c,
        cadre,
        report.id,
        (report.children?.missing.length ?? 0) > 0 ? { missingNote } : {},
      );
      summary.submitted++;
    });
  };

  // 古陶镇 (the county seat's town, where the small demo has its residents) first, then the first two others by code
  const gutao = townships.find((t) => t.code.endsWith('100000'));
  const [first, second, third] = gutao ? [gutao, ...townships.filter((t) => t !== gutao)] : townships;
  if (first) {
    const vs = await villagesOf(first);
    const plan: [number, 'draft' | 'submitted' | 'reviewed' | 'returned', boolean][] = [
      [0, 'reviewed', false],
      [1, 'reviewed', false],
      [2, 'submitted', false],
      [3, 'returned', false],
      [4, 'reviewed', true],
      [5, 'draft', false],
    ];
    for (const [i, to, fillIn] of plan) if (vs[i]) village(vs[i]!, first, to, fillIn);
    township(first, 'submitted', '其余村（社区）网格员仍在入户排查，今晚补报；退回的村核对后重报');
  }
  if (second) {
    const vs = await villagesOf(second);
    for (const [i, v] of vs.slice(0, Math.ceil(vs.length / 2)).entries())
      village(v, second, i % 2 === 0 ? 'reviewed' : 'submitted', i === 1);
    township(second, 'draft', '');
  }
  if (third) for (const v of (await villagesOf(third)).slice(0, 2)) village(v, third, 'submitted');

  // the steps happen in order between the start of the local day and now
  const start = localDayStartMs(today, timeZone);
  const span = clock.now().getTime() - start;
  const stepClock = new ManualClock(new Date(start));
  for (const [i, step] of steps.entries()) {
    stepClock.set(new Date(start + Math.floor(span * (0.3 + (0.7 * i) / steps.length))));
    await step(actorOf, stepClock);
  }
  return summary;
}
