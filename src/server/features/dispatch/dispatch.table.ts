/**
 * 一日两调度: the morning or evening dispatch sheet of a jurisdiction (region_path; region_id is null
 * for a global admin), drawn from what changed since `since` (the previous sheet, or 24 h before).
 */
export interface DispatchTable {
  id: string;
  region_id: string | null;
  region_path: string;
  slot: 'morning' | 'evening';
  /** local day, YYYY-MM-DD */
  day: string;
  since: string;
  drawn_at: string;
  drawn_by: string | null;
  drawn_by_name: string | null;
  note: string | null;
}

/** One line of a dispatch sheet: a thing to act on, where it is, who does it by when, and whether it is done. */
export interface DispatchItemTable {
  id: string;
  dispatch_id: string;
  region_path: string;
  kind: 'new_case' | 'new_fever' | 'missed_follow_up' | 'zero_report_missing' | 'roster_gap' | 'open_notice';
  source_type: string;
  source_id: string;
  title: string;
  assignee_user_id: string | null;
  assignee_name: string | null;
  due_at: string | null;
  status: 'open' | 'done';
  done_at: string | null;
  done_by: string | null;
  done_note: string | null;
  updated_at: string;
  /** a township's line for missing zero reports: the units inside, JSON `[{ unitType, unitId, name }]`; null otherwise */
  units: string | null;
}
