/** A tracer's decision on a person as a contact of a case. */
export interface ContactTable {
  id: string;
  case_id: string;
  person_id: string;
  region_path: string;
  exposure_type: string;
  exposure_date: string | null;
  closeness: 'close' | 'casual';
  decision: 'accepted' | 'rejected';
  source_type: string | null;
  source_id: string | null;
  note: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}
