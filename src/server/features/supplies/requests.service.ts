import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf, type Scope } from '../../access/scope';
import { CursorId, decodeCursor } from '../../http/pagination';
import type { Role } from '../../../shared/enums';
import type {
  ApprovalInput,
  CancelRequestInput,
  SupplyRequest,
  SupplyRequestInput,
  SupplyRequestQuery,
  SupplyRequestStatus,
} from '../../../shared/supplies-requests';
import { audit } from '../audit';
import { getItem, getWarehouse } from './catalogue.service';
import {
  findRequestInScope,
  insertRequest,
  insertRequestLines,
  listRequestLines,
  listRequestsInScope,
  updateRequest,
  updateRequestLine,
  type SupplyRequestLineRow,
  type SupplyRequestRow,
} from './requests.repository';

/** Who asks for supplies (申领): the sites' own people as well as the supplies desk and township cadres. */
export const REQUEST_ROLES: readonly Role[] = ['admin', 'command', 'supplies', 'township', 'checkpoint', 'observer'];

export function toRequest(r: SupplyRequestRow, lines: SupplyRequestLineRow[]): SupplyRequest {
  const needBy = lines.map((l) => l.need_by).filter((d): d is string => d !== null);
  return {
    id: r.id,
    warehouseId: r.warehouse_id,
    warehouseName: r.warehouse_name,
    warehouseKind: r.warehouse_kind,
    regionName: r.region_name,
    status: r.status,
    approved: lines.length > 0 && lines.every((l) => l.approved_quantity !== null),
    note: r.note,
    cancelReason: r.cancel_reason,
    requestedByName: r.requested_by_name,
    createdAt: r.created_at,
    needBy: needBy.length > 0 ? needBy.sort()[0]! : null,
    lines: lines.map((l) => ({
      id: l.id,
      lineNo: l.line_no,
      itemId: l.item_id,
      itemName: l.item_name,
      unit: l.unit,
      spec: l.spec,
      quantity: l.quantity,
      needBy: l.need_by,
      approvedQuantity: l.approved_quantity,
      approvedByName: l.approved_by_name,
      approvedAt: l.approved_at,
      approvalNote: l.approval_note,
      allocatedQuantity: Number(l.allocated_quantity),
      deliveredQuantity: Number(l.delivered_quantity),
    })),
  };
}

export async function getRequest(db: Db, scope: Scope, id: string): Promise<SupplyRequestRow> {
  const row = await findRequestInScope(db, scope, id);
  if (!row) throw new AppError('SUPPLY_REQUEST_NOT_FOUND');
  return row;
}

export async function requestDetail(db: Db, scope: Scope, id: string): Promise<SupplyRequest> {
  const r = await getRequest(db, scope, id);
  return toRequest(r, await listRequestLines(db, [r.id]));
}

/** The queue (oldest unmet first) or every request (newest first), with their lines. */
export async function listRequests(db: Db, scope: Scope, q: SupplyRequestQuery) {
  const rows = await listRequestsInScope(db, scope, {
    state: q.state,
    warehouseId: q.warehouseId,
    after: decodeCursor(q.cursor, CursorId),
    limit: q.limit,
  });
  const lines = await listRequestLines(
    db,
    rows.map((r) => r.id),
  );
  const byRequest = new Map<string, SupplyRequestLineRow[]>();
  for (const l of lines) byRequest.set(l.request_id, [...(byRequest.get(l.request_id) ?? []), l]);
  return { rows, toItem: (r: SupplyRequestRow) => toRequest(r, byRequest.get(r.id) ?? []) };
}

/** A site asks for supplies: lines of item, quantity and need-by, for one of the jurisdiction's warehouses. */
export async function createRequest(db: Db, clock: Clock, actor: Actor, input: SupplyRequestInput) {
  const scope = scopeOf(actor);
  const warehouse = await getWarehouse(db, scope, input.warehouseId);
  if (warehouse.status !== 'active') throw new AppError('WAREHOUSE_CLOSED');
  for (const l of input.lines) await getItem(db, l.itemId);
  const now = clock.now();
  const at = now.toISOString();
  const id = uuidv7(now.getTime());
  await db.transaction().execute(async (trx) => {
    await insertRequest(trx, {
      id,
      region_id: warehouse.region_id,
      region_path: warehouse.region_path,
      warehouse_id: warehouse.id,
      status: 'none',
      note: input.note ?? null,
      cancel_reason: null,
      requested_by: actor.id,
      requested_by_name: actor.displayName,
      created_at: at,
      updated_at: at,
    });
    await insertRequestLines(
      trx,
      input.lines.map((l, i) => ({
        id: uuidv7(now.getTime()),
        request_id: id,
        region_path: warehouse.region_path,
        line_no: i + 1,
        item_id: l.itemId,
        spec: l.spec,
        quantity: l.quantity,
        need_by: l.needBy ?? null,
        approved_quantity: null,
        approved_by: null,
        approved_by_name: null,
        approved_at: null,
        approval_note: null,
        allocated_quantity: 0,
        delivered_quantity: 0,
      })),
    );
    await audit(trx, clock, actor, {
      action: 'supply_request.create',
      entityType: 'supply_request',
      entityId: id,
      regionPath: warehouse.region_path,
      details: { warehouseId: warehouse.id, lines: input.lines.length },
    });
  });
  return requestDetail(db, scope, id);
}

