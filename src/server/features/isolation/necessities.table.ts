/** Food, medicine, gas … asked for by an isolated household (隔离不隔心). */
export interface NecessityRequestTable {
  id: string;
  episode_id: string;
  person_id: string;
  household_id: string | null;
  region_path: string;
  kind: 'food' | 'medicine' | 'gas' | 'other';
  detail: string | null;
  status: 'open' | 'assigned' | 'fulfilled' | 'cancelled';
  via: 'observer' | 'self';
  requested_at: string;
  assignee_name: string | null;
  assignee_user_id: string | null;
  assigned_at: string | null;
  fulfilled_at: string | null;
  note: string | null;
  created_by: string | null;
}
