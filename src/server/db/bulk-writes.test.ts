import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDb, type TestDatabase } from '../testing/test-db';
import { withBulkWrites } from './bulk-writes';
import { sqliteHandle } from './database';

let t: TestDatabase;
beforeAll(async () => {
  t = await testDb();
  await sql`create table bulk_probe (n integer primary key, filler text not null)`.execute(t.db);
});
afterAll(async () => t.close());

/** ~4 MB of rows (about a thousand pages) in one transaction. */
async function writeMegabytes(from: number, megabytes: number) {
  await t.db.transaction().execute(async (trx) => {
    for (let i = 0; i < megabytes * 4; i++) {
      await sql`insert into bulk_probe (n, filler)
        select ${from + i * 1000} + s.i, ${'x'.repeat(250)} from (with recursive g(i) as (select 0 union all select i + 1 from g where i < 999) select i from g) as s`.execute(trx);
    }
  });
}

describe('bulk writes', () => {
  it('keeps every row a bulk write committed', async () => {
    const rows = await withBulkWrites(t.db, async () => {
      await writeMegabytes(0, 2);
      return (await sql<{ n: number }>`select count(*) as n from bulk_probe`.execute(t.db)).rows[0]!.n;
    });
    expect(Number(rows)).toBe(8000);
  });
});

describe.runIf(process.env.QF_TEST_ENGINE !== 'postgres')('bulk writes on SQLite', () => {
  const pragma = (name: string) => sqliteHandle(t.db)!.pragma(name, { simple: true });

  it('copies the log into the database file from another thread, and restores the connection afterwards', async () => {
    const before = { cache: pragma('cache_size'), autocheckpoint: pragma('wal_autocheckpoint') };
    const file = sqliteHandle(t.db)!.name;
    const sizeBefore = fs.statSync(file).size;
    await withBulkWrites(t.db, async () => {
      expect(pragma('cache_size')).toBe(-512 * 1024);
      // the writer itself would not checkpoint until ~100,000 pages: only the worker grows the file
      expect(pragma('wal_autocheckpoint')).toBe(100_000);
      await writeMegabytes(100_000, 8);
      await expect.poll(() => fs.statSync(file).size, { timeout: 10_000 }).toBeGreaterThan(sizeBefore + 6 * 1024 * 1024);
    });
    expect({ cache: pragma('cache_size'), autocheckpoint: pragma('wal_autocheckpoint') }).toEqual(before);
  });

  it('stays in bulk mode until the last of two overlapping bulk writes ends', async () => {
    const before = pragma('cache_size');
    let releaseFirst!: () => void;
    const first = withBulkWrites(t.db, () => new Promise<void>((resolve) => { releaseFirst = resolve; }));
    let secondSawBulk = false;
    const second = withBulkWrites(t.db, async () => {
      releaseFirst();
      await first;
      secondSawBulk = pragma('cache_size') === -512 * 1024 && pragma('wal_autocheckpoint') === 100_000;
    });
    await second;
    expect(secondSawBulk).toBe(true);
    expect(pragma('cache_size')).toBe(before);
  });

  it('keeps bulk mode for a bulk write begun while the previous one is still stopping its worker', async () => {
    const first = withBulkWrites(t.db, async () => undefined);
    await new Promise((resolve) => setImmediate(resolve));
    const second = withBulkWrites(t.db, async () => {
      await first;
      await new Promise((resolve) => setTimeout(resolve, 50));
      return pragma('wal_autocheckpoint');
    });
    expect(await second).toBe(100_000);
  });

  it('puts the connection back when the work fails', async () => {
    const before = pragma('wal_autocheckpoint');
    await expect(withBulkWrites(t.db, async () => { throw new Error('bad roster'); })).rejects.toThrow('bad roster');
    expect(pragma('wal_autocheckpoint')).toBe(before);
  });
});
