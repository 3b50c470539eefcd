import type { Generated } from 'kysely';
import type { Metric } from '../../../shared/rollups';

/**
 * One region node's figures (shared/rollups.ts) on one local day; depth is the node's depth in the tree.
 * A figure not written is 0 (flows and stocks are written apart).
 */
export type RollupTable = { region_path: string; day: string; depth: number; updated_at: string } & Record<
  Metric,
  Generated<number>
>;

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
