/** A unit's daily zero report (零报告) for one local day; figures are JSON. */
export interface ZeroReportTable {
  id: string;
  unit_type: 'village' | 'checkpoint_site' | 'isolation_site';
  unit_id: string;
  region_path: string;
  day: string;
  /** JSON: the figures as submitted */
  figures: string;
  /** JSON: the figures Qunfang computed when the unit submitted */
  computed: string;
  /** JSON: [{ field, computed, value, reason }] */
  corrections: string | null;
  remarks: string | null;
  on_time: number;
  version: number;
  submitted_by: string | null;
  submitted_at: string;
}

/** Each submitted version of a zero report; the current one is also in zero_reports. */
export interface ZeroReportVersionTable {
  id: string;
  report_id: string;
  version: number;
  region_path: string;
  figures: string;
  computed: string;
  corrections: string | null;
  remarks: string | null;
  submitted_by: string | null;
  submitted_at: string;
}
