import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/database';
import { inScope, subtreeCondition, type Scope } from '../../access/scope';
import type { AllocationTable } from './allocations.table';

/** Allocations with both warehouses' names and paths, the item's name and unit, and the request of the line. */
function selectAllocations(db: Db) {
  return db
    .selectFrom('allocations')
    .innerJoin('warehouses as src', 'src.id', 'allocations.from_warehouse_id')
    .innerJoin('warehouses as dst', 'dst.id', 'allocations.to_warehouse_id')
    .innerJoin('supply_items', 'supply_items.id', 'allocations.item_id')
    .leftJoin('supply_request_lines', 'supply_request_lines.id', 'allocations.request_line_id')
    .selectAll('allocations')
    .select([
      'src.name as from_name',
      'dst.name as to_name',
      'dst.region_path as to_region_path',
      'supply_items.name as item_name',
      'supply_items.unit',
      'supply_request_lines.request_id',
    ]);
}
export type AllocationRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectAllocations>['executeTakeFirst']>>>;

/** The sender's side (source in the jurisdiction) or the recipient's (destination in it). */
function eitherSide(scope: Scope) {
  return <QB extends ReturnType<typeof selectAllocations>>(qb: QB): QB =>
    scope.prefix === '/'
      ? qb
      : (qb.where((eb) =>
          eb.or([
            subtreeCondition(eb, 'allocations.region_path', scope.prefix),
            subtreeCondition(eb, 'dst.region_path', scope.prefix),
          ]),
        ) as QB);
}

export async function insertAllocation(trx: Db, row: Insertable<AllocationTable>): Promise<void> {
  await trx.insertInto('allocations').values(row).execute();
}

export async function updateAllocation(trx: Db, id: string, set: Updateable<AllocationTable>): Promise<void> {
  await trx.updateTable('allocations').set(set).where('id', '=', id).execute();
}

/** An allocation the jurisdiction sent or is to receive. */
export async function findAllocationInScope(db: Db, scope: Scope, id: string): Promise<AllocationRow | undefined> {
  return eitherSide(scope)(selectAllocations(db).where('allocations.id', '=', id)).executeTakeFirst();
}

/**
 * A page, newest first (one more than `limit`): what the jurisdiction sent; what is on its way to
 * it and awaits its signature (签收); or what it sent that arrived short (shown to the sender).
 */
export async function listAllocationsInScope(
  db: Db,
  scope: Scope,
  f: { view: 'sent' | 'incoming' | 'discrepancies'; before?: string; limit: number },
): Promise<AllocationRow[]> {
  let qb = selectAllocations(db);
  if (f.view === 'incoming') qb = inScope(qb, 'dst.region_path', scope).where('allocations.status', '=', 'in_transit');
  else qb = inScope(qb, 'allocations.region_path', scope);
  if (f.view === 'discrepancies')
    qb = qb
      .where('allocations.status', '=', 'received')
      .whereRef('allocations.received_quantity', '!=', 'allocations.quantity');
  return qb
    .$if(f.before !== undefined, (b) => b.where('allocations.id', '<', f.before!))
    .orderBy('allocations.id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

/** The allocations against some request lines, oldest first. */
export async function listAllocationsOfLines(db: Db, lineIds: string[]): Promise<AllocationRow[]> {
  if (lineIds.length === 0) return [];
  return selectAllocations(db).where('allocations.request_line_id', 'in', lineIds).orderBy('allocations.id').execute();
}

/**
 * What allocations from a warehouse have drawn on each designated purpose of one stock (item,
 * specification, batch): the quantities sent to the designated unit, or elsewhere by decision.
 */
export async function drawnOnDesignations(
  db: Db,
  k: { warehouseId: string; itemId: string; spec: string; batch: string },
): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('allocations')
    .select('designated_to')
    .select((eb) => eb.fn.sum<number | string>('quantity').as('quantity'))
    .where('from_warehouse_id', '=', k.warehouseId)
    .where('item_id', '=', k.itemId)
    .where('spec', '=', k.spec)
    .where('batch', '=', k.batch)
    .where('designated_to', 'is not', null)
    .groupBy('designated_to')
    .execute();
  return new Map(rows.map((r) => [r.designated_to!, Number(r.quantity)]));
}

/** Where everything went (the public ledger): every allocation, newest first, by id. */
export async function listPublicAllocations(db: Db, f: { before?: string; limit: number; designatedOnly?: boolean }) {
  return db
    .selectFrom('allocations')
    .innerJoin('warehouses as src', 'src.id', 'allocations.from_warehouse_id')
    .innerJoin('warehouses as dst', 'dst.id', 'allocations.to_warehouse_id')
    .innerJoin('supply_items', 'supply_items.id', 'allocations.item_id')
    .select([
      'allocations.id',
      'src.name as from_name',
      'dst.name as to_name',
      'supply_items.name as item_name',
      'supply_items.unit',
      'allocations.spec',
      'allocations.quantity',
      'allocations.received_quantity',
      'allocations.discrepancy_reason',
      'allocations.sent_at',
      'allocations.received_at',
      'allocations.designated_to',
      'allocations.decision_reason',
    ])
    .$if(f.designatedOnly === true, (b) => b.where('allocations.designated_to', 'is not', null))
    .$if(f.before !== undefined, (b) => b.where('allocations.id', '<', f.before!))
    .orderBy('allocations.id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

/** Allocations sent and signed for per source region path on one local day's instants [from, to). */
export async function allocationFiguresInScope(db: Db, scope: Scope, range: { from: string; to: string }) {
  return inScope(
    db
      .selectFrom('allocations')
      .select(['region_path', 'quantity', 'received_quantity', 'status', 'sent_at', 'received_at'])
      .where((eb) =>
        eb.or([
          eb.and([eb('sent_at', '>=', range.from), eb('sent_at', '<', range.to)]),
          eb.and([eb('received_at', '>=', range.from), eb('received_at', '<', range.to)]),
          eb('status', '=', 'in_transit'),
        ]),
      ),
    'region_path',
    scope,
  ).execute();
}
