import type { Db } from '../src/server/db/database';
import { inSubtree } from '../src/server/access/scope';
import { benchApp, interleaved, timeRequest, type LatencyResult } from './latency';

/**
 * regions_subtree_p99_township: a township cadre (the demo township user with the largest
 * subtree, logged in through POST /api/auth/login) lists one page of 500 nodes of their subtree,
 * GET /api/regions?under=<their township>&limit=500, through `app.inject`; the baseline is
 * GET /api/health with the same session cookie (see latency.ts).
 */
export interface SubtreeResult extends LatencyResult {
  nodes: number;
  username: string;
}

/** The demo township cadre with the largest subtree, so that the page of 500 is full. */
async function largestTownshipUser(db: Db): Promise<string> {
  const cadres = await db
    .selectFrom('users')
    .select(['username', 'region_path'])
    .where('role', '=', 'township')
    .orderBy('username')
    .execute();
  let best = { username: 'township01', nodes: -1 };
  for (const c of cadres) {
    const { n } = await inSubtree(
      db.selectFrom('regions').select((eb) => eb.fn.countAll<number>().as('n')),
      'path',
      c.region_path,
    ).executeTakeFirstOrThrow();
    if (Number(n) > best.nodes) best = { username: c.username, nodes: Number(n) };
  }
  return best.username;
}

export async function runSubtreeLatency(db: Db, requests: number, warmup: number): Promise<SubtreeResult> {
  const bench = await benchApp(db);
  try {
    const username = await largestTownshipUser(db);
    const { cookie, regionId } = await bench.login(username);
    const subtree = `/api/regions?under=${regionId}&limit=500`;
    const first = await timeRequest(bench.app, subtree, cookie);
    const nodes = (JSON.parse(first.body) as { items: unknown[] }).items.length;
    return { ...(await interleaved(bench.app, cookie, () => subtree, requests, warmup)), nodes, username };
  } finally {
    await bench.close();
  }
}
