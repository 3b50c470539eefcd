/**
 * Run dashboard_rollup_p99 alone: `node bin/run-ts.mjs bench/dashboard-run.ts [--quick] [--engine sqlite|postgres]`.
 * stdout: JSON lines; progress on stderr.
 */
import { databaseFactory } from './databases';
import { runDashboardBench } from './dashboard';
import { emitDashboard } from './dashboard-emit';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const engine = args.includes('--engine') ? args[args.indexOf('--engine') + 1] : 'sqlite';
if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`--engine must be sqlite or postgres, not ${engine}`);
const factory = await databaseFactory(engine);
try {
  const database = await factory.fresh();
  try {
    emitDashboard(
      await runDashboardBench(
        database.db,
        quick
          ? { residents: 100_000, grids: 1_000, requests: 100, warmup: 10 }
          : { residents: 1_000_000, grids: 10_000, requests: 300, warmup: 20 },
      ),
      quick,
    );
  } finally {
    await database.close();
  }
} finally {
  await factory.shutdown();
}
