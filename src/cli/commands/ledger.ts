import { verifyLedger } from '../../server/features/supplies';
import { withDb } from './with-db';

/**
 * `qunfang ledger verify`: recompute the supplies ledger's hash chain from the first entry, check
 * the head, the published daily digests and every stock balance. Exit code 1 names what is broken.
 */
export async function ledgerVerifyCommand(): Promise<void> {
  const started = performance.now();
  const v = await withDb((db) =>
    verifyLedger(db, (n) => {
      if (process.stderr.isTTY) process.stderr.write(`\r${n} entries checked`);
    }),
  );
  if (process.stderr.isTTY) process.stderr.write('\n');
  const seconds = (performance.now() - started) / 1000;
  console.log(`Ledger: ${v.entries} entries, head #${v.head.seq} ${v.head.hash}, ${v.digestsChecked} daily digests.`);
  if (v.firstBroken) console.log(`BROKEN at entry #${v.firstBroken.seq} (${v.firstBroken.problem}).`);
  if (v.badDigests.length > 0) console.log(`Daily digests that do not match: ${v.badDigests.join(', ')}.`);
  if (v.balanceMismatches > 0) console.log(`Stock balances that differ from the ledger: ${v.balanceMismatches}.`);
  console.log(v.ok ? `Verified in ${seconds.toFixed(1)} s.` : 'The ledger does NOT verify.');
  if (!v.ok) process.exitCode = 1;
}
