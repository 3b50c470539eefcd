import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../clock';
import { makeTree } from '../../../testing/factories';
import { testDb, type TestDatabase } from '../../../testing/test-db';
import { idCardCheckChar } from '../../../../shared/validators';

/**
 * Household atomicity with a real process: `qunfang import residents` is killed with SIGKILL
 * after its first batches have committed; every household then has all of its members or none,
 * and importing the same file again completes the registry without a duplicate.
 */
const BIN = path.resolve(import.meta.dirname, '../../../../../bin/qunfang.mjs');
const HOUSEHOLDS = 20_000;
const MEMBERS = 3;
let database: TestDatabase;
let env: NodeJS.ProcessEnv;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qf-killed-'));
const roster = path.join(tmp, 'roster.csv');

beforeAll(async () => {
  database = await testDb();
  env = {
    ...process.env,
    QUNFANG_DEMO: 'none',
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : { QUNFANG_DB: database.sqlitePath }),
  };
  const tree = await makeTree(database.db, systemClock);
  // 3 members a household: a batch of exactly 10,000 rows would end inside household 3,334
  const lines = [
    '姓名,证件类型,证件号码,国籍,性别,出生日期,手机号码,楼栋编码,门牌房号,与户主关系,人员标签,返乡出发地,抵达日期,交通方式,车次航班,备注',
  ];
  const day0 = Date.UTC(1950, 0, 1);
  for (let h = 0; h < HOUSEHOLDS; h++) {
    const building = h % 2 ? tree.buildingB.code : tree.buildingA.code;
    for (let m = 0; m < MEMBERS; m++) {
      const i = h * MEMBERS + m;
      const born = new Date(day0 + (i % 25_000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
      const first17 = `140728${born}${String(Math.floor(i / 25_000)).padStart(3, '0')}`;
      lines.push(
        `居民${i},,${first17}${idCardCheckChar(first17)},,,,,${building},${h}室,${['户主', '配偶', '子女'][m]},,,,,,`,
      );
    }
  }
  fs.writeFileSync(roster, lines.join('\n'));
});
afterAll(async () => {
  await database.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const count = async (table: 'persons' | 'households') =>
  Number(
    (
      await database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Households whose member count is not MEMBERS: the partial ones. */
const partialHouseholds = async () =>
  (
    await database.db
      .selectFrom('households')
      .leftJoin('persons', 'persons.household_id', 'households.id')
      .select(['households.room', (eb) => eb.fn.count<number>('persons.id').as('n')])
      .groupBy(['households.id', 'households.room'])
      .having(sql<number>`count(persons.id)`, '!=', MEMBERS)
      .execute()
  ).map((h) => `${h.room}: ${h.n}`);

describe('an import killed with -9', () => {
  it('leaves whole households, and importing again completes them without duplicates', async () => {
    const child = spawn(process.execPath, [BIN, 'import', 'residents', roster], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // kill as soon as the first batches are in (a batch is one transaction: committed or not)
    const deadline = Date.now() + 120_000;
    while ((await count('persons')) === 0 && child.exitCode === null && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGKILL');
    await exited;
    const landed = await count('persons');
    expect(landed, output).toBeGreaterThan(0);
    expect(landed, 'the import finished before it could be killed').toBeLessThan(HOUSEHOLDS * MEMBERS);
    expect(await partialHouseholds()).toEqual([]);
    expect(landed % MEMBERS).toBe(0);

    const again = spawn(process.execPath, [BIN, 'import', 'residents', roster], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out2 = '';
    again.stdout.on('data', (d) => (out2 += d));
    again.stderr.on('data', (d) => (out2 += d));
    expect(await new Promise((resolve) => again.once('exit', resolve)), out2).toBe(0);
    expect(await count('persons')).toBe(HOUSEHOLDS * MEMBERS);
    expect(await count('households')).toBe(HOUSEHOLDS);
    expect(await partialHouseholds()).toEqual([]);
    const distinct = await database.db
      .selectFrom('persons')
      .select((eb) => eb.fn.count<number>('id_number').distinct().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(distinct.n)).toBe(HOUSEHOLDS * MEMBERS);
  }, 300_000);
});
