import type { Db } from '../../db/database';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { pathInScope, scopeOf, type Scope } from '../../access/scope';
import { CursorId, decodeCursor } from '../../http/pagination';
import type { Role } from '../../../shared/enums';
import { maskPhone } from '../../../shared/validators';
import type { Allocation, AllocationInput, AllocationQuery, ConfirmInput } from '../../../shared/supplies-requests';
import { audit } from '../audit';
import { getItem, getWarehouse } from './catalogue.service';
import { appendMovements, type LedgerContext, type Movement } from './ledger.service';
import { findBalance } from './ledger.repository';
import {
  drawnOnDesignations,
  findAllocationInScope,
  insertAllocation,
  listAllocationsInScope,
  updateAllocation,
  type AllocationRow,
} from './allocations.repository';
import { addToRequestLine, findRequestLine } from './requests.repository';
import { getRequest, settleRequestStatus } from './requests.service';

/** Who allocates from stock: the supplies desk, the command centre, a township cadre from the township's stores. */
export const ALLOCATION_ROLES: readonly Role[] = ['admin', 'command', 'supplies', 'township'];
/** Who may record the decision to use designated (定向) stock for another recipient: the command centre. */
export const DESIGNATION_DECISION_ROLES: readonly Role[] = ['admin', 'command'];

/** A stock's designated quantities per unit or use (from donations' receiving; passed in, see the routes). */
export type DesignatedStockLookup = (
  db: Db,
  k: { warehouseId: string; itemId: string; spec: string; batch: string },
) => Promise<Map<string, number>>;

export interface AllocationContext extends LedgerContext {
  designatedStockOf: DesignatedStockLookup;
}

export function toAllocation(r: AllocationRow): Allocation {
  return {
    id: r.id,
    fromWarehouseId: r.from_warehouse_id,
    fromWarehouseName: r.from_name,
    toWarehouseId: r.to_warehouse_id,
    toWarehouseName: r.to_name,
    requestId: r.request_id ?? null,
    requestLineId: r.request_line_id,
    itemId: r.item_id,
    itemName: r.item_name,
    unit: r.unit,
    spec: r.spec,
    batch: r.batch,
    quantity: r.quantity,
    courier: r.courier,
    courierPhone: maskPhone(r.courier_phone),
    note: r.note,
    status: r.status,
    designatedTo: r.designated_to,
    decisionReason: r.decision_reason,
    decisionByName: r.decision_by_name,
    sentByName: r.sent_by_name,
    sentAt: r.sent_at,
    outSeq: r.out_seq,
    receivedQuantity: r.received_quantity,
    shortfall: r.received_quantity === null ? null : r.quantity - r.received_quantity,
    discrepancyReason: r.discrepancy_reason,
    receivedByName: r.received_by_name,
    receivedAt: r.received_at,
    inSeq: r.in_seq,
  };
}

export async function getAllocation(db: Db, scope: Scope, id: string): Promise<AllocationRow> {
  const row = await findAllocationInScope(db, scope, id);
  if (!row) throw new AppError('ALLOCATION_NOT_FOUND');
  return row;
}

export async function listAllocations(db: Db, scope: Scope, q: AllocationQuery) {
  return listAllocationsInScope(db, scope, { view: q.view, before: decodeCursor(q.cursor, CursorId), limit: q.limit });
}

/**
 * Whether a recipient is the designated unit: the designation names it (定向 "县人民医院" honours
 * the warehouse "县人民医院物资库"), or it names the designation.
 */
export function recipientIsDesignated(recipientName: string, designatedTo: string): boolean {
  const a = recipientName.replace(/\s+/g, '');
  const b = designatedTo.replace(/\s+/g, '');
  return b.length > 0 && (a.includes(b) || b.includes(a));
}

/**
 * What of a warehouse's stock (item, spec, batch) is still owed to each designated unit or use:
 * what designated donations brought in, less what allocations have drawn on the designation since
 * (to the designated unit, or elsewhere by a recorded decision).
 */
export async function owedDesignations(
  db: Db,
  ctx: AllocationContext,
  k: { warehouseId: string; itemId: string; spec: string; batch: string },
): Promise<Map<string, number>> {
  const designated = await ctx.designatedStockOf(db, k);
  if (designated.size === 0) return designated;
  const drawn = await drawnOnDesignations(db, k);
  const owed = new Map<string, number>();
  for (const [to, q] of designated) {
    const left = q - (drawn.get(to) ?? 0);
    if (left > 0) owed.set(to, left);
  }
  return owed;
}

