import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../clock';
import { makeTree } from '../../../testing/factories';
import { hostileXlsx } from '../../../testing/hostile-xlsx';
import { rssOf, startServerProcess, type ServerProcess } from '../../../testing/server-process';
import { testDb, type TestDatabase } from '../../../testing/test-db';

/**
 * Hostile uploads against a real server process, its memory sampled from /proc while each is
 * read: the bound docs/security.md states ("Uploads and their limits") must hold, and the server must keep
 * serving — the same worker, not a restarted one.
 */
const BOUND = 1024 * 1024 * 1024;
const HEADER = [
  '姓名',
  '证件类型',
  '证件号码',
  '国籍',
  '性别',
  '出生日期',
  '手机号码',
  '楼栋编码',
  '门牌房号',
  '与户主关系',
  '人员标签',
  '返乡出发地',
  '抵达日期',
  '交通方式',
  '车次航班',
  '备注',
];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let database: TestDatabase;
let server: ServerProcess;
let cookie: string;
let worker: number;
let peak = 0;
let sampler: NodeJS.Timeout;

beforeAll(async () => {
  database = await testDb();
  await makeTree(database.db, systemClock);
  server = await startServerProcess({
    ...process.env,
    QUNFANG_ADMIN_PASSWORD: 'Admin12345',
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : { QUNFANG_DB: database.sqlitePath }),
  });
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'Admin12345' }),
  });
  cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  worker = server.workerPid();
  sampler = setInterval(() => (peak = Math.max(peak, rssOf(worker))), 10);
}, 180_000);
afterAll(async () => {
  clearInterval(sampler);
  const exited = new Promise((resolve) => server.supervisor.once('exit', resolve));
  server.supervisor.kill('SIGTERM');
  await exited;
  await database.close();
});

const MB = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function post(path: string, body: Buffer, type: string) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': type, cookie },
    body: new Uint8Array(body),
  });
}

async function importJob(body: Buffer, type: string) {
  const started = await post('/api/persons/import', body, type);
  expect(started.status).toBe(202);
  const { id } = await started.json();
  for (;;) {
    const job = await (await fetch(`${server.url}/api/imports/${id}`, { headers: { cookie } })).json();
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Run one upload and return the peak RSS of the server process while it was handled. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; peak: number }> {
  peak = rssOf(worker);
  const result = await work();
  peak = Math.max(peak, rssOf(worker));
  return { result, peak };
}

describe('hostile uploads', () => {
  const peaks: Record<string, number> = {};
  afterAll(() =>
    console.log(
      'server RSS peaks (MB):',
      JSON.stringify(Object.fromEntries(Object.entries(peaks).map(([k, v]) => [k, MB(v)]))),
    ),
  );

  it('refuses the reported roster — 16 cells of 4,000 characters a row — at row 2, within the bound', async () => {
    // the reported file had 100,000 such rows (6.4 GB of XML); 3,000 show the same thing and build in seconds
    const file = hostileXlsx({
      header: HEADER,
      rows: 3000,
      cells: () => Array.from({ length: 16 }, () => 'A'.repeat(4000)),
    });
    const { result, peak: p } = await measured(() => importJob(file, XLSX));
    peaks.wideCells = p;
    expect(result).toMatchObject({ status: 'failed', error: { code: 'IMPORT_CELL_TOO_LONG', row: 2, column: 'A' } });
    expect(p).toBeLessThan(BOUND);
  }, 120_000);

  it('stops a roster zip bomb of plausible rows at its XML budget, within the bound', async () => {
    const file = hostileXlsx({
      header: HEADER,
      rows: 8000,
      cells: (n) =>
        [`居民${n}`, '', '', '', '', '', '', '', '', '', '', '', '', '', '', 'B'.repeat(990)].map((c, i) =>
          i > 0 && i < 15 ? 'C'.repeat(990) : c,
        ),
    });
    const { result, peak: p } = await measured(() => importJob(file, XLSX));
    peaks.zipBomb = p;
    expect(result).toMatchObject({ status: 'failed', error: { code: 'IMPORT_TOO_LARGE' } });
    expect(result.error.row).toBeGreaterThan(2);
    expect(p).toBeLessThan(BOUND);
  }, 180_000);

  it('says 50 MB of random bytes are no spreadsheet, within the bound', async () => {
    const { result, peak: p } = await measured(() =>
      importJob(randomBytes(50 * 1024 * 1024), 'application/octet-stream'),
    );
    peaks.random50MB = p;
    expect(result).toMatchObject({ status: 'failed', error: { code: 'IMPORT_NOT_SPREADSHEET' } });
    expect(p).toBeLessThan(BOUND);
  }, 120_000);

  it('spools 30,000 refused rows to the report file and lists them all in it, within the bound', async () => {
    const lines = [HEADER.join(',')];
    for (let i = 0; i < 30_000; i++) lines.push(`居民${i},,123,,,,,,,,,,,,,${'备注'.repeat(100)}`);
    const { result, peak: p } = await measured(() => importJob(Buffer.from(lines.join('\n')), 'text/csv'));
    peaks.refusedRows = p;
    expect(result).toMatchObject({ status: 'done', invalid: 30_000, hasReport: true });
    const report = await fetch(`${server.url}/api/imports/${result.id}/report`, { headers: { cookie } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await report.arrayBuffer());
    expect(wb.worksheets[0]!.rowCount).toBe(30_001);
    expect(String(wb.worksheets[0]!.getCell('C30001').value)).toContain('证件号码');
    expect(p).toBeLessThan(BOUND);
  }, 180_000);

  it('stops a region-tree zip bomb at its XML budget, within the bound', async () => {
    const file = hostileXlsx({
      header: ['层级', '编码', '名称', '上级编码', '备注'],
      rows: 80_000,
      cells: (n) => ['网格', '', `网格${n}`.padEnd(900, '格'), '140728100200', ''],
    });
    const { result, peak: p } = await measured(async () => (await post('/api/regions/import', file, XLSX)).json());
    peaks.regionsBomb = p;
    expect(result.error).toMatchObject({ code: 'IMPORT_TOO_LARGE' });
    expect(p).toBeLessThan(BOUND);
  }, 180_000);

  it('is still the same server process, serving', async () => {
    expect(server.workerPid()).toBe(worker);
    expect((await fetch(`${server.url}/api/health`)).status).toBe(200);
  });
});
