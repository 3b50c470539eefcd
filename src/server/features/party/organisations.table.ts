/**
 * A grassroots party organisation (党委 / 党总支 / 党支部). parent_id builds the organisations' own
 * tree (a branch belongs to a unit, not only to a place); region_id/region_path is the jurisdiction
 * it falls under. name_key, pinyin and initials are the name's search keys.
 */
export interface PartyOrganisationTable {
  id: string;
  parent_id: string | null;
  code: string | null;
  kind: 'committee' | 'general_branch' | 'branch';
  name: string;
  name_key: string;
  pinyin: string;
  initials: string;
  unit_name: string;
  unit_type: 'organ' | 'institution' | 'school' | 'village' | 'community' | 'enterprise' | 'other';
  region_id: string;
  region_path: string;
  secretary_person_id: string | null;
  phone: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}