/**
 * Allocate (调拨 / 出库): send a quantity of one stock from a warehouse to a unit's warehouse with a
 * courier, optionally against an approved request line. Under the ledger's lock: the stock must
 * cover it (STOCK_INSUFFICIENT, never negative, whatever runs at once); a request line's approved
 * quantity not yet sent must cover it; and designated (定向) stock goes only to its designated unit —
 * an allocation elsewhere that would eat into what is still owed to it is refused
 * (DESIGNATED_STOCK_ELSEWHERE) unless the command centre records a decision with its reason, which
 * the ledger entry carries and the public ledger prints. Books an `allocation` entry out of the source.
 */
export async function allocate(db: Db, ctx: AllocationContext, actor: Actor, input: AllocationInput) {
  const scope = scopeOf(actor);
  if (input.fromWarehouseId === input.toWarehouseId) throw new AppError('ALLOCATION_SAME_WAREHOUSE');
  const from = await getWarehouse(db, scope, input.fromWarehouseId);
  const to = await getWarehouse(db, scope, input.toWarehouseId);
  if (from.status !== 'active' || to.status !== 'active') throw new AppError('WAREHOUSE_CLOSED');
  await getItem(db, input.itemId);
  const lineId = input.requestLineId ?? null;
  let requestId: string | null = null;
  if (lineId) {
    const line = await findRequestLine(db, lineId);
    if (!line) throw new AppError('SUPPLY_REQUEST_LINE_NOT_FOUND', { lineId });
    const request = await getRequest(db, scope, line.request_id);
    if (request.warehouse_id !== to.id || line.item_id !== input.itemId) throw new AppError('ALLOCATION_NOT_FOR_LINE');
    if (request.status === 'complete' || request.status === 'cancelled') throw new AppError('SUPPLY_REQUEST_CLOSED');
    requestId = request.id;
  }
  const decision = input.designationDecision?.trim() || null;
  if (decision && !DESIGNATION_DECISION_ROLES.includes(actor.role)) throw new AppError('DESIGNATION_DECISION_ROLE');

  const now = ctx.clock.now();
  const at = now.toISOString();
  const id = uuidv7(now.getTime());
  const key = { warehouseId: from.id, itemId: input.itemId, spec: input.spec, batch: input.batch };
  const movement: Movement = {
    kind: 'allocation',
    warehouse: from,
    itemId: input.itemId,
    spec: input.spec,
    batch: input.batch,
    expiry: null,
    quantity: -input.quantity,
    counterparty: to.name,
    refType: 'allocation',
    refId: id,
    reason: input.note ?? null,
  };
  let designatedTo: string | null = null;
  let overridden = false;
  await db.transaction().execute(async (trx) => {
    const [entry] = await appendMovements(trx, ctx, actor, [movement], async () => {
      const balance = await findBalance(trx, {
        warehouse_id: from.id,
        item_id: input.itemId,
        spec: input.spec,
        batch: input.batch,
      });
      const available = balance?.quantity ?? 0;
      if (available < input.quantity)
        throw new AppError('STOCK_INSUFFICIENT', { available, requested: input.quantity, itemId: input.itemId });
      movement.expiry = balance?.expiry ?? null;
      if (lineId) {
        const line = (await findRequestLine(trx, lineId))!;
        const open = line.approved_quantity === null ? 0 : line.approved_quantity - Number(line.allocated_quantity);
        if (open < input.quantity)
          throw new AppError('SUPPLY_REQUEST_LINE_NOT_APPROVED', { approved: line.approved_quantity, open });
      }
      const owed = await owedDesignations(trx, ctx, key);
      if (owed.size === 0) return;
      const honoured = [...owed.keys()].find((d) => recipientIsDesignated(to.name, d));
      if (honoured) {
        designatedTo = honoured;
        return;
      }
      const totalOwed = [...owed.values()].reduce((a, b) => a + b, 0);
      if (available - input.quantity >= totalOwed) return; // the general part of the stock covers it
      if (!decision)
        throw new AppError('DESIGNATED_STOCK_ELSEWHERE', {
          designatedTo: [...owed.keys()],
          owed: totalOwed,
          available,
        });
      designatedTo = [...owed.keys()][0]!;
      overridden = true;
      movement.reason = `定向捐赠（${designatedTo}）改变用途，指挥部决定：${decision}`;
    });
    await insertAllocation(trx, {
      id,
      region_path: from.region_path,
      from_warehouse_id: from.id,
      to_warehouse_id: to.id,
      request_line_id: lineId,
      item_id: input.itemId,
      spec: input.spec,
      batch: input.batch,
      expiry: movement.expiry,
      quantity: input.quantity,
      courier: input.courier,
      courier_phone: input.courierPhone ?? null,
      note: input.note ?? null,
      status: 'in_transit',
      out_seq: entry!.seq,
      designated_to: designatedTo,
      decision_reason: overridden ? decision : null,
      decision_by_name: overridden ? actor.displayName : null,
      sent_by: actor.id,
      sent_by_name: actor.displayName,
      sent_at: at,
      received_quantity: null,
      discrepancy_reason: null,
      in_seq: null,
      received_by: null,
      received_by_name: null,
      received_at: null,
    });
    if (lineId) await addToRequestLine(trx, lineId, 'allocated_quantity', input.quantity);
    await audit(trx, ctx.clock, actor, {
      action: 'allocation.send',
      entityType: 'allocation',
      entityId: id,
      regionPath: from.region_path,
      details: {
        from: from.id,
        to: to.id,
        itemId: input.itemId,
        quantity: input.quantity,
        requestId,
        designatedTo,
        decision: overridden ? decision : null,
      },
    });
  });
  return getAllocation(db, scope, id);
}

