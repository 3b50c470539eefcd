import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app';
import { ManualClock } from '../clock';
import { loadConfig, type Config } from '../config';
import type { Actor } from '../access/actor';
import { testDb, type TestDatabase } from './test-db';

export const ADMIN_PASSWORD = 'Admin12345';

export interface TestApp extends TestDatabase {
  app: FastifyInstance;
  clock: ManualClock;
  config: Readonly<Config>;
  /** Log in and return a client whose requests carry that session cookie. */
  login(username: string, password: string): Promise<Client>;
  /** A client with no session. */
  anonymous: Client;
}

export interface Client {
  cookie: string | null;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

function client(app: FastifyInstance, cookie: string | null): Client {
  const request = (opts: InjectOptions) =>
    app.inject({ ...opts, headers: { ...(cookie ? { cookie } : {}), ...(opts.headers ?? {}) } });
  return {
    cookie,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, body) => request({ method: 'POST', url, ...(body === undefined ? {} : { payload: body as object }) }),
    patch: (url, body) => request({ method: 'PATCH', url, payload: body as object }),
    delete: (url) => request({ method: 'DELETE', url }),
  };
}

/**
 * The real application over a fresh database of this project's engine, with a clock the test can
 * move and a global `admin` (password ADMIN_PASSWORD). Nothing is mocked.
 */
export async function testApp(): Promise<TestApp> {
  const database = await testDb();
  const clock = new ManualClock(new Date('2020-01-25T07:55:00Z'));
  const config = loadConfig({ QUNFANG_DEMO: 'none', LOG_LEVEL: 'silent' });
  const { ensureAdmin } = await import('../features/users/users.service');
  await ensureAdmin(database.db, clock, ADMIN_PASSWORD);
  const app = await buildApp({ db: database.db, config, clock, serveWeb: false });
  await app.ready();
  return {
    ...database,
    app,
    clock,
    config,
    anonymous: client(app, null),
    async login(username, password) {
      const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const setCookie = res.headers['set-cookie'];
      const raw = Array.isArray(setCookie) ? setCookie[0]! : setCookie!;
      return client(app, raw.split(';')[0]!);
    },
    async close() {
      await app.close();
      await database.close();
    },
  };
}

/** A system actor for factories that call services directly. */
export const systemActor: Actor = {
  id: '00000000-0000-7000-8000-000000000001',
  username: 'test',
  displayName: 'test',
  role: 'admin',
  regionId: null,
  regionPath: '/',
  locale: 'zh-CN',
  ip: null,
  userAgent: null,
};
