/**
 * Run resident_import and person_search_p99 (over the registry the import filled) alone; they need
 * the county demo's regions and users, built first:
 * `node bin/run-ts.mjs bench/import-run.ts [--quick] [--engine sqlite|postgres]`.
 * stdout: one JSON line per line of the benchmark; progress on stderr.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { databaseFactory } from './databases';
import { runDemoBuild } from './demo-build';
import { runResidentImport } from './import';
import { runPersonSearch } from './search';
import { emit, log } from './stats';

const args = process.argv.slice(2);
const engine = args.includes('--engine') ? args[args.indexOf('--engine') + 1] : 'sqlite';
if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`--engine must be sqlite or postgres, not ${engine}`);
const quick = args.includes('--quick');
const factory = await databaseFactory(engine);
// The roster CSV lives here; readable by a local PostgreSQL server process, which COPY needs.
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'qf-bench-files-'));
fs.chmodSync(workDir, 0o755);
try {
  const built = await runDemoBuild(factory, 'county');
  log(`demo county built in ${built.seconds.toFixed(1)} s`);
  try {
    const imported = await runResidentImport(factory, built.database.db, quick ? 100_000 : 1_000_000, workDir);
    try {
      const search = await runPersonSearch(imported.database.db, quick ? 300 : 500, 30);
      log(
        `person search over ${search.persons} persons: p50 ${search.p50.toFixed(1)} ms; slowest ${search.slowest.map((s) => `${s.q} ${s.ms.toFixed(0)} ms`).join(', ')}`,
      );
      emit(`person_search_p99${quick ? '_quick' : ''}`, search.p99, 'ms', search.baselineP99);
    } finally {
      await imported.database.close();
    }
    const insertBaseline = imported.baselineKind === 'multi-row INSERT' ? '_insert_baseline' : '';
    emit(`resident_import${quick ? '_quick' : ''}${insertBaseline}`, imported.value, 'rows/s', imported.baseline);
    if (imported.equalCacheBaseline)
      emit(
        `resident_import_equal_cache${quick ? '_quick' : ''}`,
        imported.value,
        'rows/s',
        imported.equalCacheBaseline,
      );
  } finally {
    await built.database.close();
  }
} finally {
  fs.rmSync(workDir, { recursive: true, force: true });
  await factory.shutdown();
}
