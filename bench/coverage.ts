import type { Db } from '../src/server/db/database';
import { DEMO_ROUND_NAME } from '../src/server/demo/screening';
import { benchApp, interleaved, timeRequest, type LatencyResult } from './latency';

/**
 * coverage_county_p99: GET /api/screening/rounds/:id/coverage?level=grid by the county `command`
 * user on the county demo (100,000 households, the round about 80% done): every grid of the county
 * (1,600) with households, visited, not home and never visited. Baseline: GET /api/health,
 * interleaved (latency.ts).
 */
export interface CoverageResult extends LatencyResult {
  grids: number;
}

export async function runCoverageLatency(db: Db, requests: number, warmup: number): Promise<CoverageResult> {
  const bench = await benchApp(db);
  try {
    const { cookie } = await bench.login('command');
    const rounds = JSON.parse((await timeRequest(bench.app, '/api/screening/rounds', cookie)).body) as {
      items: { id: string; name: string }[];
    };
    const round = rounds.items.find((r) => r.name === DEMO_ROUND_NAME);
    if (!round) throw new Error('the demo has no screening round');
    const url = `/api/screening/rounds/${round.id}/coverage?level=grid`;
    const grids = (JSON.parse((await timeRequest(bench.app, url, cookie)).body) as { items: unknown[] }).items.length;
    return { ...(await interleaved(bench.app, cookie, () => url, requests, warmup)), grids };
  } finally {
    await bench.close();
  }
}
