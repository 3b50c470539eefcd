import type { RegionLevel } from '../../../shared/enums';

/** What a daily report holds (JSON figures, corrections, children; the three texts), as it stands and in each version. */
export interface DailyReportContent {
  figures: string;
  computed: string;
  corrections: string;
  children: string | null;
  assessment: string | null;
  problems: string | null;
  requests: string | null;
  missing_note: string | null;
}

/**
 * One administrative unit's daily report (一日一汇报) of a local day, in its current state.
 * JSON columns: figures/computed are Figures (shared/rollups.ts); corrections is
 * { metric: { from, to, reason } }; children (township and up) is DailyReportChildren.
 */
export interface DailyReportTable extends DailyReportContent {
  id: string;
  region_id: string;
  region_path: string;
  level: RegionLevel;
  /** local day, YYYY-MM-DD */
  day: string;
  status: 'draft' | 'submitted' | 'reviewed' | 'returned';
  /** how many times submitted */
  version: number;
  /** how many states saved (the last daily_report_versions.seq) */
  revision: number;
  computed_at: string;
  created_by: string | null;
  created_at: string;
  submitted_by: string | null;
  submitted_by_name: string | null;
  /** 代填: the name of the unit above whose cadre submitted the report for the unit; null when the unit did (0013) */
  submitted_proxy_unit: string | null;
  submitted_at: string | null;
  reviewed_by: string | null;
  reviewed_by_name: string | null;
  reviewed_at: string | null;
  review_note: string | null;
  updated_at: string;
}

/** Every saved state of a daily report: what it held, the action that made it, who, when, and what changed. */
export interface DailyReportVersionTable extends DailyReportContent {
  id: string;
  report_id: string;
  region_path: string;
  seq: number;
  version: number;
  action: 'draft' | 'refresh' | 'save' | 'submit' | 'review' | 'return';
  status: DailyReportTable['status'];
  note: string | null;
  /** JSON: [{ field, from, to }] */
  changes: string;
  actor_id: string | null;
  actor_name: string | null;
  /** 代填: the name of the unit above whose cadre made this state for the report's unit; null when the unit did (0013) */
  proxy_unit: string | null;
  at: string;
}
