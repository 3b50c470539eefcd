import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../app';
import { ManualClock } from '../../clock';
import { loadConfig } from '../../config';
import { testDb, type TestDatabase } from '../../testing/test-db';

/**
 * The county's zone (QUNFANG_TZ) reaches the public ledger and the certificate's data, so the pages
 * print the county's days — not a fixed Asia/Shanghai, not the reader's phone. A county in another
 * zone (here Ürümqi's local time, UTC+6) gets its own.
 */
let database: TestDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  database = await testDb();
  const config = loadConfig({ QUNFANG_DEMO: 'none', LOG_LEVEL: 'silent', QUNFANG_TZ: 'Asia/Urumqi' });
  app = await buildApp({
    db: database.db,
    config,
    clock: new ManualClock(new Date('2020-01-25T07:55:00Z')),
    serveWeb: false,
  });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe("the county's zone", () => {
  it('is sent with the public ledger for the page to print its dates in', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/public/ledger' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().timeZone).toBe('Asia/Urumqi');
  });
});
