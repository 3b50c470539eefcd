import type { FastifyInstance } from 'fastify';
import { systemClock } from '../src/server/clock';
import type { Db } from '../src/server/db/database';
import { uuidv7 } from '../src/server/ids';
import { draftDailyReport } from '../src/server/features/daily-reports/draft.service';
import { submitDailyReport } from '../src/server/features/daily-reports/submit.service';
import { insertMany } from '../src/server/db/bulk-writes';
import { systemActor } from '../src/server/testing/test-app';
import { quantile } from './stats';

/**
 * daily_report_county_draft: POST /api/daily-reports/draft for the county (一日一汇报) by the county
 * command user, after every village and then every township has submitted its report of the day —
 * the county's draft is the sum of its 20 townships' submitted reports plus its own part, read from
 * stored reports and roll-ups. Timed against GET /api/health alternated, like latency.ts, and again
 * after 58 more days of filed reports to show it stays flat as history grows.
 */
const TZ = 'Asia/Shanghai';

/** Every village drafts and submits, then every township (the county is left to the measurement). */
export async function fileDay(db: Db, day: string): Promise<number> {
  const units = await db
    .selectFrom('regions')
    .select(['id', 'level'])
    .where('level', 'in', ['village', 'township'])
    .where('status', '=', 'active')
    .execute();
  let filed = 0;
  for (const level of ['village', 'township'] as const) {
    for (const u of units.filter((x) => x.level === level)) {
      const { report } = await draftDailyReport(db, systemClock, TZ, systemActor, u.id, day);
      await submitDailyReport(db, systemClock, systemActor, report.id, {});
      filed++;
    }
  }
  return filed;
}

/**
 * History without filing it again: the day's village and township reports (and their versions)
 * copied to each earlier day — the same rows a county accumulates over two months.
 */
export async function copyReports(db: Db, fromDay: string, toDays: readonly string[]): Promise<void> {
  const reports = await db
    .selectFrom('daily_reports')
    .selectAll()
    .where('day', '=', fromDay)
    .where('level', 'in', ['village', 'township'])
    .execute();
  for (const day of toDays) {
    const idMap = new Map<string, string>();
    const rows = reports.map((r) => {
      const id = uuidv7();
      idMap.set(r.id, id);
      return { ...r, id, day };
    });
    await insertMany(db, 'daily_reports', rows);
    const versions = await db
      .selectFrom('daily_report_versions')
      .selectAll()
      .where('report_id', 'in', [...idMap.keys()])
      .execute();
    await insertMany(
      db,
      'daily_report_versions',
      versions.map((v) => ({ ...v, id: uuidv7(), report_id: idMap.get(v.report_id)! })),
    );
  }
}

/** p99 of the county's draft (POST, the first one creating it) alternated with GET /api/health. */
export async function timeCountyDraft(
  app: FastifyInstance,
  cookie: string,
  countyId: string,
  day: string,
  requests: number,
): Promise<{ p99: number; p50: number; baselineP99: number; included: number }> {
  const samples: number[] = [];
  const floor: number[] = [];
  let included = 0;
  for (let i = 0; i < requests + 3; i++) {
    let start = performance.now();
    await app.inject({ method: 'GET', url: '/api/health', headers: { cookie } });
    const health = performance.now() - start;
    start = performance.now();
    const res = await app.inject({
      method: 'POST',
      url: '/api/daily-reports/draft',
      headers: { cookie },
      payload: { regionId: countyId, day },
    });
    const ms = performance.now() - start;
    if (res.statusCode !== 200 && res.statusCode !== 201)
      throw new Error(`county draft: ${res.statusCode} ${res.body.slice(0, 200)}`);
    included = (res.json() as { children: { included: unknown[] } | null }).children?.included.length ?? 0;
    if (i < 3) continue;
    samples.push(ms);
    floor.push(health);
  }
  return { p99: quantile(samples, 0.99), p50: quantile(samples, 0.5), baselineP99: quantile(floor, 0.99), included };
}