/**
 * The receiving unit signs for an allocation (签收) with the quantity that actually arrived (at most
 * what was sent); a difference needs its reason, and both stay on the record for the sender to see.
 * What arrived is booked as a `delivery` entry into the recipient's warehouse, and the request line's
 * delivered quantity and the request's status follow. Signed once.
 */
export async function confirmDelivery(db: Db, ctx: LedgerContext, actor: Actor, id: string, input: ConfirmInput) {
  const scope = scopeOf(actor);
  const a = await getAllocation(db, scope, id);
  if (!pathInScope(a.to_region_path, scope)) throw new AppError('ALLOCATION_NOT_FOUND');
  if (a.status === 'received') throw new AppError('ALLOCATION_RECEIVED');
  if (input.receivedQuantity > a.quantity)
    throw new AppError('VALIDATION', { field: 'receivedQuantity', rule: 'at most what was sent', sent: a.quantity });
  const reason = input.discrepancyReason?.trim() || null;
  if (input.receivedQuantity !== a.quantity && !reason) throw new AppError('ALLOCATION_DISCREPANCY_UNEXPLAINED');
  const to = await getWarehouse(db, scope, a.to_warehouse_id);
  const at = ctx.clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    const movements: Movement[] =
      input.receivedQuantity > 0
        ? [
            {
              kind: 'delivery',
              warehouse: to,
              itemId: a.item_id,
              spec: a.spec,
              batch: a.batch,
              expiry: a.expiry,
              quantity: input.receivedQuantity,
              counterparty: a.from_name,
              refType: 'allocation',
              refId: a.id,
              reason,
            },
          ]
        : [];
    // under the ledger's lock even when nothing arrived: two signatures cannot both land
    const entries = await appendMovements(trx, ctx, actor, movements, async () => {
      const fresh = await findAllocationInScope(trx, scope, id);
      if (fresh?.status !== 'in_transit') throw new AppError('ALLOCATION_RECEIVED');
    });
    await updateAllocation(trx, id, {
      status: 'received',
      received_quantity: input.receivedQuantity,
      discrepancy_reason: reason,
      in_seq: entries[0]?.seq ?? null,
      received_by: actor.id,
      received_by_name: actor.displayName,
      received_at: at,
    });
    if (a.request_line_id) {
      await addToRequestLine(trx, a.request_line_id, 'delivered_quantity', input.receivedQuantity);
      const request = await getRequest(trx, scope, a.request_id!);
      if (request.status !== 'cancelled') await settleRequestStatus(trx, request.id, at);
    }
    await audit(trx, ctx.clock, actor, {
      action: 'allocation.receive',
      entityType: 'allocation',
      entityId: id,
      regionPath: to.region_path,
      details: { sent: a.quantity, received: input.receivedQuantity, reason },
    });
  });
  return getAllocation(db, scope, id);
}

/** The courier's full phone number, audited (lists carry it masked). */
export async function revealCourierPhone(db: Db, ctx: LedgerContext, actor: Actor, id: string) {
  const a = await getAllocation(db, scopeOf(actor), id);
  await audit(db, ctx.clock, actor, {
    action: 'allocation.courier.reveal',
    entityType: 'allocation',
    entityId: id,
    regionPath: a.region_path,
    details: { field: 'courierPhone' },
  });
  return { phone: a.courier_phone };
}
