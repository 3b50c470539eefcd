/** 转诊: a person sent to a fever clinic or hospital, and what the clinic found. */
export interface ReferralTable {
  id: string;
  person_id: string | null;
  person_name: string;
  region_path: string;
  source_type: 'passage' | 'screening_visit' | 'follow_up' | 'manual';
  source_id: string | null;
  reason: string;
  facility: string | null;
  referred_at: string;
  referred_by: string | null;
  outcome: 'excluded' | 'suspected' | 'confirmed' | null;
  outcome_at: string | null;
  outcome_note: string | null;
  outcome_by: string | null;
  case_id: string | null;
  created_at: string;
  updated_at: string;
}
