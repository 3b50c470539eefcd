import type { Generated } from 'kysely';

/** A household at an address (building + room); the registry issue extends it. */
export interface HouseholdTable {
  id: string;
  region_id: string;
  region_path: string;
  address: string;
  room: string | null;
  head_person_id: string | null;
  phone: string | null;
  vacant: Generated<number>;
  note: string | null;
  created_at: string;
  updated_at: string;
}
