import type { Db } from '../../db/database';
import { balancesByItem, listLedgerDigests, readLedgerHead } from './ledger.repository';

export { balancesByItem as publicBalances };

/** The chain head now and the published daily digests (the last 400 days), newest first. */
export async function publicDigests(db: Db) {
  const head = await readLedgerHead(db);
  const days = await listLedgerDigests(db, 400);
  return {
    head: { day: head.day, seq: head.seq, hash: head.hash },
    days: days.map((d) => ({ day: d.day, seq: d.seq, hash: d.hash })),
  };
}
