import type { Selectable, Insertable } from 'kysely';
import type { RegionLevel, RegionStatus } from '../../../shared/enums';

export interface RegionTable {
  id: string;
  parent_id: string | null;
  level: RegionLevel;
  code: string;
  name: string;
  /** '/<code>/<code>/…/' from the top of the tree down to and including this node. */
  path: string;
  depth: number;
  status: RegionStatus;
  pinyin: string;
  initials: string;
  /** Lower-case simplified name, pinyin, initials and code, for one LIKE. */
  search_key: string;
  created_at: string;
  updated_at: string;
  retired_at: string | null;
}

export type RegionRow = Selectable<RegionTable>;

export type NewRegion = Insertable<RegionTable>;
