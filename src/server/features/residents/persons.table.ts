import type { Generated } from 'kysely';

/** A person, registered once; one ID number is one person across the system. */
export interface PersonTable {
  id: string;
  household_id: string | null;
  region_id: string;
  region_path: string;
  name: string;
  sex: 'M' | 'F' | null;
  birth_date: string | null;
  id_type: string;
  id_number: string | null;
  phone: string | null;
  relation: string | null;
  search_key: string;
  nationality: string | null;
  status: Generated<'active' | 'merged'>;
  merged_into: string | null;
  away: Generated<number>;
  returnee_from: string | null;
  arrival_date: string | null;
  transport: string | null;
  transport_no: string | null;
  note: string | null;
  name_key: string | null;
  pinyin: string | null;
  initials: string | null;
  id_rev: string | null;
  phone_rev: string | null;
  created_at: string;
  updated_at: string;
}

export interface PersonTagTable {
  person_id: string;
  tag: string;
  region_path: string;
  source: string | null;
  created_at: string;
}

/** A merge of two records of one person, kept whole so it can be undone. */
export interface PersonMergeTable {
  id: string;
  kept_id: string;
  merged_id: string;
  region_path: string;
  snapshot: string;
  actor_id: string | null;
  at: string;
  undone_at: string | null;
}
