import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb, type TestDatabase } from '../server/testing/test-db';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../bin/qunfang.mjs');
let database: TestDatabase;
let env: NodeJS.ProcessEnv;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qf-cli-'));

beforeAll(async () => {
  database = await testDb();
  env = {
    ...process.env,
    QUNFANG_DEMO: 'none',
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : { QUNFANG_DB: database.sqlitePath }),
  };
});
afterAll(async () => {
  await database.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function qunfang(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the qunfang command', () => {
  it('explains itself', async () => {
    const help = await qunfang('--help');
    expect(help.code).toBe(0);
    for (const cmd of ['serve', 'migrate', 'demo', 'user', 'backup', 'regions']) expect(help.stdout).toContain(cmd);
  });

  it('migrates, loads a county, and adds a user bound to a village', async () => {
    expect((await qunfang('migrate')).code).toBe(0);
    const load = await qunfang('regions', 'load', '140728');
    expect(load.code).toBe(0);
    expect(load.stdout).toMatch(/Loaded county 140728: \d+ regions created/);
    const add = await qunfang(
      'user',
      'add',
      '--username',
      'dongcheng',
      '--password',
      'Lotus7Harbor',
      '--role',
      'grid',
      '--region',
      '140728100200',
      '--name',
      '东城网格员',
    );
    expect(add.code).toBe(0);
    expect(add.stdout).toContain('东城村');
    const user = await database.db
      .selectFrom('users')
      .selectAll()
      .where('username', '=', 'dongcheng')
      .executeTakeFirstOrThrow();
    expect(user.region_path).toBe('/140728000000/140728100000/140728100200/');
    const audit = await database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_name'])
      .where('action', '=', 'user.create')
      .execute();
    expect(audit[0]!.actor_name).toMatch(/^cli:/);
  });

  it('rebuilds the roll-ups of the big screen from history', async () => {
    const rebuilt = await qunfang('rollups', 'rebuild');
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(rebuilt.stdout).toMatch(/^Roll-ups rebuilt: \d+ rows in [\d.]+ s\.$/m);
    const built = await database.db
      .selectFrom('rollup_state')
      .select('value')
      .where('key', '=', 'built')
      .executeTakeFirst();
    expect(built).toBeDefined();
  });

  it('refuses bad input with a readable message and exit code 1', async () => {
    const badRole = await qunfang('user', 'add', '--username', 'x1', '--password', 'Lotus7Harbor', '--role', 'king');
    expect(badRole.code).not.toBe(0);
    expect(badRole.stderr).toMatch(/king/);
    const noRegion = await qunfang(
      'user',
      'add',
      '--username',
      'x2',
      '--password',
      'Lotus7Harbor',
      '--role',
      'grid',
      '--region',
      '999999999999',
    );
    expect(noRegion.code).toBe(1);
    expect(noRegion.stderr).toMatch(/REGION_NOT_FOUND/);
    const badCounty = await qunfang('regions', 'load', '999999');
    expect(badCounty.stderr).toMatch(/DIVISION_NOT_FOUND/);
    const badConfig = await run(process.execPath, [BIN, 'migrate'], { env: { ...env, PORT: 'abc' } }).catch((e) => e);
    expect(badConfig.stderr).toMatch(/Configuration error: PORT/);
  });

  it('imports a spreadsheet, and on a bad row prints the row and column and imports nothing', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('区域');
    ws.addRow(['层级', '编码', '名称', '上级编码', '备注']);
    ws.addRow(['网格', '', '东城村第一网格', '140728100200']);
    ws.addRow(['网格', '', '无主网格', '140728999999']);
    const bad = path.join(tmp, 'bad.xlsx');
    await wb.xlsx.writeFile(bad);
    const before = (await database.db.selectFrom('regions').select('id').execute()).length;
    const res = await qunfang('regions', 'import', bad);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/row 3, column D 上级编码/);
    expect((await database.db.selectFrom('regions').select('id').execute()).length).toBe(before);
    ws.spliceRows(3, 1);
    const good = path.join(tmp, 'good.xlsx');
    await wb.xlsx.writeFile(good);
    const ok = await qunfang('regions', 'import', good);
    expect(ok.stdout).toContain('1 regions created');
  });

  it('imports a resident roster: valid rows land, refused rows are printed with row and column and written to FILE.errors.xlsx', async () => {
    const grid = await database.db
      .selectFrom('regions')
      .select('code')
      .where('name', '=', '东城村第一网格')
      .executeTakeFirstOrThrow();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('区域');
    ws.addRow(['层级', '编码', '名称', '上级编码', '备注']);
    ws.addRow(['楼栋', '', '东城村3号院', grid.code]);
    const buildingFile = path.join(tmp, 'building.xlsx');
    await wb.xlsx.writeFile(buildingFile);
    expect((await qunfang('regions', 'import', buildingFile)).code).toBe(0);
    const building = await database.db
      .selectFrom('regions')
      .select('code')
      .where('name', '=', '东城村3号院')
      .executeTakeFirstOrThrow();

    const header =
      '姓名,证件类型,证件号码,国籍,性别,出生日期,手机号码,楼栋编码,门牌房号,与户主关系,人员标签,返乡出发地,抵达日期,交通方式,车次航班,备注';
    const roster = path.join(tmp, 'roster.csv');
    fs.writeFileSync(
      roster,
      [
        header,
        `孙户主,,140728197003030035,,,,13812345678,${building.code},101,户主,返乡人员,湖北省武汉市,2020-01-21,火车,G1234,`,
        `孙坏号,,140728197003030030,,,,,${building.code},101,配偶,,,,,,`,
        `孙小妹,,,,女,2015-06-01,,${building.code},101,子女,,,,,,`,
      ].join('\n'),
    );
    const res = await qunfang('import', 'residents', roster);
    expect(res.code, res.stderr).toBe(2);
    expect(res.stdout).toMatch(
      /3 rows in [\d.]+ s: 2 created, 0 updated, 0 unchanged, 1 refused; 1 households created\./,
    );
    expect(res.stderr).toMatch(/row 3, column 证件号码: .*校验位/);
    const report = new ExcelJS.Workbook();
    await report.xlsx.readFile(path.join(tmp, 'roster.errors.xlsx'));
    expect(report.worksheets[0]!.getCell(2, 1).value).toBe(3);
    const persons = await database.db
      .selectFrom('persons')
      .select(['name', 'returnee_from'])
      .where('name', 'like', '孙%')
      .orderBy('name')
      .execute();
    expect(persons).toEqual([
      { name: '孙小妹', returnee_from: null },
      { name: '孙户主', returnee_from: '湖北省武汉市' },
    ]);

    const again = await qunfang('import', 'residents', roster);
    expect(again.stdout).toMatch(/0 created, 0 updated, 2 unchanged, 1 refused; 0 households created\./);
  });

  it('backs up the database (SQLite online backup; a pg_dump hint on PostgreSQL)', async () => {
    const file = path.join(tmp, 'backup.db');
    const res = await qunfang('backup', file);
    expect(res.code).toBe(0);
    if (database.engine === 'postgres') {
      expect(res.stdout).toContain('pg_dump');
      return;
    }
    const Database = (await import('better-sqlite3')).default;
    const copy = new Database(file, { readonly: true });
    const n = copy.prepare('select count(*) as n from regions').get() as { n: number };
    copy.close();
    const live = (await database.db.selectFrom('regions').select('id').execute()).length;
    expect(n.n).toBe(live);
  });

  it('keeps an acknowledged write after the server is killed with SIGKILL', async () => {
    const server = spawn(process.execPath, [BIN, 'serve'], {
      env: { ...env, PORT: '0', HOST: '127.0.0.1', QUNFANG_ADMIN_PASSWORD: 'Admin12345', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error('server did not start: ' + out)), 90_000);
      server.stdout.on('data', (d) => {
        out += d;
        const m = /serving on (http:\/\/\S+)/.exec(out);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!.replace('localhost', '127.0.0.1'));
        }
      });
      server.stderr.on('data', (d) => (out += d));
    });
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Admin12345' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const parent = await database.db
      .selectFrom('regions')
      .select('id')
      .where('code', '=', '140728100200')
      .executeTakeFirstOrThrow();
    const created = await fetch(`${url}/api/regions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ parentId: parent.id, level: 'grid', name: '断电前网格' }),
    });
    expect(created.status, await created.clone().text()).toBe(201);
    const exited = server.exitCode !== null ? Promise.resolve() : new Promise((r) => server.once('exit', r));
    server.kill('SIGKILL');
    await exited;
    const reopened =
      database.engine === 'sqlite' ? new (await import('better-sqlite3')).default(database.sqlitePath!) : null;
    const found = reopened
      ? reopened.prepare('select name from regions where name = ?').get('断电前网格')
      : await database.db.selectFrom('regions').select('name').where('name', '=', '断电前网格').executeTakeFirst();
    reopened?.close();
    expect(found).toEqual({ name: '断电前网格' });
  });
});
