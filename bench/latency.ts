import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app';
import { systemClock } from '../src/server/clock';
import { loadConfig } from '../src/server/config';
import type { Db } from '../src/server/db/database';
import { DEMO_PASSWORD } from '../src/server/demo/demo.service';
import { quantile } from './stats';

/**
 * Request latency through Fastify's `app.inject` — the whole request path (routing, session
 * cookie lookup, zod validation, scope, SQL, serialisation) without socket noise — against the
 * floor of GET /api/health with the same session, the two alternating so that noise from the
 * machine falls on both alike.
 */
export interface LatencyResult {
  p99: number;
  baselineP99: number;
  p50: number;
  baselineP50: number;
}

export interface BenchApp {
  app: FastifyInstance;
  /** Log a demo user in (password DEMO_PASSWORD): their cookie and their region's id. */
  login(username: string): Promise<{ cookie: string; regionId: string | null }>;
  close(): Promise<void>;
}

export async function benchApp(db: Db): Promise<BenchApp> {
  const config = loadConfig({ QUNFANG_DEMO: 'none', LOG_LEVEL: 'silent' });
  const app = await buildApp({ db, config, clock: systemClock, serveWeb: false });
  await app.ready();
  return {
    app,
    async login(username) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password: DEMO_PASSWORD },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
      const setCookie = res.headers['set-cookie'];
      const cookie = (Array.isArray(setCookie) ? setCookie[0]! : setCookie!).split(';')[0]!;
      return { cookie, regionId: (res.json() as { region: { id: string } | null }).region?.id ?? null };
    },
    close: () => app.close(),
  };
}

export async function timeRequest(
  app: FastifyInstance,
  url: string,
  cookie: string,
): Promise<{ ms: number; body: string }> {
  const start = performance.now();
  const res = await app.inject({ method: 'GET', url, headers: { cookie } });
  const ms = performance.now() - start;
  if (res.statusCode !== 200) throw new Error(`GET ${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
  return { ms, body: res.body };
}

/** `requests` timed requests to `urlOf(i)` after `warmup` untimed ones, each preceded by a timed GET /api/health. */
export async function interleaved(
  app: FastifyInstance,
  cookie: string,
  urlOf: (i: number) => string,
  requests: number,
  warmup: number,
  onSample?: (url: string, ms: number, body: string) => void,
): Promise<LatencyResult> {
  const samples: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i < warmup + requests; i++) {
    const health = await timeRequest(app, '/api/health', cookie);
    const url = urlOf(i);
    const r = await timeRequest(app, url, cookie);
    if (i >= warmup) {
      floor.push(health.ms);
      samples.push(r.ms);
      onSample?.(url, r.ms, r.body);
    }
  }
  return {
    p99: quantile(samples, 0.99),
    baselineP99: quantile(floor, 0.99),
    p50: quantile(samples, 0.5),
    baselineP50: quantile(floor, 0.5),
  };
}
