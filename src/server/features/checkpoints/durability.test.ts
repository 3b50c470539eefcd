import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb, type TestDatabase } from '../../testing/test-db';

/**
 * Durability at the barrier, with a real server process: under concurrent load it is killed with
 * SIGKILL; every passage it acknowledged must be in the database, and no passage may be there
 * without all of its occupants.
 */
const BIN = path.resolve(import.meta.dirname, '../../../../bin/qunfang.mjs');
let database: TestDatabase;
let env: NodeJS.ProcessEnv;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qf-durable-'));

beforeAll(async () => {
  database = await testDb();
  env = {
    ...process.env,
    QUNFANG_DEMO: 'none',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: '0',
    QUNFANG_ADMIN_PASSWORD: 'Admin12345',
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : { QUNFANG_DB: database.sqlitePath }),
  };
});
afterAll(async () => {
  await database.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function startServer() {
  const server = spawn(process.execPath, [BIN, 'serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('server did not start: ' + out)), 90_000);
    const onData = (d: Buffer) => {
      out += d;
      const m = /serving on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!.replace('localhost', '127.0.0.1'));
      }
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
  });
  return { server, url };
}

describe('passages survive kill -9', () => {
  let siteId: string;

  it('every acknowledged passage is stored whole after the server is killed under load', async () => {
    const { server, url } = await startServer();
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Admin12345' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const post = (p: string, body: unknown) =>
      fetch(url + p, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify(body),
      });
    const county = await (
      await post('/api/regions', { parentId: null, level: 'county', name: '平遥县', code: '140728000000' })
    ).json();
    siteId = (
      await (
        await post('/api/checkpoints/sites', { name: '东门卡口', kind: 'village_entrance', regionId: county.id })
      ).json()
    ).id;

    const acknowledged: string[] = [];
    let stop = false;
    const worker = async (w: number) => {
      for (let i = 0; !stop; i++) {
        const id = randomUUID();
        const occupants = Array.from({ length: 1 + ((w + i) % 4) }, (_, k) => ({
          name: `乘客${w}-${i}-${k}`,
          temperature: 36 + ((k + i) % 10) / 10,
        }));
        try {
          const res = await post('/api/checkpoints/passages', {
            id,
            siteId,
            direction: 'in',
            plate: `晋K${String(10000 + ((w * 997 + i) % 89999))}`,
            decision: 'pass',
            occupants,
          });
          if (res.status === 201) acknowledged.push(id);
        } catch {
          return; // the server died mid-request: this one was never acknowledged
        }
      }
    };
    const load = Promise.all(Array.from({ length: 16 }, (_, w) => worker(w)));
    const deadline = Date.now() + 30_000;
    while (acknowledged.length < 300 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const exited = server.exitCode !== null ? Promise.resolve() : new Promise((r) => server.once('exit', r));
    server.kill('SIGKILL');
    stop = true;
    await load;
    await exited;

    const reopened =
      database.engine === 'sqlite' ? new (await import('better-sqlite3')).default(database.sqlitePath!) : null;
    const stored = reopened
      ? (reopened
          .prepare(
            'select id, occupant_count, (select count(*) from passage_occupants o where o.passage_id = p.id) as n from passages p',
          )
          .all() as { id: string; occupant_count: number; n: number }[])
      : (
          await database.db
            .selectFrom('passages as p')
            .select([
              'p.id',
              'p.occupant_count',
              (eb) =>
                eb
                  .selectFrom('passage_occupants as o')
                  .select(eb.fn.countAll<number>().as('c'))
                  .whereRef('o.passage_id', '=', 'p.id')
                  .as('n'),
            ])
            .execute()
        ).map((r) => ({ id: r.id, occupant_count: r.occupant_count, n: Number(r.n) }));
    reopened?.close();
    // the load must have been acknowledged before the kill, or the test proves nothing
    expect(acknowledged.length, 'passages acknowledged before the kill').toBeGreaterThanOrEqual(300);
    const ids = new Set(stored.map((r) => r.id));
    expect(acknowledged.filter((id) => !ids.has(id))).toEqual([]);
    expect(stored.filter((r) => r.n !== r.occupant_count)).toEqual([]);
    expect(stored.length).toBeGreaterThanOrEqual(acknowledged.length);
  });

  it('exports a site register with the CLI', async () => {
    const file = path.join(tmp, 'register.xlsx');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [BIN, 'passages', 'export', '--site', '东门卡口', '--from', '2000-01-01', '--to', '2100-01-01', '--out', file],
      { env },
    );
    expect(stdout).toMatch(/Exported \d+ passages of 东门卡口/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(3).value).toBe('车牌');
    expect(String(ws.getRow(2).getCell(3).value)).toMatch(/^晋K\d{5}$/);
    expect(ws.rowCount).toBeGreaterThan(300);
  });
});
