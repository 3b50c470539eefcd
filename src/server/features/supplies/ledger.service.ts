import type { Db } from '../../db/database';
import { addDays, localDay, type Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf, type Scope } from '../../access/scope';
import type { LedgerEntry, LedgerKind, LedgerQuery, ReversalInput, StocktakeInput } from '../../../shared/supplies';
import { audit } from '../audit';
import { entryHash } from './ledger.hash';
import type { LedgerEntryTable } from './ledger.table';
import {
  addToBalance,
  findBalance,
  findEntryInScope,
  insertLedgerDigest,
  insertLedgerEntries,
  listEntriesInScope,
  lockLedgerHead,
  setLedgerHead,
  type LedgerEntryRow,
} from './ledger.repository';
import { getItem, getWarehouse } from './catalogue.service';

export interface LedgerContext {
  clock: Clock;
  timeZone: string;
}

/** One movement to write: a quantity of an item (spec, batch) into (+) or out of (−) a warehouse. */
export interface Movement {
  kind: LedgerKind;
  warehouse: { id: string; region_path: string };
  itemId: string;
  spec: string;
  batch: string;
  expiry: string | null;
  quantity: number;
  /** as the public may read it: a donor's public name (匿名), a receiving unit */
  counterparty: string | null;
  refType: string | null;
  refId: string | null;
  reversesSeq?: number | null;
  reason: string | null;
}

/** A ledger entry as the desk reads it. */
export function toLedgerEntry(r: LedgerEntryRow): LedgerEntry {
  return {
    seq: r.seq,
    id: r.id,
    at: r.at,
    day: r.day,
    kind: r.kind,
    warehouseId: r.warehouse_id,
    warehouseName: r.warehouse_name,
    itemId: r.item_id,
    itemName: r.item_name,
    unit: r.unit,
    spec: r.spec,
    batch: r.batch,
    expiry: r.expiry,
    quantity: r.quantity,
    counterparty: r.counterparty,
    refType: r.ref_type,
    refId: r.ref_id,
    reversesSeq: r.reverses_seq,
    reversedBySeq: r.reversed_by_seq ?? null,
    reason: r.reason,
    actorName: r.actor_name,
    hash: r.hash,
  };
}

/**
 * Append movements to the ledger, inside the caller's transaction `trx`. Every append first locks
 * the chain's head row (one writer at a time across all server processes, on both engines), then
 * `check` runs under that lock, then each entry gets the next seq and its hash over the previous
 * one, and the stock balance it moves is updated. A movement that would take a balance below zero is
 * refused (STOCK_INSUFFICIENT) and nothing of the transaction is written. When the first entry of a
 * new local day is written, the previous days' closing heads are recorded as daily digests.
 */
export async function appendMovements(
  trx: Db,
  ctx: LedgerContext,
  actor: Pick<Actor, 'id' | 'username'> | null,
  movements: Movement[],
  check?: () => Promise<void>,
): Promise<LedgerEntryTable[]> {
  const now = ctx.clock.now();
  const at = now.toISOString();
  const day = localDay(now, ctx.timeZone);
  const head = await lockLedgerHead(trx, at);
  if (check) await check();
  if (movements.length === 0) return [];
  if (head.day && head.day < day) {
    // the head at the end of each closed day, gaps included (a day with no movement repeats the head)
    for (let d = head.day, n = 0; d < day && n < 400; d = addDays(d, 1), n++)
      await insertLedgerDigest(trx, { day: d, seq: head.seq, hash: head.hash, at });
  }
  let seq = head.seq;
  let prev = head.hash;
  const written: LedgerEntryTable[] = [];
  for (const m of movements) {
    if (!Number.isSafeInteger(m.quantity) || m.quantity === 0) throw new AppError('VALIDATION', { field: 'quantity' });
    const key = { warehouse_id: m.warehouse.id, item_id: m.itemId, spec: m.spec, batch: m.batch };
    const balance = await findBalance(trx, key);
    const booked = balance?.quantity ?? 0;
    if (booked + m.quantity < 0)
      throw new AppError('STOCK_INSUFFICIENT', { available: booked, requested: -m.quantity, itemId: m.itemId });
    seq += 1;
    const base = {
      seq,
      id: uuidv7(now.getTime()),
      at,
      kind: m.kind,
      warehouse_id: m.warehouse.id,
      item_id: m.itemId,
      spec: m.spec,
      batch: m.batch,
      expiry: m.expiry,
      quantity: m.quantity,
      counterparty: m.counterparty,
      ref_type: m.refType,
      ref_id: m.refId,
      reverses_seq: m.reversesSeq ?? null,
      reason: m.reason,
      actor_id: actor?.id ?? null,
    };
    const hash = entryHash(prev, base);
    const row: LedgerEntryTable = { ...base, day, actor_name: actor?.username ?? null, prev_hash: prev, hash };
    await insertLedgerEntries(trx, [row]);
    await addToBalance(trx, {
      ...key,
      region_path: m.warehouse.region_path,
      expiry: m.expiry,
      delta: m.quantity,
      seq,
      exists: balance !== undefined,
    });
    written.push(row);
    prev = hash;
  }
  // the head's day never goes back (a server clock behind another's), so a closed day's digest is written once
  await setLedgerHead(trx, { seq, hash: prev, day: head.day && head.day > day ? head.day : day, updated_at: at });
  return written;
}

