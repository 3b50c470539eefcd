/**
 * A party member (党员): a registry person (person_id — one ID number, one person) whose
 * organisational relationship (组织关系) is in organisation_id. region_id/region_path are copied
 * from that organisation, so the member is in the jurisdiction of the branch's region. A removed
 * member keeps the row (removed_at set); registering the same person again brings it back.
 */
export interface PartyMemberTable {
  id: string;
  person_id: string;
  organisation_id: string;
  region_id: string;
  region_path: string;
  category: 'full' | 'probationary';
  status: 'normal' | 'mobile' | 'lost_contact';
  post: string | null;
  joined_on: string | null;
  removed_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}
