/** Something the command centre must see at once: a fever, a key person, a referral. */
export interface AlertTable {
  id: string;
  kind: string;
  person_id: string | null;
  region_path: string;
  source_type: string;
  source_id: string | null;
  message: string;
  created_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  /** the referral this alert announces (a checkpoint fever sent to the clinic is one alert) */
  referral_id: string | null;
}
