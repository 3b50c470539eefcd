import type { Db } from '../../db/database';
import { listDesignatedReceipts } from './designations.repository';

/**
 * How much of a warehouse's stock (item, specification, batch) came from designated (定向)
 * donations, per designated unit or use: what allocation must honour (supplies' allocations
 * call this, passed in by their routes, since donations itself builds on supplies).
 */
export async function designatedStockOf(
  db: Db,
  k: { warehouseId: string; itemId: string; spec: string; batch: string },
): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const r of await listDesignatedReceipts(db, k)) {
    const to = r.designated_to ?? '';
    out.set(to, (out.get(to) ?? 0) + r.quantity);
  }
  return out;
}
