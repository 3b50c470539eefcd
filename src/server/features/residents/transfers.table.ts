import type { Generated } from 'kysely';

/**
 * 迁入申请: move a person registered elsewhere into `to_region_id` (and household). `registration`
 * is the requester's registration (JSON, PersonInput without the ID number), applied on acceptance.
 */
export interface PersonTransferTable {
  id: string;
  person_id: string;
  from_region_id: string;
  to_region_id: string;
  to_household_id: string | null;
  registration: string;
  reason: string | null;
  status: Generated<'pending' | 'accepted' | 'refused' | 'withdrawn' | 'expired'>;
  requested_by: string;
  requested_by_name: string;
  requested_at: string;
  expires_at: string;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
  decision_note: string | null;
}
