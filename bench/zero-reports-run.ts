/**
 * Run zero_report_status_p99 alone (it needs the county demo, built first):
 * `node bin/run-ts.mjs bench/zero-reports-run.ts [--quick] [--engine sqlite|postgres]`.
 * stdout: one JSON line; progress on stderr.
 */
import { databaseFactory } from './databases';
import { runDemoBuild } from './demo-build';
import { emit, log } from './stats';
import { runZeroReportStatusLatency } from './zero-reports';

const args = process.argv.slice(2);
const engine = args.includes('--engine') ? args[args.indexOf('--engine') + 1] : 'sqlite';
if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`--engine must be sqlite or postgres, not ${engine}`);
const factory = await databaseFactory(engine);
try {
  const built = await runDemoBuild(factory, 'county');
  log(
    `demo county built in ${built.seconds.toFixed(1)} s (zero reports: ${JSON.stringify(built.summary.zeroReports)})`,
  );
  try {
    const r = await runZeroReportStatusLatency(built.database.db, args.includes('--quick') ? 100 : 300, 5);
    log(
      `command zero-report status: ${r.units} units, ${r.reports} reports over 15 days, ${r.missing} missing; p50 ${r.p50.toFixed(1)} ms (health ${r.baselineP50.toFixed(2)} ms)`,
    );
    emit('zero_report_status_p99', r.p99, 'ms', r.baselineP99);
  } finally {
    await built.database.close();
  }
} finally {
  await factory.shutdown();
}
