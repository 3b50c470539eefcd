/**
 * Run trace_candidates_p99 alone (it needs the vehicle-window database, which is built first and
 * measured too): `node bin/run-ts.mjs bench/tracing-run.ts [--quick] [--engine sqlite|postgres]`.
 * stdout: one JSON line per result; progress on stderr.
 */
import type { Engine } from '../src/server/db/database';
import { benchPassages } from './passages';
import { emit, log } from './stats';
import { runTraceCandidates } from './tracing';

const args = process.argv.slice(2);
const at = args.indexOf('--engine');
const engine = (at >= 0 ? args[at + 1] : 'sqlite') as Engine;
if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`--engine must be sqlite or postgres, not ${engine}`);
const quick = args.includes('--quick');
await benchPassages({
  quick,
  engine,
  only: 'window',
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
