export interface ResponsibilityTable {
  id: string;
  region_id: string;
  region_path: string;
  person_name: string;
  post: string;
  phone: string | null;
  user_id: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}
