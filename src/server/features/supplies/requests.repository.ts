import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/database';
import { inScope, type Scope } from '../../access/scope';
import type { SupplyRequestLineTable, SupplyRequestTable } from './requests.table';

/** Requests with the requesting warehouse's name and kind and its region's name (display joins). */
function selectRequests(db: Db) {
  return db
    .selectFrom('supply_requests')
    .innerJoin('warehouses', 'warehouses.id', 'supply_requests.warehouse_id')
    .leftJoin('regions', 'regions.id', 'supply_requests.region_id')
    .selectAll('supply_requests')
    .select(['warehouses.name as warehouse_name', 'warehouses.kind as warehouse_kind', 'regions.name as region_name']);
}
export type SupplyRequestRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectRequests>['executeTakeFirst']>>>;

export async function insertRequest(trx: Db, row: Insertable<SupplyRequestTable>): Promise<void> {
  await trx.insertInto('supply_requests').values(row).execute();
}

export async function insertRequestLines(trx: Db, rows: Insertable<SupplyRequestLineTable>[]): Promise<void> {
  if (rows.length > 0) await trx.insertInto('supply_request_lines').values(rows).execute();
}

/** A request whose requesting site is in the jurisdiction. */
export async function findRequestInScope(db: Db, scope: Scope, id: string): Promise<SupplyRequestRow | undefined> {
  return inScope(
    selectRequests(db).where('supply_requests.id', '=', id),
    'supply_requests.region_path',
    scope,
  ).executeTakeFirst();
}

/**
 * A page of the jurisdiction's requests (one more than `limit`). The open queue — not complete, not
 * cancelled — runs oldest first (ids are time-ordered), so the longest-waiting site is at the top;
 * `all` runs newest first.
 */
export async function listRequestsInScope(
  db: Db,
  scope: Scope,
  f: { state: 'open' | 'all'; warehouseId?: string; after?: string; limit: number },
): Promise<SupplyRequestRow[]> {
  const open = f.state === 'open';
  return inScope(selectRequests(db), 'supply_requests.region_path', scope)
    .$if(open, (b) => b.where('supply_requests.status', 'in', ['none', 'partial']))
    .$if(f.warehouseId !== undefined, (b) => b.where('supply_requests.warehouse_id', '=', f.warehouseId!))
    .$if(f.after !== undefined, (b) => b.where('supply_requests.id', open ? '>' : '<', f.after!))
    .orderBy('supply_requests.id', open ? 'asc' : 'desc')
    .limit(f.limit + 1)
    .execute();
}

export async function updateRequest(trx: Db, id: string, set: Updateable<SupplyRequestTable>): Promise<void> {
  await trx.updateTable('supply_requests').set(set).where('id', '=', id).execute();
}

/** The lines of some requests, with the item's name and unit, in line order. */
export async function listRequestLines(db: Db, requestIds: string[]) {
  if (requestIds.length === 0) return [];
  return db
    .selectFrom('supply_request_lines')
    .innerJoin('supply_items', 'supply_items.id', 'supply_request_lines.item_id')
    .selectAll('supply_request_lines')
    .select(['supply_items.name as item_name', 'supply_items.unit'])
    .where('supply_request_lines.request_id', 'in', requestIds)
    .orderBy('supply_request_lines.request_id')
    .orderBy('supply_request_lines.line_no')
    .execute();
}
export type SupplyRequestLineRow = Awaited<ReturnType<typeof listRequestLines>>[number];

export async function findRequestLine(db: Db, id: string) {
  return db.selectFrom('supply_request_lines').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateRequestLine(trx: Db, id: string, set: Updateable<SupplyRequestLineTable>): Promise<void> {
  await trx.updateTable('supply_request_lines').set(set).where('id', '=', id).execute();
}

/** Add to a line's sent (`allocated`) or signed-for (`delivered`) quantity. */
export async function addToRequestLine(
  trx: Db,
  id: string,
  column: 'allocated_quantity' | 'delivered_quantity',
  delta: number,
): Promise<void> {
  await trx
    .updateTable('supply_request_lines')
    .set((eb) => ({ [column]: eb(column, '+', delta) }))
    .where('id', '=', id)
    .execute();
}

/** Open requests and their lines' quantities per requesting region path (the township figures). */
export async function requestFiguresInScope(db: Db, scope: Scope) {
  const rows = await inScope(
    db
      .selectFrom('supply_requests')
      .innerJoin('supply_request_lines', 'supply_request_lines.request_id', 'supply_requests.id')
      .select(['supply_requests.region_path', 'supply_requests.status', 'supply_requests.id'])
      .select([
        'supply_request_lines.quantity',
        'supply_request_lines.approved_quantity',
        'supply_request_lines.delivered_quantity',
      ])
      .where('supply_requests.status', '!=', 'cancelled'),
    'supply_requests.region_path',
    scope,
  ).execute();
  return rows;
}
