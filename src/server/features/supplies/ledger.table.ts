import type { LedgerKind } from '../../../shared/supplies';

/**
 * One movement of supplies, append-only (UPDATE and DELETE are refused by database triggers).
 * `hash` = SHA-256 of `prev_hash` and the entry's canonical encoding (ledger.hash.ts; defined in
 * docs/guide/supplies.md), so changing any entry breaks every hash after it. A correction is a new
 * entry of kind `reversal` pointing at the one it reverses (`reverses_seq`, unique: once).
 * No region path: a ledger row can never be re-pathed; its jurisdiction is its warehouse's.
 */
export interface LedgerEntryTable {
  /** 1, 2, 3 … with no gaps: the chain's order */
  seq: number;
  id: string;
  at: string;
  /** the county-local day of `at` */
  day: string;
  kind: LedgerKind;
  warehouse_id: string;
  item_id: string;
  /** '' when the item has no specification */
  spec: string;
  /** '' when there is no batch number */
  batch: string;
  expiry: string | null;
  /** signed: + into the warehouse, − out of it */
  quantity: number;
  /** who the goods came from or went to, as the public may read it (匿名 for an anonymous donor) */
  counterparty: string | null;
  /** what the movement belongs to: 'donation_line', … */
  ref_type: string | null;
  ref_id: string | null;
  reverses_seq: number | null;
  reason: string | null;
  actor_id: string | null;
  actor_name: string | null;
  prev_hash: string;
  hash: string;
}

/** The chain's head: one row (id 1), locked by every append. */
export interface LedgerHeadTable {
  id: number;
  seq: number;
  hash: string;
  /** the local day of the head entry */
  day: string | null;
  updated_at: string;
}

/** The chain head at the end of a county-local day, published on the public page (append-only). */
export interface LedgerDigestTable {
  day: string;
  seq: number;
  hash: string;
  at: string;
}

/** Stock by warehouse, item, specification and batch: the ledger's sum, kept in the append's transaction. */
export interface StockBalanceTable {
  warehouse_id: string;
  item_id: string;
  spec: string;
  batch: string;
  /** the warehouse's region path */
  region_path: string;
  expiry: string | null;
  quantity: number;
  last_seq: number;
}
