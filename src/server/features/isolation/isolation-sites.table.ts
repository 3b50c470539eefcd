/** A centralised isolation site (集中隔离点: a hotel or similar) with rooms. */
export interface IsolationSiteTable {
  id: string;
  name: string;
  region_id: string;
  region_path: string;
  address: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  status: 'active' | 'closed';
  created_at: string;
  updated_at: string;
}

export interface IsolationRoomTable {
  id: string;
  site_id: string;
  region_path: string;
  label: string;
  capacity: number;
  status: 'available' | 'closed';
  created_at: string;
}
