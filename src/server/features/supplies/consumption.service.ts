import type { Db } from '../../db/database';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf, type Scope } from '../../access/scope';
import type { Role } from '../../../shared/enums';
import type {
  ConsumptionEntry,
  ConsumptionInput,
  ConsumptionReport,
  ConsumptionSite,
} from '../../../shared/supplies-cover';
import { audit } from '../audit';
import { getItem, getWarehouse } from './catalogue.service';
import { appendMovements, type LedgerContext, type Movement } from './ledger.service';
import {
  activeWarehousesInScope,
  balancesToDraw,
  CONSUMPTION_REF,
  itemStockAt,
  recentConsumptionAt,
  stockByItemOf,
} from './consumption.repository';

/**
 * Who reports use (消耗登记): the site's own staff — a checkpoint's crew, an isolation site's
 * observer — and the supplies desk, the command centre and township cadres for the warehouses of
 * their jurisdiction.
 */
export const CONSUMPTION_ROLES: readonly Role[] = [
  'admin',
  'command',
  'supplies',
  'township',
  'checkpoint',
  'observer',
];

/**
 * A site reports what it used — masks for a shift at a checkpoint — as `consumption` entries out of
 * its warehouse. The quantity is drawn from the item's batches earliest expiry first (of one
 * specification when given), one entry per batch. The batches are read and the entries written under
 * the ledger's lock, so two reports at once can never take the stock below zero: a report larger
 * than the stock is refused whole (STOCK_INSUFFICIENT) and nothing is written. Money is not used up
 * at a site (CONSUMPTION_NOT_GOODS). A mistaken report is corrected by reversing its entries.
 */
export async function reportConsumption(
  db: Db,
  ctx: LedgerContext,
  actor: Actor,
  input: ConsumptionInput,
): Promise<ConsumptionReport> {
  const scope = scopeOf(actor);
  const warehouse = await getWarehouse(db, scope, input.warehouseId);
  if (warehouse.status !== 'active') throw new AppError('WAREHOUSE_CLOSED');
  const item = await getItem(db, input.itemId);
  if (item.category === 'money') throw new AppError('CONSUMPTION_NOT_GOODS');
  const shift = input.shift || null;
  const reason = [shift, input.note || null].filter(Boolean).join(' · ') || null;
  return db.transaction().execute(async (trx) => {
    // filled under the ledger's lock by the check below, then written by appendMovements
    const movements: Movement[] = [];
    const written = await appendMovements(trx, ctx, actor, movements, async () => {
      const balances = await balancesToDraw(trx, warehouse.id, item.id, input.spec);
      const available = balances.reduce((n, b) => n + Number(b.quantity), 0);
      if (available < input.quantity)
        throw new AppError('STOCK_INSUFFICIENT', { available, requested: input.quantity, itemId: item.id });
      let rest = input.quantity;
      for (const b of balances) {
        if (rest === 0) break;
        const take = Math.min(rest, Number(b.quantity));
        rest -= take;
        movements.push({
          kind: 'consumption',
          warehouse,
          itemId: item.id,
          spec: b.spec,
          batch: b.batch,
          expiry: b.expiry,
          quantity: -take,
          counterparty: null,
          refType: CONSUMPTION_REF,
          refId: null,
          reason,
        });
      }
    });
    await audit(trx, ctx.clock, actor, {
      action: 'supplies.consumption',
      entityType: 'warehouse',
      entityId: warehouse.id,
      regionPath: warehouse.region_path,
      details: { itemId: item.id, quantity: input.quantity, shift, seqs: written.map((e) => e.seq) },
    });
    const first = written[0]!;
    return {
      warehouseId: warehouse.id,
      warehouseName: warehouse.name,
      itemId: item.id,
      itemName: item.name,
      unit: item.unit,
      quantity: input.quantity,
      shift,
      at: first.at,
      day: first.day,
      reporter: actor.username,
      seqs: written.map((e) => e.seq),
      left: await itemStockAt(trx, warehouse.id, item.id),
    };
  });
}

/** The active warehouses of the jurisdiction a user may report use from, with their stock by item. */
export async function consumptionSites(db: Db, scope: Scope): Promise<ConsumptionSite[]> {
  const warehouses = await activeWarehousesInScope(db, scope, 500);
  const stock = await stockByItemOf(
    db,
    warehouses.map((w) => w.id),
  );
  return warehouses.map((w) => ({
    id: w.id,
    name: w.name,
    kind: w.kind,
    regionName: w.region_name,
    stock: stock
      .filter((s) => s.warehouse_id === w.id)
      .map((s) => ({ itemId: s.item_id, itemName: s.name, unit: s.unit, quantity: s.quantity })),
  }));
}

/** A warehouse's last 30 reports of use, newest first (404 outside the jurisdiction). */
export async function recentConsumption(db: Db, scope: Scope, warehouseId: string): Promise<ConsumptionEntry[]> {
  const warehouse = await getWarehouse(db, scope, warehouseId);
  const rows = await recentConsumptionAt(db, warehouse.id, 30);
  return rows.map((r) => ({
    seq: r.seq,
    at: r.at,
    itemName: r.item_name,
    unit: r.unit,
    quantity: -r.quantity,
    shift: r.reason,
    reporter: r.actor_name,
    reversed: Number(r.reversed) === 1 || r.reversed === true,
  }));
}
