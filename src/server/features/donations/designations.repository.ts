import type { Db } from '../../db/database';

/**
 * The accepted receipts of designated (定向) donations into one warehouse's stock (item,
 * specification, batch). A receipt books its goods under the batch counted at receiving, so the
 * batch is what keeps designated goods traceable on the ledger (docs/guide/supplies-requests.md).
 */
export async function listDesignatedReceipts(
  db: Db,
  k: { warehouseId: string; itemId: string; spec: string; batch: string },
) {
  return db
    .selectFrom('donation_receipts')
    .innerJoin('donations', 'donations.id', 'donation_receipts.donation_id')
    .select(['donations.designated_to', 'donation_receipts.quantity'])
    .where('donation_receipts.warehouse_id', '=', k.warehouseId)
    .where('donation_receipts.item_id', '=', k.itemId)
    .where('donation_receipts.spec', '=', k.spec)
    .where('donation_receipts.batch', '=', k.batch)
    .where('donation_receipts.verdict', '=', 'accepted')
    .where('donations.purpose', '=', 'designated')
    .execute();
}
