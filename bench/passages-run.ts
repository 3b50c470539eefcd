/**
 * Run the checkpoint benchmarks alone: `node bin/run-ts.mjs bench/passages-run.ts [--quick]
 * [--engine sqlite|postgres] [--only ingest|window] [--profile server.cpuprofile]`.
 * stdout: one JSON line per result; progress on stderr.
 */
import type { Engine } from '../src/server/db/database';
import { benchPassages } from './passages';

const args = process.argv.slice(2);
const value = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
const engine = (value('--engine') ?? 'sqlite') as Engine;
if (engine !== 'sqlite' && engine !== 'postgres') throw new Error(`--engine must be sqlite or postgres, not ${engine}`);
const only = value('--only') as 'ingest' | 'window' | undefined;
const started = performance.now();
await benchPassages({
  quick: args.includes('--quick'),
  engine,
  only,
  profile: value('--profile'),
  emit: (line) => process.stdout.write(JSON.stringify(line) + '\n'),
});
process.stderr.write(`[bench] checkpoint benchmarks done in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
