import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/database';
import { inScope, type Scope } from '../../access/scope';
import type { WarehouseKind } from '../../../shared/supplies';
import type { SupplyItemTable, WarehouseTable } from './catalogue.table';

/** Catalogue items with whether the ledger uses them (then their unit is fixed). */
function selectItems(db: Db) {
  return db
    .selectFrom('supply_items')
    .selectAll('supply_items')
    .select((eb) =>
      eb
        .exists(
          eb
            .selectFrom('ledger_entries')
            .select('ledger_entries.seq')
            .whereRef('ledger_entries.item_id', '=', 'supply_items.id'),
        )
        .as('used'),
    );
}
export type SupplyItemRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectItems>['executeTakeFirst']>>>;

/** The whole catalogue, standard items first (it is a few dozen rows; no paging). */
export async function listItems(db: Db): Promise<SupplyItemRow[]> {
  return selectItems(db).orderBy('supply_items.builtin', 'desc').orderBy('supply_items.code').execute();
}

export async function findItem(db: Db, id: string): Promise<SupplyItemRow | undefined> {
  return selectItems(db).where('supply_items.id', '=', id).executeTakeFirst();
}

export async function findItemByCode(db: Db, code: string) {
  return db.selectFrom('supply_items').select(['id', 'code']).where('code', '=', code).executeTakeFirst();
}

export async function insertItem(db: Db, row: Insertable<SupplyItemTable>): Promise<void> {
  await db.insertInto('supply_items').values(row).execute();
}

export async function updateItem(db: Db, id: string, set: Updateable<SupplyItemTable>): Promise<void> {
  await db.updateTable('supply_items').set(set).where('id', '=', id).execute();
}

function selectWarehouses(db: Db) {
  return db
    .selectFrom('warehouses')
    .leftJoin('regions', 'regions.id', 'warehouses.region_id')
    .selectAll('warehouses')
    .select('regions.name as region_name');
}
export type WarehouseRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectWarehouses>['executeTakeFirst']>>>;

/** A warehouse of the jurisdiction, or undefined. */
export async function findWarehouseInScope(db: Db, scope: Scope, id: string): Promise<WarehouseRow | undefined> {
  return inScope(
    selectWarehouses(db).where('warehouses.id', '=', id),
    'warehouses.region_path',
    scope,
  ).executeTakeFirst();
}

/** A warehouse by id whatever the jurisdiction (the public ledger names it). */
export async function findWarehouse(db: Db, id: string): Promise<WarehouseRow | undefined> {
  return selectWarehouses(db).where('warehouses.id', '=', id).executeTakeFirst();
}

/** A page of the jurisdiction's warehouses by id (one row more than `limit`: there is a next page). */
export async function listWarehousesInScope(
  db: Db,
  scope: Scope,
  f: { kind?: WarehouseKind; after?: string; limit: number },
): Promise<WarehouseRow[]> {
  return inScope(selectWarehouses(db), 'warehouses.region_path', scope)
    .$if(f.kind !== undefined, (b) => b.where('warehouses.kind', '=', f.kind!))
    .$if(f.after !== undefined, (b) => b.where('warehouses.id', '>', f.after!))
    .orderBy('warehouses.id')
    .limit(f.limit + 1)
    .execute();
}

export async function insertWarehouse(db: Db, row: Insertable<WarehouseTable>): Promise<void> {
  await db.insertInto('warehouses').values(row).execute();
}

export async function updateWarehouse(db: Db, id: string, set: Updateable<WarehouseTable>): Promise<void> {
  await db.updateTable('warehouses').set(set).where('id', '=', id).execute();
}
