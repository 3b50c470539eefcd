export interface ScreeningVisitTable {
  id: string;
  round_id: string;
  household_id: string;
  region_id: string;
  region_path: string;
  visited_at: string;
  worker_id: string;
  outcome: 'no_risk' | 'key_person' | 'refer' | 'not_home';
  note: string | null;
  created_at: string;
}

export interface ScreeningCheckTable {
  visit_id: string;
  person_id: string;
  region_path: string;
  present: number;
  temperature: number | null;
  symptoms: string | null;
  hubei_travel: number;
  contact_history: number;
  travel_note: string | null;
  /** no temperature for a person present: 'refused' (拒测) or 'not_measured' (未测量), with a note */
  temperature_missing: 'refused' | 'not_measured' | null;
  temperature_note: string | null;
}

/** Where each household of a round stands: visited, or not home (awaiting a revisit). */
export interface ScreeningHouseholdStatusTable {
  round_id: string;
  household_id: string;
  region_path: string;
  status: 'visited' | 'not_home';
  visits: number;
  last_visit_at: string;
  worker_id: string;
}
