/** A wedding, funeral, banquet, market … registered by its village, and what became of it. */
export interface GatheringTable {
  id: string;
  region_id: string;
  region_path: string;
  occasion: 'wedding' | 'funeral' | 'banquet' | 'birthday' | 'market' | 'temple_fair' | 'other';
  host_name: string;
  host_phone: string | null;
  /** local day, YYYY-MM-DD */
  date: string;
  place: string | null;
  expected_guests: number;
  status: 'planned' | 'cancelled' | 'postponed' | 'scaled_down' | 'held';
  new_date: string | null;
  actual_guests: number | null;
  outcome_note: string | null;
  outcome_at: string | null;
  outcome_by: string | null;
  note: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A persuasion visit (劝导) to a gathering's host. */
export interface GatheringVisitTable {
  id: string;
  gathering_id: string;
  region_path: string;
  visited_at: string;
  visitor_id: string | null;
  visitor_name: string | null;
  present: string | null;
  result: string;
  agreed: number;
  created_at: string;
}
