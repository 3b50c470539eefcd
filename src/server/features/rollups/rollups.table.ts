import type { Metric } from '../../../shared/rollups';

/** One region node's figures (shared/rollups.ts) on one local day; depth is the node's depth in the tree. */
export type RollupTable = { region_path: string; day: string; depth: number; updated_at: string } & Record<Metric, number>;

/** One checkpoint site's flows on one local day. */
export interface SiteRollupTable {
  site_id: string;
  day: string;
  region_path: string;
  passages: number;
  people: number;
  fevers: number;
  turned_back: number;
  referred: number;
  updated_at: string;
}

/** The roll-up refresher's lease, the version the live stream watches, and when stocks were last recounted. */
export interface RollupStateTable {
  key: string;
  value: string;
  updated_at: string;
}
