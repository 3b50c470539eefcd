import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { inScope, type Scope } from '../../access/scope';

/** The ledger's `ref_type` of a site's report of use (its reversal carries the same). */
export const CONSUMPTION_REF = 'consumption';

/**
 * The batches a report of use draws from: the warehouse's non-empty balances of the item (of one
 * specification when given), earliest expiry first and undated last, then by batch — first
 * expiring, first used (先到期先用). Read under the ledger's lock by the caller.
 */
export async function balancesToDraw(trx: Db, warehouseId: string, itemId: string, spec: string | undefined) {
  return trx
    .selectFrom('stock_balances')
    .select(['spec', 'batch', 'expiry', 'quantity'])
    .where('warehouse_id', '=', warehouseId)
    .where('item_id', '=', itemId)
    .where('quantity', '>', 0)
    .$if(spec !== undefined, (b) => b.where('spec', '=', spec!))
    .orderBy(sql`case when expiry is null then 1 else 0 end`)
    .orderBy('expiry')
    .orderBy('spec')
    .orderBy('batch')
    .execute();
}

/** The stock of an item at a warehouse, all specifications and batches. */
export async function itemStockAt(db: Db, warehouseId: string, itemId: string): Promise<number> {
  const row = await db
    .selectFrom('stock_balances')
    .select((eb) => eb.fn.sum<number | string>('quantity').as('quantity'))
    .where('warehouse_id', '=', warehouseId)
    .where('item_id', '=', itemId)
    .executeTakeFirst();
  return Number(row?.quantity ?? 0);
}

/** Active warehouses of the jurisdiction with their region's name (display join), by name. */
export async function activeWarehousesInScope(db: Db, scope: Scope, limit: number) {
  return inScope(
    db
      .selectFrom('warehouses')
      .leftJoin('regions', 'regions.id', 'warehouses.region_id')
      .select(['warehouses.id', 'warehouses.name', 'warehouses.kind', 'regions.name as region_name'])
      .where('warehouses.status', '=', 'active'),
    'warehouses.region_path',
    scope,
  )
    .orderBy('warehouses.name')
    .orderBy('warehouses.id')
    .limit(limit)
    .execute();
}

/** Non-empty stock by warehouse and item (all specifications and batches) of these warehouses. */
export async function stockByItemOf(db: Db, warehouseIds: string[]) {
  if (warehouseIds.length === 0) return [];
  const rows = await db
    .selectFrom('stock_balances')
    .innerJoin('supply_items', 'supply_items.id', 'stock_balances.item_id')
    .select(['stock_balances.warehouse_id', 'stock_balances.item_id', 'supply_items.name', 'supply_items.unit'])
    .select((eb) => eb.fn.sum<number | string>('stock_balances.quantity').as('quantity'))
    .where('stock_balances.warehouse_id', 'in', warehouseIds)
    .where('supply_items.category', '!=', 'money')
    .groupBy(['stock_balances.warehouse_id', 'stock_balances.item_id', 'supply_items.name', 'supply_items.unit'])
    .orderBy('supply_items.name')
    .execute();
  return rows.map((r) => ({ ...r, quantity: Number(r.quantity) })).filter((r) => r.quantity > 0);
}

/** A warehouse's latest reports of use, newest first, with whether each was reversed. */
export async function recentConsumptionAt(db: Db, warehouseId: string, limit: number) {
  return db
    .selectFrom('ledger_entries')
    .innerJoin('supply_items', 'supply_items.id', 'ledger_entries.item_id')
    .select([
      'ledger_entries.seq',
      'ledger_entries.at',
      'ledger_entries.quantity',
      'ledger_entries.reason',
      'ledger_entries.actor_name',
      'supply_items.name as item_name',
      'supply_items.unit',
    ])
    .select((eb) =>
      eb
        .exists(
          eb.selectFrom('ledger_entries as r').select('r.seq').whereRef('r.reverses_seq', '=', 'ledger_entries.seq'),
        )
        .as('reversed'),
    )
    .where('ledger_entries.warehouse_id', '=', warehouseId)
    .where('ledger_entries.kind', '=', 'consumption')
    .orderBy('ledger_entries.seq', 'desc')
    .limit(limit)
    .execute();
}
