/** One person's isolation (home, centralised room, hospital) under one observer. */
export interface IsolationEpisodeTable {
  id: string;
  person_id: string;
  household_id: string | null;
  region_id: string;
  region_path: string;
  kind: 'home' | 'centralised' | 'hospital';
  site_id: string | null;
  room_id: string | null;
  reason: string;
  reason_detail: string | null;
  source_type: string | null;
  source_id: string | null;
  /** local days, YYYY-MM-DD; the episode runs start_day … planned_end_day inclusive */
  start_day: string;
  planned_end_day: string;
  slots_per_day: number;
  observer_id: string | null;
  status: 'active' | 'completed' | 'hospital' | 'lost' | 'ended_early';
  ended_at: string | null;
  end_reason: string | null;
  /** the self-report link's secret; it stops working when the episode ends */
  token: string;
  certificate_serial: string | null;
  certificate_code: string | null;
  certificate_issued_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}
