import type { Insertable } from 'kysely';
import type { Db } from '../../db/database';
import { inScope, type Scope } from '../../access/scope';
import type { LedgerKind } from '../../../shared/supplies';
import type { LedgerDigestTable, LedgerEntryTable } from './ledger.table';

/**
 * Take the ledger's lock and read its head. The UPDATE of the one head row is the lock on both
 * engines: PostgreSQL holds the row lock until the transaction ends (other processes' appends wait
 * here, then read the new head); on SQLite the write takes the database's write lock at once, so a
 * second process cannot read a stale head first. Call it first in the append's transaction.
 */
export async function lockLedgerHead(trx: Db, now: string) {
  return trx
    .updateTable('ledger_head')
    .set({ updated_at: now })
    .where('id', '=', 1)
    .returning(['seq', 'hash', 'day'])
    .executeTakeFirstOrThrow();
}

export async function setLedgerHead(trx: Db, head: { seq: number; hash: string; day: string; updated_at: string }) {
  await trx.updateTable('ledger_head').set(head).where('id', '=', 1).execute();
}

export async function readLedgerHead(db: Db) {
  return db.selectFrom('ledger_head').select(['seq', 'hash', 'day']).where('id', '=', 1).executeTakeFirstOrThrow();
}

export async function insertLedgerEntries(trx: Db, rows: Insertable<LedgerEntryTable>[]): Promise<void> {
  await trx.insertInto('ledger_entries').values(rows).execute();
}

export async function insertLedgerDigest(trx: Db, row: LedgerDigestTable): Promise<void> {
  await trx.insertInto('ledger_digests').values(row).execute();
}

export async function listLedgerDigests(db: Db, limit: number) {
  return db.selectFrom('ledger_digests').selectAll().orderBy('day', 'desc').limit(limit).execute();
}

export async function allLedgerDigests(db: Db) {
  return db.selectFrom('ledger_digests').selectAll().orderBy('day').execute();
}

/** Entries with their warehouse's and item's names (display joins) and the seq that reversed them, if any. */
function selectEntries(db: Db) {
  return db
    .selectFrom('ledger_entries')
    .innerJoin('warehouses', 'warehouses.id', 'ledger_entries.warehouse_id')
    .innerJoin('supply_items', 'supply_items.id', 'ledger_entries.item_id')
    .selectAll('ledger_entries')
    .select(['warehouses.name as warehouse_name', 'supply_items.name as item_name', 'supply_items.unit'])
    .select((eb) =>
      eb
        .selectFrom('ledger_entries as r')
        .select('r.seq')
        .whereRef('r.reverses_seq', '=', 'ledger_entries.seq')
        .as('reversed_by_seq'),
    );
}
export type LedgerEntryRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectEntries>['executeTakeFirst']>>>;

/** An entry whose warehouse is in the jurisdiction. */
export async function findEntryInScope(db: Db, scope: Scope, seq: number): Promise<LedgerEntryRow | undefined> {
  return inScope(
    selectEntries(db).where('ledger_entries.seq', '=', seq),
    'warehouses.region_path',
    scope,
  ).executeTakeFirst();
}

/** The entries written for a reference (a donation line's receipt and its reversal). */
export async function listEntriesOf(db: Db, refType: string, refIds: string[]): Promise<LedgerEntryRow[]> {
  if (refIds.length === 0) return [];
  return selectEntries(db)
    .where('ledger_entries.ref_type', '=', refType)
    .where('ledger_entries.ref_id', 'in', refIds)
    .orderBy('ledger_entries.seq')
    .execute();
}

/** Newest first, a page of the jurisdiction's entries (one more than `limit`). */
export async function listEntriesInScope(
  db: Db,
  scope: Scope,
  f: { warehouseId?: string; itemId?: string; kind?: LedgerKind; before?: number; limit: number },
): Promise<LedgerEntryRow[]> {
  return inScope(selectEntries(db), 'warehouses.region_path', scope)
    .$if(f.warehouseId !== undefined, (b) => b.where('ledger_entries.warehouse_id', '=', f.warehouseId!))
    .$if(f.itemId !== undefined, (b) => b.where('ledger_entries.item_id', '=', f.itemId!))
    .$if(f.kind !== undefined, (b) => b.where('ledger_entries.kind', '=', f.kind!))
    .$if(f.before !== undefined, (b) => b.where('ledger_entries.seq', '<', f.before!))
    .orderBy('ledger_entries.seq', 'desc')
    .limit(f.limit + 1)
    .execute();
}

/** Raw entries in chain order after `afterSeq` (verification reads the chain in pages). */
export async function entriesAfter(db: Db, afterSeq: number, limit: number): Promise<LedgerEntryTable[]> {
  return db.selectFrom('ledger_entries').selectAll().where('seq', '>', afterSeq).orderBy('seq').limit(limit).execute();
}

export interface StockKey {
  warehouse_id: string;
  item_id: string;
  spec: string;
  batch: string;
}

export async function findBalance(trx: Db, k: StockKey) {
  return trx
    .selectFrom('stock_balances')
    .select(['quantity', 'expiry'])
    .where('warehouse_id', '=', k.warehouse_id)
    .where('item_id', '=', k.item_id)
    .where('spec', '=', k.spec)
    .where('batch', '=', k.batch)
    .executeTakeFirst();
}

/**
 * Add `delta` to a balance, after the caller read it (`exists`) and checked it stays ≥ 0 under the
 * ledger lock. A new balance is inserted (a negative one could not be: the CHECK refuses it).
 */
