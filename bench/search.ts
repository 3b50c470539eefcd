import type { Db } from '../src/server/db/database';
import { randomFullName } from '../src/server/demo/names';
import { Rng } from '../src/server/demo/random';
import { pinyinOf } from '../src/server/text';
import { benchApp, interleaved, type LatencyResult } from './latency';

/**
 * person_search_p99: GET /api/persons?q=… (first page, 50) by the county `command` user over the
 * whole registry. The queries are what someone types looking for a resident they know by name:
 * alternately pinyin initials of 2–3 letters (zs, wjg) and a name prefix of one or two characters
 * (张, 王建), taken from names made by the demo's name generator with a fixed seed. Baseline:
 * GET /api/health, interleaved (latency.ts).
 */
export interface SearchResult extends LatencyResult {
  persons: number;
  /** the slowest queries seen, for the log */
  slowest: { q: string; ms: number; hits: number }[];
}

export function searchQueries(count: number, seed = 20200127): string[] {
  const rng = new Rng(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = randomFullName(rng, rng.chance(0.5) ? 'M' : 'F', rng.int(1930, 2019));
    if (i % 2 === 0) out.push(pinyinOf(name).initials.slice(0, rng.int(2, 3)));
    else out.push([...name].slice(0, rng.int(1, 2)).join(''));
  }
  return out;
}

export async function runPersonSearch(db: Db, requests: number, warmup: number): Promise<SearchResult> {
  const { n } = await db
    .selectFrom('persons')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const queries = searchQueries(warmup + requests);
  const bench = await benchApp(db);
  try {
    const { cookie } = await bench.login('command');
    const seen: { q: string; ms: number; hits: number }[] = [];
    const result = await interleaved(
      bench.app,
      cookie,
      (i) => `/api/persons?q=${encodeURIComponent(queries[i]!)}`,
      requests,
      warmup,
      (url, ms, body) => {
        seen.push({
          q: decodeURIComponent(url.slice(url.indexOf('q=') + 2)),
          ms,
          hits: (JSON.parse(body) as { items: unknown[] }).items.length,
        });
      },
    );
    return { ...result, persons: Number(n), slowest: seen.sort((a, b) => b.ms - a.ms).slice(0, 5) };
  } finally {
    await bench.close();
  }
}