/**
 * "Approved by the level above": the approver's jurisdiction contains the requesting site and is
 * above it (not the site's own node), and the approver is not the requester.
 */
function assertApprover(actor: Actor, r: SupplyRequestRow) {
  const scope = scopeOf(actor);
  if (actor.id === r.requested_by || scope.prefix === r.region_path) throw new AppError('SUPPLY_REQUEST_APPROVER');
}

function assertOpen(r: { status: SupplyRequestStatus }) {
  if (r.status === 'complete' || r.status === 'cancelled') throw new AppError('SUPPLY_REQUEST_CLOSED');
}

/**
 * Approve a request's lines in whole or in part (0 refuses a line). A line may be approved again
 * while the request is open, never below what has already been sent. If every line is refused the
 * request is cancelled with the approval's note.
 */
export async function approveRequest(db: Db, clock: Clock, actor: Actor, id: string, input: ApprovalInput) {
  const scope = scopeOf(actor);
  const at = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    const r = await getRequest(trx, scope, id);
    assertOpen(r);
    assertApprover(actor, r);
    const lines = new Map((await listRequestLines(trx, [id])).map((l) => [l.id, l]));
    const seen = new Set<string>();
    for (const a of input.lines) {
      const line = lines.get(a.lineId);
      if (!line || seen.has(a.lineId)) throw new AppError('SUPPLY_REQUEST_LINE_NOT_FOUND', { lineId: a.lineId });
      seen.add(a.lineId);
      if (a.approvedQuantity > line.quantity || a.approvedQuantity < Number(line.allocated_quantity))
        throw new AppError('SUPPLY_APPROVAL_EXCEEDS_REQUEST', {
          lineNo: line.line_no,
          requested: line.quantity,
          allocated: Number(line.allocated_quantity),
        });
      await updateRequestLine(trx, a.lineId, {
        approved_quantity: a.approvedQuantity,
        approved_by: actor.id,
        approved_by_name: actor.displayName,
        approved_at: at,
        approval_note: input.note ?? null,
      });
    }
    await settleRequestStatus(trx, id, at, input.note ?? '未获批准');
    await audit(trx, clock, actor, {
      action: 'supply_request.approve',
      entityType: 'supply_request',
      entityId: id,
      regionPath: r.region_path,
      details: { lines: input.lines, note: input.note ?? null },
    });
  });
  return requestDetail(db, scope, id);
}

/** The requester, or the level above, cancels an open request with the reason. */
export async function cancelRequest(db: Db, clock: Clock, actor: Actor, id: string, input: CancelRequestInput) {
  const scope = scopeOf(actor);
  const at = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    const r = await getRequest(trx, scope, id);
    assertOpen(r);
    await updateRequest(trx, id, { status: 'cancelled', cancel_reason: input.reason, updated_at: at });
    await audit(trx, clock, actor, {
      action: 'supply_request.cancel',
      entityType: 'supply_request',
      entityId: id,
      regionPath: r.region_path,
      details: { reason: input.reason },
    });
  });
  return requestDetail(db, scope, id);
}

/**
 * A request's status follows what was signed for: complete when every line is approved and its
 * approved quantity delivered, partial once anything arrived, none before. Every line refused
 * cancels it. A cancelled request stays cancelled.
 */
export async function settleRequestStatus(trx: Db, id: string, at: string, refusal = '未获批准'): Promise<void> {
  const lines = await listRequestLines(trx, [id]);
  const approved = lines.every((l) => l.approved_quantity !== null);
  const refused = approved && lines.every((l) => l.approved_quantity === 0);
  const delivered = lines.some((l) => Number(l.delivered_quantity) > 0);
  const complete = approved && lines.every((l) => Number(l.delivered_quantity) >= l.approved_quantity!);
  const status: SupplyRequestStatus = refused ? 'cancelled' : complete ? 'complete' : delivered ? 'partial' : 'none';
  await updateRequest(trx, id, {
    status,
    updated_at: at,
    ...(status === 'cancelled' ? { cancel_reason: refusal } : {}),
  });
}
