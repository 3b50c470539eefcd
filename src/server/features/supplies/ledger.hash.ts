import { createHash } from 'node:crypto';
import type { LedgerEntryTable } from './ledger.table';

/** The hash before the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an entry that its hash covers, in the order they are encoded. */
export type HashedEntry = Omit<LedgerEntryTable, 'day' | 'actor_name' | 'prev_hash' | 'hash'>;

/**
 * The canonical encoding of a ledger entry: the JSON array (ECMAScript JSON.stringify, no spaces)
 * [seq, id, at, kind, warehouse_id, item_id, spec, batch, expiry, quantity, counterparty, ref_type,
 * ref_id, reverses_seq, reason, actor_id] — numbers as integers, absent values as null. The guide
 * (docs/guide/supplies.md) spells this out so anyone can recompute the chain from the public data.
 */
export function canonicalEntry(e: HashedEntry): string {
  return JSON.stringify([
    e.seq,
    e.id,
    e.at,
    e.kind,
    e.warehouse_id,
    e.item_id,
    e.spec,
    e.batch,
    e.expiry,
    e.quantity,
    e.counterparty,
    e.ref_type,
    e.ref_id,
    e.reverses_seq,
    e.reason,
    e.actor_id,
  ]);
}

/** hash = lowercase hex SHA-256 of the UTF-8 bytes of prev_hash + "\n" + canonical encoding. */
export function entryHash(prevHash: string, e: HashedEntry): string {
  return createHash('sha256')
    .update(`${prevHash}\n${canonicalEntry(e)}`, 'utf8')
    .digest('hex');
}
