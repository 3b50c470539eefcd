/**
 * Run followup_overdue_scan alone (it needs the county demo, which is built first):
 * `node bin/run-ts.mjs bench/followups-run.ts [--quick] [--engine sqlite|postgres]`.
 * stdout: one JSON line; progress on stderr.
 */
import type { Engine } from '../src/server/db/database';
import { databaseFactory } from './databases';
import { runDemoBuild } from './demo-build';
import { runOverdueScan } from './followups';
import { emit, log } from './stats';

const args = process.argv.slice(2);
const at = args.indexOf('--engine');
const engine = (at >= 0 ? args[at + 1] : 'sqlite') as Engine;
if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`--engine must be sqlite or postgres, not ${engine}`);
const quick = args.includes('--quick');
const factory = await databaseFactory(engine);
try {
  const kept = await runDemoBuild(factory, 'county');
  try {
    const overdue = await runOverdueScan(kept.database.db, quick ? 20_000 : 100_000, quick ? 50 : 200, 5);
    log(
      `missed follow-ups over ${overdue.episodes} active episodes: ${overdue.missed} missed; p50 ${overdue.p50.toFixed(1)} ms (health ${overdue.baselineP50.toFixed(2)} ms)`,
    );
    emit(`followup_overdue_scan${quick ? '_quick' : ''}`, overdue.p99, 'ms', overdue.baselineP99);
  } finally {
    await kept.database.close();
  }
} finally {
  await factory.shutdown();
}
