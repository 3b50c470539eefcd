/** 寻人通告: find everyone who was in a vehicle or a place in a time window. */
export interface SeekNoticeTable {
  id: string;
  slug: string;
  title: string;
  body: string;
  hotline: string;
  region_id: string;
  region_path: string;
  kind: 'vehicle' | 'place';
  plate: string | null;
  site_id: string | null;
  place: string | null;
  window_from: string;
  window_to: string;
  expected: number | null;
  case_id: string | null;
  status: 'draft' | 'published' | 'closed';
  created_by: string | null;
  created_at: string;
  published_at: string | null;
  closed_at: string | null;
}

export interface SeekFoundTable {
  id: string;
  notice_id: string;
  person_id: string;
  region_path: string;
  source: 'data' | 'self_report' | 'manual';
  source_id: string | null;
  confirmed: number;
  confirmed_by: string | null;
  created_at: string;
}

/** "I was there", sent by a member of the public through a notice's public page. */
export interface SeekReportTable {
  id: string;
  notice_id: string;
  region_path: string;
  name: string;
  phone: string;
  id_number: string | null;
  where_now: string;
  seat: string | null;
  status: 'pending' | 'confirmed' | 'rejected';
  match_person_id: string | null;
  match_by: 'id_number' | 'phone' | 'tracer' | null;
  /** a hash of the sender's address, for rate limits and abuse review — never the address itself */
  client_hash: string;
  created_at: string;
  updated_at: string;
}
