/** A suspected, confirmed or asymptomatic case (病例), one per person, with its history in case_history. */
export interface CaseTable {
  id: string;
  person_id: string;
  region_path: string;
  classification: 'suspected' | 'confirmed' | 'asymptomatic' | 'excluded';
  outcome: 'under_treatment' | 'cured' | 'deceased';
  onset_date: string | null;
  report_date: string;
  treated_at: string | null;
  note: string | null;
  /** the case whose contact this person was, when they became a case (second generation) */
  source_case_id: string | null;
  generation: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface CaseHistoryTable {
  id: string;
  case_id: string;
  region_path: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  /** JSON: { field: { from, to } } */
  changes: string;
}
