import type { Db } from '../src/server/db/database';
import type { ZeroReportStatus } from '../src/shared/zero-reports';
import { benchApp, interleaved, timeRequest, type LatencyResult } from './latency';

/**
 * zero_report_status_p99: GET /api/zero-reports/status?day=2020-02-01 by the county `command`
 * user on the county demo: every reporting unit of the county (~270 villages/communities, ~300
 * checkpoints, the isolation sites) with the 14 days of zero reports before the day, the units not
 * reported with their nearest 包保 answerable person, per-township completeness and timeliness for
 * the day and each of the 14 days before. Baseline: GET /api/health, interleaved (latency.ts).
 * Run alone: `node bin/run-ts.mjs bench/zero-reports-run.ts [--quick] [--engine sqlite|postgres]`.
 */
export interface ZeroReportStatusResult extends LatencyResult {
  units: number;
  reports: number;
  missing: number;
}

/** The demo's last day of zero reports. */
export const DEMO_LAST_REPORT_DAY = '2020-02-01';

export async function runZeroReportStatusLatency(
  db: Db,
  requests: number,
  warmup: number,
): Promise<ZeroReportStatusResult> {
  const bench = await benchApp(db);
  try {
    const { cookie } = await bench.login('command');
    const url = `/api/zero-reports/status?day=${DEMO_LAST_REPORT_DAY}`;
    const status = JSON.parse((await timeRequest(bench.app, url, cookie)).body) as ZeroReportStatus;
    if (status.totals.reported === 0) throw new Error('the demo has no zero reports for ' + DEMO_LAST_REPORT_DAY);
    const reports = status.history.reduce((n, h) => n + h.reported, 0);
    return {
      ...(await interleaved(bench.app, cookie, () => url, requests, warmup)),
      units: status.totals.units,
      reports,
      missing: status.missing.length,
    };
  } finally {
    await bench.close();
  }
}
