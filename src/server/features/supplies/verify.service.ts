import type { Db } from '../../db/database';
import type { Scope } from '../../access/scope';
import type { LedgerVerification, StockRow } from '../../../shared/supplies';
import { entryHash, GENESIS_HASH } from './ledger.hash';
import {
  allBalances,
  allLedgerDigests,
  entriesAfter,
  ledgerSums,
  listStockInScope,
  movementsOfDay,
  readLedgerHead,
  stockByRegionPath,
} from './ledger.repository';

const PAGE = 5000;

/**
 * Recompute the ledger's hash chain from the first entry and name the first entry that breaks it:
 * a gap in seq, a prev_hash that is not the previous entry's hash, or a hash that does not match
 * the entry's content (someone changed it behind the database's back). Then the head row, each
 * published daily digest (the hash of the entry it names) and every stock balance (the ledger's sum)
 * are checked. Read in pages of 5,000, so a million entries need no more memory than one page.
 */
export async function verifyLedger(db: Db, onProgress?: (entries: number) => void): Promise<LedgerVerification> {
  let prev = GENESIS_HASH;
  let expected = 1;
  let firstBroken: LedgerVerification['firstBroken'] = null;
  const hashAt = new Map<number, string>();
  const digests = await allLedgerDigests(db);
  const digestSeqs = new Set(digests.map((d) => d.seq));
  for (;;) {
    const page = await entriesAfter(db, expected - 1, PAGE);
    if (page.length === 0) break;
    for (const e of page) {
      if (firstBroken) break;
      if (e.seq !== expected) firstBroken = { seq: expected, problem: 'missing' };
      else if (e.prev_hash !== prev) firstBroken = { seq: e.seq, problem: 'prev_hash' };
      else if (entryHash(prev, e) !== e.hash) firstBroken = { seq: e.seq, problem: 'hash' };
      if (firstBroken) break;
      if (digestSeqs.has(e.seq)) hashAt.set(e.seq, e.hash);
      prev = e.hash;
      expected++;
    }
    if (firstBroken) break;
    onProgress?.(expected - 1);
  }
  const entries = expected - 1;
  const head = await readLedgerHead(db);
  if (!firstBroken && (head.seq !== entries || head.hash !== prev))
    firstBroken = { seq: Math.max(head.seq, entries), problem: 'head' };

  // a digest names an entry: its hash must be that entry's (digests past a broken entry cannot be checked)
  const badDigests = digests
    .filter((d) => {
      const h = d.seq === 0 ? GENESIS_HASH : hashAt.get(d.seq);
      if (h === undefined) return !firstBroken;
      return h !== d.hash;
    })
    .map((d) => d.day);
  const sums = new Map(
    (await ledgerSums(db)).map((s) => [`${s.warehouse_id}|${s.item_id}|${s.spec}|${s.batch}`, s.quantity]),
  );
  let balanceMismatches = 0;
  for (const b of await allBalances(db)) {
    const key = `${b.warehouse_id}|${b.item_id}|${b.spec}|${b.batch}`;
    if ((sums.get(key) ?? 0) !== Number(b.quantity)) balanceMismatches++;
    sums.delete(key);
  }
  for (const q of sums.values()) if (q !== 0) balanceMismatches++;
  return {
    ok: firstBroken === null && badDigests.length === 0 && balanceMismatches === 0,
    entries,
    head: { seq: head.seq, hash: head.hash },
    firstBroken,
    digestsChecked: digests.length,
    badDigests,
    balanceMismatches,
  };
}

/** Stock of the jurisdiction by warehouse, item, specification and batch (non-zero balances). */
export async function stockInScope(
  db: Db,
  scope: Scope,
  f: { warehouseId?: string; itemId?: string },
): Promise<StockRow[]> {
  return (await listStockInScope(db, scope, f)).map((r) => ({
    warehouseId: r.warehouse_id,
    warehouseName: r.warehouse_name,
    itemId: r.item_id,
    itemCode: r.item_code,
    itemName: r.item_name,
    unit: r.unit,
    spec: r.spec,
    batch: r.batch,
    expiry: r.expiry,
    quantity: Number(r.quantity),
  }));
}

/** The township's path of a region path (/county/township/…/ → /county/township/), or the path itself above. */
function townshipPathOf(path: string): string {
  const parts = path.split('/').filter(Boolean);
  return parts.length <= 2 ? path : `/${parts.slice(0, 2).join('/')}/`;
}

export interface SuppliesFigure {
  /** the township's region path (the county's own path for county-level warehouses) */
  regionPath: string;
  itemCode: string;
  unit: string;
  /** received into the township's warehouses on `day` */
  in: number;
  /** moved out on `day` (negative entries: allocations, consumption, reversals, stocktake losses) */
  out: number;
  /** stock now */
  balance: number;
}

/**
 * Supplies figures per township and item for the organisation department's page, the big screen and
 * the daily report: what came in and went out on a county-local day, and the balance now. Only the
 * caller's jurisdiction is counted. County-level warehouses count under the county's own path.
 */
export async function suppliesFigures(db: Db, scope: Scope, opts: { day: string }): Promise<SuppliesFigure[]> {
  const out = new Map<string, SuppliesFigure>();
  const at = (path: string, itemCode: string, unit: string) => {
    const regionPath = townshipPathOf(path);
    const key = `${regionPath}|${itemCode}`;
    const found = out.get(key);
    if (found) return found;
    const f: SuppliesFigure = { regionPath, itemCode, unit, in: 0, out: 0, balance: 0 };
    out.set(key, f);
    return f;
  };
  for (const s of await stockByRegionPath(db, scope)) at(s.region_path, s.item_code, s.unit).balance += s.quantity;
  for (const m of await movementsOfDay(db, scope, opts.day)) {
    const f = at(m.region_path, m.item_code, m.unit);
    f.in += m.in_qty;
    f.out += m.out_qty;
  }
  return [...out.values()].sort(
    (a, b) => a.regionPath.localeCompare(b.regionPath) || a.itemCode.localeCompare(b.itemCode),
  );
}
