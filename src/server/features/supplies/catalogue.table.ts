import type { ItemCategory, WarehouseKind } from '../../../shared/supplies';

/**
 * An item of the supplies catalogue, counted in whole units of `unit`. The standard items (口罩 by
 * their standards, 防护服, 消毒液, food, money) are seeded by the migration (`builtin` = 1); a county
 * adds its own. The unit never changes once a ledger entry uses the item.
 */
export interface SupplyItemTable {
  id: string;
  /** stable code, e.g. MASK-KN95 (unique) */
  code: string;
  name: string;
  category: ItemCategory;
  unit: string;
  /** the standard the item conforms to (GB 2626 for KN95, GB 19083 for 医用防护口罩) */
  standard: string | null;
  /** what a specification looks like for this item ("尺码 M/L/XL", "浓度 5%") */
  spec_hint: string | null;
  builtin: number;
  status: 'active' | 'retired';
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A store of supplies at a place: the county's, a township's, a hospital's, a checkpoint's, an isolation site's. */
export interface WarehouseTable {
  id: string;
  region_id: string;
  region_path: string;
  name: string;
  kind: WarehouseKind;
  address: string | null;
  keeper: string | null;
  status: 'active' | 'closed';
  created_by: string | null;
  created_at: string;
  updated_at: string;
}
