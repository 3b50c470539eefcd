import type { DashboardBench } from './dashboard';
import { emit } from './stats';

/**
 * The dashboard lines: the payload's p99 with 60 days of history against GET /api/health; the same
 * p99 against itself with 2 days of history (ratio ≈ 1 means flat); one refresher tick likewise.
 */
export function emitDashboard(r: DashboardBench, quick: boolean): void {
  const q = quick ? '_quick' : '';
  emit(`dashboard_rollup_p99${q}`, r.sixtyDays.payload.p99, 'ms', r.sixtyDays.payload.baselineP99);
  emit(`dashboard_rollup_p99_60d_vs_2d${q}`, r.sixtyDays.payload.p99, 'ms', r.twoDays.payload.p99);
  emit(`daily_report_county_draft${q}`, r.sixtyDays.draft.p99, 'ms', r.sixtyDays.draft.baselineP99);
  emit(`daily_report_county_draft_60d_vs_2d${q}`, r.sixtyDays.draft.p99, 'ms', r.twoDays.draft.p99);
  emit(`rollup_refresh_60d_vs_2d${q}`, r.refreshSixtyDaysMs, 'ms', r.refreshTwoDaysMs);
}
