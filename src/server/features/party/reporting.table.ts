/**
 * A community's poster link for 在职党员到社区报到: one stable, unguessable slug per community
 * (a village-level region), printed as a QR code.
 */
export interface PartyReportingLinkTable {
  id: string;
  region_id: string;
  region_path: string;
  slug: string;
  created_by: string | null;
  created_at: string;
}

/**
 * A member's report to the community where they live: one row per member (reporting again is the
 * same row; another community moves it). region_id/region_path are the community's, so the
 * community's cadres see it. post is the 岗位 the community gave them; for 卡口值守 site_id and the
 * duty assignment made through checkpoints; on_post_at marks 已到岗.
 */
export interface PartyReportTable {
  id: string;
  member_id: string;
  person_id: string;
  region_id: string;
  region_path: string;
  source: 'self' | 'cadre' | 'pledge';
  post: 'checkpoint' | 'door_to_door' | 'publicity' | 'errands' | 'order' | 'other' | null;
  post_note: string | null;
  site_id: string | null;
  shift_assignment_id: string | null;
  on_post_at: string | null;
  reported_at: string;
  created_by: string | null;
  updated_at: string;
}

/** Every report and move of a member's report (append-only): where they reported, and from where. */
export interface PartyReportHistoryTable {
  id: string;
  report_id: string;
  member_id: string;
  action: 'reported' | 'moved';
  region_id: string;
  region_path: string;
  from_region_path: string | null;
  source: 'self' | 'cadre' | 'pledge';
  actor_id: string | null;
  at: string;
}
