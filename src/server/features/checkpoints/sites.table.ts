export interface CheckpointSiteTable {
  id: string;
  name: string;
  kind: string;
  region_id: string;
  region_path: string;
  address: string | null;
  responsible_unit: string | null;
  lead_name: string | null;
  lead_phone: string | null;
  hours: string;
  status: 'active' | 'closed';
  created_at: string;
  updated_at: string;
}

export interface DutyShiftTable {
  id: string;
  site_id: string;
  region_path: string;
  starts_at: string;
  ends_at: string;
  created_at: string;
}

export interface DutyAssignmentTable {
  id: string;
  shift_id: string;
  region_path: string;
  user_id: string | null;
  person_id: string | null;
  name: string;
  checked_in_at: string | null;
  checked_out_at: string | null;
  created_at: string;
}