export async function addToBalance(
  trx: Db,
  k: StockKey & { region_path: string; expiry: string | null; delta: number; seq: number; exists: boolean },
): Promise<void> {
  if (!k.exists) {
    await trx
      .insertInto('stock_balances')
      .values({
        warehouse_id: k.warehouse_id,
        item_id: k.item_id,
        spec: k.spec,
        batch: k.batch,
        region_path: k.region_path,
        expiry: k.expiry,
        quantity: k.delta,
        last_seq: k.seq,
      })
      .execute();
    return;
  }
  await trx
    .updateTable('stock_balances')
    .set((eb) => ({
      quantity: eb('quantity', '+', k.delta),
      last_seq: k.seq,
      expiry: eb.fn.coalesce('expiry', eb.val(k.expiry)),
    }))
    .where('warehouse_id', '=', k.warehouse_id)
    .where('item_id', '=', k.item_id)
    .where('spec', '=', k.spec)
    .where('batch', '=', k.batch)
    .execute();
}

/** Stock of the jurisdiction (non-zero balances) with warehouse and item names. */
export async function listStockInScope(db: Db, scope: Scope, f: { warehouseId?: string; itemId?: string }) {
  return inScope(
    db
      .selectFrom('stock_balances')
      .innerJoin('warehouses', 'warehouses.id', 'stock_balances.warehouse_id')
      .innerJoin('supply_items', 'supply_items.id', 'stock_balances.item_id')
      .selectAll('stock_balances')
      .select([
        'warehouses.name as warehouse_name',
        'supply_items.code as item_code',
        'supply_items.name as item_name',
        'supply_items.unit',
      ])
      .where('stock_balances.quantity', '>', 0),
    'stock_balances.region_path',
    scope,
  )
    .$if(f.warehouseId !== undefined, (b) => b.where('stock_balances.warehouse_id', '=', f.warehouseId!))
    .$if(f.itemId !== undefined, (b) => b.where('stock_balances.item_id', '=', f.itemId!))
    .orderBy('warehouses.name')
    .orderBy('supply_items.code')
    .orderBy('stock_balances.spec')
    .orderBy('stock_balances.batch')
    .limit(5000)
    .execute();
}

/** Every balance, for verification against the ledger's sums. */
export async function allBalances(db: Db) {
  return db.selectFrom('stock_balances').select(['warehouse_id', 'item_id', 'spec', 'batch', 'quantity']).execute();
}

/** The ledger's sums per warehouse, item, specification and batch. */
export async function ledgerSums(db: Db) {
  const rows = await db
    .selectFrom('ledger_entries')
    .select(['warehouse_id', 'item_id', 'spec', 'batch'])
    .select((eb) => eb.fn.sum<number | string>('quantity').as('quantity'))
    .groupBy(['warehouse_id', 'item_id', 'spec', 'batch'])
    .execute();
  return rows.map((r) => ({ ...r, quantity: Number(r.quantity) }));
}

/**
 * Balance by item and township (the township's path is the warehouse path's first two levels):
 * the figures other features show per township.
 */
export async function stockByRegionPath(db: Db, scope: Scope) {
  const rows = await inScope(
    db
      .selectFrom('stock_balances')
      .innerJoin('supply_items', 'supply_items.id', 'stock_balances.item_id')
      .select(['stock_balances.region_path', 'supply_items.code as item_code', 'supply_items.unit'])
      .select((eb) => eb.fn.sum<number | string>('stock_balances.quantity').as('quantity'))
      .groupBy(['stock_balances.region_path', 'supply_items.code', 'supply_items.unit']),
    'stock_balances.region_path',
    scope,
  ).execute();
  return rows.map((r) => ({ ...r, quantity: Number(r.quantity) }));
}

/** Movements in and out per warehouse path and item on one local day. */
export async function movementsOfDay(db: Db, scope: Scope, day: string) {
  const rows = await inScope(
    db
      .selectFrom('ledger_entries')
      .innerJoin('warehouses', 'warehouses.id', 'ledger_entries.warehouse_id')
      .innerJoin('supply_items', 'supply_items.id', 'ledger_entries.item_id')
      .select(['warehouses.region_path', 'supply_items.code as item_code', 'supply_items.unit'])
      .select((eb) => [
        eb.fn
          .sum<number | string>(
            eb.case().when('ledger_entries.quantity', '>', 0).then(eb.ref('ledger_entries.quantity')).else(0).end(),
          )
          .as('in_qty'),
        eb.fn
          .sum<number | string>(
            eb.case().when('ledger_entries.quantity', '<', 0).then(eb.ref('ledger_entries.quantity')).else(0).end(),
          )
          .as('out_qty'),
      ])
      .where('ledger_entries.day', '=', day)
      .groupBy(['warehouses.region_path', 'supply_items.code', 'supply_items.unit']),
    'warehouses.region_path',
    scope,
  ).execute();
  return rows.map((r) => ({ ...r, in_qty: Number(r.in_qty), out_qty: -Number(r.out_qty) }));
}

/** Stock by item across every warehouse (the public ledger's balance; nothing per place or person). */
export async function balancesByItem(db: Db) {
  const rows = await db
    .selectFrom('stock_balances')
    .innerJoin('supply_items', 'supply_items.id', 'stock_balances.item_id')
    .select(['supply_items.code', 'supply_items.name', 'supply_items.unit'])
    .select((eb) => eb.fn.sum<number | string>('stock_balances.quantity').as('quantity'))
    .groupBy(['supply_items.code', 'supply_items.name', 'supply_items.unit'])
    .orderBy('supply_items.code')
    .execute();
  return rows.map((r) => ({ item: r.name, unit: r.unit, quantity: Number(r.quantity) })).filter((r) => r.quantity > 0);
}
