/**
 * A unit that collects 请战书 (a county bureau, the hospital, a school, a village): its standard
 * text, which it may edit (a pledge keeps the text as signed), and the slug of its public signing
 * link. region_id/region_path: the jurisdiction it falls under.
 */
export interface PledgeUnitTable {
  id: string;
  name: string;
  region_id: string;
  region_path: string;
  text: string;
  slug: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * A signed pledge (请战书): a registry person (a party member, a doctor, a volunteer), the unit's
 * text as it was when signed, the date, the drawn signature (PNG bytes, checked server-side) and a
 * serial. region_id/region_path are the unit's. assignment_*: what it was turned into — a 报到 post
 * (assignment_ref: the report) or a checkpoint shift (assignment_ref: the duty assignment).
 */
export interface PledgeTable {
  id: string;
  serial: string;
  unit_id: string;
  person_id: string;
  region_id: string;
  region_path: string;
  text: string;
  signed_on: string;
  signed_at: string;
  signature: Buffer;
  source: 'link' | 'cadre';
  created_by: string | null;
  assignment_kind: 'report_post' | 'shift' | null;
  assignment_ref: string | null;
  assignment_note: string | null;
  assigned_at: string | null;
  assigned_by: string | null;
}
