import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb, type TestDatabase } from '../server/testing/test-db';
import { ManualClock } from '../server/clock';
import { systemActor } from '../server/testing/test-app';
import { makeTree } from '../server/testing/factories';
import { appendMovements } from '../server/features/supplies';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../../bin/qunfang.mjs');
let database: TestDatabase;
let env: NodeJS.ProcessEnv;
const KN95 = '01700000-0000-7000-8000-000000000004';

beforeAll(async () => {
  database = await testDb();
  env = {
    ...process.env,
    QUNFANG_DEMO: 'none',
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : { QUNFANG_DB: database.sqlitePath }),
  };
});
afterAll(async () => database.close());

async function qunfang(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('qunfang ledger verify', () => {
  it('verifies a ledger of two days, then names the entry changed behind the database’s back (exit code 1)', async () => {
    const db = database.db;
    const clock = new ManualClock(new Date('2020-01-28T02:00:00Z'));
    const tree = await makeTree(db, clock);
    const at = clock.now().toISOString();
    const warehouse = { id: '01700000-0000-7000-8000-0000000000aa', region_path: tree.county.path };
    await db
      .insertInto('warehouses')
      .values({
        ...warehouse,
        region_id: tree.county.id,
        name: '县物资储备库',
        kind: 'county',
        address: null,
        keeper: null,
        status: 'active',
        created_by: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const ctx = { clock, timeZone: 'Asia/Shanghai' };
    const move = (quantity: number) => ({
      kind: 'stocktake' as const,
      warehouse,
      itemId: KN95,
      spec: '',
      batch: '',
      expiry: null,
      quantity,
      counterparty: null,
      refType: null,
      refId: null,
      reason: '盘点',
    });
    for (const q of [100, -20, 5])
      await db.transaction().execute((trx) => appendMovements(trx, ctx, systemActor, [move(q)]));
    clock.advance(24 * 3600_000);
    await db.transaction().execute((trx) => appendMovements(trx, ctx, systemActor, [move(-10)]));

    const ok = await qunfang('ledger', 'verify');
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/Ledger: 4 entries, head #4 [0-9a-f]{64}, 1 daily digests\./);
    expect(ok.stdout).toMatch(/Verified in/);

    if (database.engine === 'postgres') {
      await sql`alter table ledger_entries disable trigger user`.execute(db);
      await sql`update ledger_entries set reason = '盘点（改）' where seq = 2`.execute(db);
      await sql`alter table ledger_entries enable trigger user`.execute(db);
    } else {
      await sql`drop trigger ledger_entries_no_update`.execute(db);
      await sql`update ledger_entries set reason = '盘点（改）' where seq = 2`.execute(db);
    }
    const broken = await qunfang('ledger', 'verify');
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('BROKEN at entry #2 (hash).');
    expect(broken.stdout).toContain('The ledger does NOT verify.');
  });
});
