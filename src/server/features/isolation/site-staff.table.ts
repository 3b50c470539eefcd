/**
 * A registry person on a centralised isolation site's staff roster (医护 / 安保 / 后勤 / 观察员 /
 * 其他) from one local day to another (to_day null: still there). region_path is the site's.
 */
export interface IsolationSiteStaffTable {
  id: string;
  site_id: string;
  person_id: string;
  region_path: string;
  role: 'medical' | 'security' | 'logistics' | 'observer' | 'other';
  /** local days, YYYY-MM-DD */
  from_day: string;
  to_day: string | null;
  note: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}
