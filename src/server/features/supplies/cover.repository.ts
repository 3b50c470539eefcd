import type { Db } from '../../db/database';
import { inScope, type Scope } from '../../access/scope';
import { CONSUMPTION_REF } from './consumption.repository';

/**
 * Use per warehouse and item over the local days `from`…`to` (inclusive) in the jurisdiction:
 * reports of use net of their reversals (both carry ref_type 'consumption'), and the first day
 * in the window with a report (a site that began reporting within it averages over fewer days).
 * Read through the day index (`ledger_entries_day`), so only the window's entries are read.
 */
export async function consumedInWindow(db: Db, scope: Scope, from: string, to: string) {
  const rows = await inScope(
    db
      .selectFrom('ledger_entries')
      .innerJoin('warehouses', 'warehouses.id', 'ledger_entries.warehouse_id')
      .select(['ledger_entries.warehouse_id', 'ledger_entries.item_id'])
      .select((eb) => [
        eb.fn.sum<number | string>('ledger_entries.quantity').as('quantity'),
        eb.fn
          .min<string | null>(
            eb.case().when('ledger_entries.kind', '=', 'consumption').then(eb.ref('ledger_entries.day')).end(),
          )
          .as('first_day'),
      ])
      .where('ledger_entries.day', '>=', from)
      .where('ledger_entries.day', '<=', to)
      .where('ledger_entries.ref_type', '=', CONSUMPTION_REF)
      .where('warehouses.status', '=', 'active')
      .groupBy(['ledger_entries.warehouse_id', 'ledger_entries.item_id']),
    'warehouses.region_path',
    scope,
  ).execute();
  return rows.map((r) => ({
    warehouse_id: r.warehouse_id,
    item_id: r.item_id,
    used: -Number(r.quantity),
    first_day: r.first_day,
  }));
}

/** Use per warehouse path and item code on one local day (the figures per township). */
export async function consumedOnDay(db: Db, scope: Scope, day: string) {
  const rows = await inScope(
    db
      .selectFrom('ledger_entries')
      .innerJoin('warehouses', 'warehouses.id', 'ledger_entries.warehouse_id')
      .innerJoin('supply_items', 'supply_items.id', 'ledger_entries.item_id')
      .select(['warehouses.region_path', 'supply_items.code as item_code'])
      .select((eb) => eb.fn.sum<number | string>('ledger_entries.quantity').as('quantity'))
      .where('ledger_entries.day', '=', day)
      .where('ledger_entries.ref_type', '=', CONSUMPTION_REF)
      .groupBy(['warehouses.region_path', 'supply_items.code']),
    'warehouses.region_path',
    scope,
  ).execute();
  return rows.map((r) => ({ region_path: r.region_path, item_code: r.item_code, used: -Number(r.quantity) }));
}

/** Stock now of these warehouse–item pairs' warehouses, with the names the cover list shows (display joins). */
export async function stockWithNames(db: Db, scope: Scope, warehouseIds: string[]) {
  if (warehouseIds.length === 0) return [];
  const rows = await inScope(
    db
      .selectFrom('stock_balances')
      .innerJoin('warehouses', 'warehouses.id', 'stock_balances.warehouse_id')
      .innerJoin('supply_items', 'supply_items.id', 'stock_balances.item_id')
      .leftJoin('regions', 'regions.id', 'warehouses.region_id')
      .select([
        'stock_balances.warehouse_id',
        'stock_balances.item_id',
        'warehouses.name as warehouse_name',
        'warehouses.kind as warehouse_kind',
        'warehouses.region_path',
        'regions.name as region_name',
        'supply_items.code as item_code',
        'supply_items.name as item_name',
        'supply_items.unit',
      ])
      .select((eb) => eb.fn.sum<number | string>('stock_balances.quantity').as('quantity'))
      .where('stock_balances.warehouse_id', 'in', warehouseIds)
      .groupBy([
        'stock_balances.warehouse_id',
        'stock_balances.item_id',
        'warehouses.name',
        'warehouses.kind',
        'warehouses.region_path',
        'regions.name',
        'supply_items.code',
        'supply_items.name',
        'supply_items.unit',
      ]),
    'warehouses.region_path',
    scope,
  ).execute();
  return rows.map((r) => ({ ...r, quantity: Number(r.quantity) }));
}
