import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app';
import { systemClock } from '../src/server/clock';
import { loadConfig } from '../src/server/config';
import type { Db } from '../src/server/db/database';
import { DEMO_PASSWORD } from '../src/server/features/demo/demo.service';
import { inSubtree } from '../src/server/http/scope';
import { quantile } from './stats';

/**
 * regions_subtree_p99_township: a township cadre (the demo township user with the largest
 * subtree, logged in through POST /api/auth/login) lists one page of 500 nodes of their subtree,
 * GET /api/regions?under=<their township>&limit=500, through Fastify's `app.inject` — the whole
 * request path (routing, session cookie lookup, zod validation, scope, SQL, serialisation) without
 * socket noise. The baseline is GET /api/health with the same session cookie: the floor of the
 * framework plus the session lookup. The two requests alternate, so noise from the machine falls
 * on both alike.
 */
export interface LatencyResult {
  p99: number;
  baselineP99: number;
  p50: number;
  baselineP50: number;
  nodes: number;
  username: string;
}

async function timeRequest(app: FastifyInstance, url: string, cookie: string): Promise<{ ms: number; body: string }> {
  const start = performance.now();
  const res = await app.inject({ method: 'GET', url, headers: { cookie } });
  const ms = performance.now() - start;
  if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  return { ms, body: res.body };
}

/** The demo township cadre with the largest subtree, so that the page of 500 is full. */
async function largestTownshipUser(db: Db): Promise<string> {
  const cadres = await db.selectFrom('users').select(['username', 'region_path']).where('role', '=', 'township').orderBy('username').execute();
  let best = { username: 'township01', nodes: -1 };
  for (const c of cadres) {
    const { n } = await inSubtree(db.selectFrom('regions').select((eb) => eb.fn.countAll<number>().as('n')), 'path', c.region_path).executeTakeFirstOrThrow();
    if (Number(n) > best.nodes) best = { username: c.username, nodes: Number(n) };
  }
  return best.username;
}

export async function runSubtreeLatency(db: Db, requests: number, warmup: number): Promise<LatencyResult> {
  const config = loadConfig({ QUNFANG_DEMO: 'none', LOG_LEVEL: 'silent' });
  const app = await buildApp({ db, config, clock: systemClock, serveWeb: false });
  await app.ready();
  try {
    const username = await largestTownshipUser(db);
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: DEMO_PASSWORD } });
    if (login.statusCode !== 200) throw new Error(`login ${username}: ${login.statusCode} ${login.body}`);
    const setCookie = login.headers['set-cookie'];
    const cookie = (Array.isArray(setCookie) ? setCookie[0]! : setCookie!).split(';')[0]!;
    const township = (login.json() as { region: { id: string } }).region.id;
    const subtree = `/api/regions?under=${township}&limit=500`;

    const first = await timeRequest(app, subtree, cookie);
    const nodes = (JSON.parse(first.body) as { items: unknown[] }).items.length;
    const samples: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < warmup + requests; i++) {
      const health = await timeRequest(app, '/api/health', cookie);
      const list = await timeRequest(app, subtree, cookie);
      if (i >= warmup) {
        floor.push(health.ms);
        samples.push(list.ms);
      }
    }
    return { p99: quantile(samples, 0.99), baselineP99: quantile(floor, 0.99), p50: quantile(samples, 0.5), baselineP50: quantile(floor, 0.5), nodes, username };
  } finally {
    await app.close();
  }
}
