export interface ScreeningRoundTable {
  id: string;
  name: string;
  start_date: string;
  end_date: string;
  status: 'open' | 'closed';
  /** the jurisdiction of the user who opened it: who may see and close it */
  region_path: string;
  created_by: string | null;
  created_at: string;
  closed_at: string | null;
}

export interface ScreeningRoundRegionTable {
  round_id: string;
  region_id: string;
  region_path: string;
}
