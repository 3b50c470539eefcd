import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { assertInScope, scopeOf, type Scope } from '../../access/scope';
import { CursorId, decodeCursor } from '../../http/pagination';
import type { Role } from '../../../shared/enums';
import type {
  ItemInput,
  ItemPatch,
  SupplyItem,
  Warehouse,
  WarehouseInput,
  WarehousePatch,
  WarehouseQuery,
} from '../../../shared/supplies';
import { audit } from '../audit';
import { getRegionInScope } from '../regions';
import {
  findItem,
  findItemByCode,
  findWarehouseInScope,
  insertItem,
  insertWarehouse,
  listItems,
  listWarehousesInScope,
  updateItem,
  updateWarehouse,
  type SupplyItemRow,
  type WarehouseRow,
} from './catalogue.repository';

/**
 * The supplies desk (物资组) and the command centre keep the catalogue and the county's stock;
 * a township cadre keeps the warehouses of the township and reads their stock and ledger.
 */
export const SUPPLIES_ROLES: readonly Role[] = ['admin', 'command', 'supplies', 'township'];
/** Who may add items to the county's catalogue. */
export const CATALOGUE_ROLES: readonly Role[] = ['admin', 'command', 'supplies'];

export function toItem(r: SupplyItemRow): SupplyItem {
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    category: r.category,
    unit: r.unit,
    standard: r.standard,
    specHint: r.spec_hint,
    builtin: Number(r.builtin) === 1,
    status: r.status,
    used: Number(r.used) === 1,
  };
}

export function toWarehouse(r: WarehouseRow): Warehouse {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    regionId: r.region_id,
    regionName: r.region_name,
    regionPath: r.region_path,
    address: r.address,
    keeper: r.keeper,
    status: r.status,
    createdAt: r.created_at,
  };
}

export async function listCatalogue(db: Db): Promise<SupplyItem[]> {
  return (await listItems(db)).map(toItem);
}

export async function getItem(db: Db, id: string): Promise<SupplyItemRow> {
  const row = await findItem(db, id);
  if (!row) throw new AppError('SUPPLY_ITEM_NOT_FOUND');
  return row;
}

/** A county adds an item to the catalogue (a code of its own; the standard codes are taken). */
export async function createItem(db: Db, clock: Clock, actor: Actor, input: ItemInput): Promise<SupplyItemRow> {
  const id = uuidv7(clock.now().getTime());
  const at = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    if (await findItemByCode(trx, input.code)) throw new AppError('SUPPLY_ITEM_CODE_TAKEN');
    await insertItem(trx, {
      id,
      code: input.code,
      name: input.name,
      category: input.category,
      unit: input.unit,
      standard: input.standard ?? null,
      spec_hint: input.specHint ?? null,
      builtin: 0,
      status: 'active',
      created_by: actor.id,
      created_at: at,
      updated_at: at,
    });
    await audit(trx, clock, actor, {
      action: 'supplies.item.create',
      entityType: 'supply_item',
      entityId: id,
      details: { code: input.code, unit: input.unit },
    });
  });
  return getItem(db, id);
}

/** Rename, describe or retire an item. Its unit changes only while no ledger entry uses it. */
export async function changeItem(db: Db, clock: Clock, actor: Actor, id: string, patch: ItemPatch) {
  await db.transaction().execute(async (trx) => {
    const item = await getItem(trx, id);
    if (patch.unit !== undefined && patch.unit !== item.unit && toItem(item).used)
      throw new AppError('SUPPLY_ITEM_UNIT_IN_USE', { unit: item.unit });
    await updateItem(trx, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.unit !== undefined ? { unit: patch.unit } : {}),
      ...(patch.standard !== undefined ? { standard: patch.standard } : {}),
      ...(patch.specHint !== undefined ? { spec_hint: patch.specHint } : {}),
      ...(patch.status !== undefined ? { status: patch.status } : {}),
      updated_at: clock.now().toISOString(),
    });
    await audit(trx, clock, actor, {
      action: 'supplies.item.change',
      entityType: 'supply_item',
      entityId: id,
      details: patch,
    });
  });
  return getItem(db, id);
}

export async function getWarehouse(db: Db, scope: Scope, id: string): Promise<WarehouseRow> {
  const row = await findWarehouseInScope(db, scope, id);
  if (!row) throw new AppError('WAREHOUSE_NOT_FOUND');
  return row;
}

export async function listWarehouses(db: Db, scope: Scope, q: WarehouseQuery) {
  return listWarehousesInScope(db, scope, { kind: q.kind, after: decodeCursor(q.cursor, CursorId), limit: q.limit });
}

/** A warehouse at a region of the jurisdiction (a township cadre: one of the township's). */
export async function createWarehouse(db: Db, clock: Clock, actor: Actor, input: WarehouseInput) {
  const scope = scopeOf(actor);
  const region = await getRegionInScope(db, scope, input.regionId);
  const id = uuidv7(clock.now().getTime());
  const at = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    await insertWarehouse(trx, {
      id,
      region_id: region.id,
      region_path: region.path,
      name: input.name,
      kind: input.kind,
      address: input.address ?? null,
      keeper: input.keeper ?? null,
      status: 'active',
      created_by: actor.id,
      created_at: at,
      updated_at: at,
    });
    await audit(trx, clock, actor, {
      action: 'supplies.warehouse.create',
      entityType: 'warehouse',
      entityId: id,
      regionPath: region.path,
      details: { name: input.name, kind: input.kind },
    });
  });
  return getWarehouse(db, scope, id);
}

/** Rename a warehouse, change its keeper or address, close or reopen it. Its stock stays on the ledger. */
export async function changeWarehouse(db: Db, clock: Clock, actor: Actor, id: string, patch: WarehousePatch) {
  const scope = scopeOf(actor);
  await db.transaction().execute(async (trx) => {
    const w = await getWarehouse(trx, scope, id);
    assertInScope(w.region_path, scope, 'NOT_FOUND');
    await updateWarehouse(trx, id, { ...patch, updated_at: clock.now().toISOString() });
    await audit(trx, clock, actor, {
      action: 'supplies.warehouse.change',
      entityType: 'warehouse',
      entityId: id,
      regionPath: w.region_path,
      details: patch,
    });
  });
  return getWarehouse(db, scope, id);
}