export async function getEntry(db: Db, scope: Scope, seq: number): Promise<LedgerEntryRow> {
  const row = await findEntryInScope(db, scope, seq);
  if (!row) throw new AppError('LEDGER_ENTRY_NOT_FOUND');
  return row;
}

/** The jurisdiction's ledger, newest first. */
export async function listLedger(db: Db, scope: Scope, q: LedgerQuery, before: number | undefined) {
  return listEntriesInScope(db, scope, {
    warehouseId: q.warehouseId,
    itemId: q.itemId,
    kind: q.kind,
    before,
    limit: q.limit,
  });
}

/**
 * A stocktake (盘点) difference: what was counted minus what the books say, as a ledger entry with
 * its reason. Stock is never edited; a shortfall larger than the stock is refused.
 */
export async function recordStocktake(
  db: Db,
  ctx: LedgerContext,
  actor: Actor,
  input: StocktakeInput,
): Promise<LedgerEntryRow> {
  const scope = scopeOf(actor);
  const warehouse = await getWarehouse(db, scope, input.warehouseId);
  if (warehouse.status !== 'active') throw new AppError('WAREHOUSE_CLOSED');
  await getItem(db, input.itemId);
  const seq = await db.transaction().execute(async (trx) => {
    const [entry] = await appendMovements(trx, ctx, actor, [
      {
        kind: 'stocktake',
        warehouse,
        itemId: input.itemId,
        spec: input.spec,
        batch: input.batch,
        expiry: input.expiry ?? null,
        quantity: input.quantity,
        counterparty: null,
        refType: null,
        refId: null,
        reason: input.reason,
      },
    ]);
    await audit(trx, ctx.clock, actor, {
      action: 'ledger.stocktake',
      entityType: 'ledger_entry',
      entityId: String(entry!.seq),
      regionPath: warehouse.region_path,
      details: { quantity: input.quantity, reason: input.reason },
    });
    return entry!.seq;
  });
  return getEntry(db, scope, seq);
}

/**
 * A correction (更正): a new entry moving the opposite quantity, pointing at the entry it reverses,
 * with the reason. An entry is reversed at most once, and a reversal is not itself reversed (enter
 * the movement again instead). Checked under the ledger's lock, so two desks cannot both reverse it.
 */
export async function reverseEntry(
  db: Db,
  ctx: LedgerContext,
  actor: Actor,
  seq: number,
  input: ReversalInput,
  refType?: string,
): Promise<LedgerEntryRow> {
  const scope = scopeOf(actor);
  const original = await getEntry(db, scope, seq);
  if (refType !== undefined && original.ref_type !== refType) throw new AppError('LEDGER_ENTRY_NOT_REVERSIBLE');
  const warehouse = await getWarehouse(db, scope, original.warehouse_id);
  const reversal = await db.transaction().execute(async (trx) => {
    const [entry] = await appendMovements(
      trx,
      ctx,
      actor,
      [
        {
          kind: 'reversal',
          warehouse,
          itemId: original.item_id,
          spec: original.spec,
          batch: original.batch,
          expiry: original.expiry,
          quantity: -original.quantity,
          counterparty: original.counterparty,
          refType: original.ref_type,
          refId: original.ref_id,
          reversesSeq: original.seq,
          reason: input.reason,
        },
      ],
      async () => {
        const now = await getEntry(trx, scope, seq);
        if (now.kind === 'reversal') throw new AppError('LEDGER_ENTRY_NOT_REVERSIBLE');
        if (now.reversed_by_seq != null)
          throw new AppError('LEDGER_ENTRY_REVERSED', { reversedBySeq: now.reversed_by_seq });
      },
    );
    await audit(trx, ctx.clock, actor, {
      action: 'ledger.reverse',
      entityType: 'ledger_entry',
      entityId: String(original.seq),
      regionPath: warehouse.region_path,
      details: { reversalSeq: entry!.seq, reason: input.reason },
    });
    return entry!.seq;
  });
  return getEntry(db, scope, reversal);
}
