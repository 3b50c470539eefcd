/**
 * A compound (小区): a profile on one region node (a grid drawn round the compound, or a
 * community). Its households and residents are the registry's under that node's path.
 */
export interface CompoundTable {
  id: string;
  region_id: string;
  region_path: string;
  name: string;
  /** 1: the compound has property management (物业管理); 0: none */
  property_management: number;
  property_company: string | null;
  note: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * A temporary party branch (临时党支部) at a post: a checkpoint site, an isolation site, a compound,
 * a hospital ward or a working group (post_name). region_path is the post's; closed_at ends it.
 */
export interface TempBranchTable {
  id: string;
  name: string;
  post_kind: 'checkpoint' | 'isolation_site' | 'ward' | 'compound' | 'working_group';
  checkpoint_site_id: string | null;
  isolation_site_id: string | null;
  compound_id: string | null;
  post_name: string | null;
  region_id: string;
  region_path: string;
  /** a local day, YYYY-MM-DD */
  founded_on: string;
  secretary_person_id: string | null;
  note: string | null;
  closed_at: string | null;
  closed_by: string | null;
  close_reason: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A registry person serving in a temporary branch (they keep their home branch); left_at ends it. */
export interface TempBranchMemberTable {
  id: string;
  branch_id: string;
  person_id: string;
  region_path: string;
  role: 'secretary' | 'member';
  joined_at: string;
  left_at: string | null;
}
