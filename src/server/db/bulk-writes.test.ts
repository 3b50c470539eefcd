import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { testDb, type TestDatabase } from '../testing/test-db';
import { bulkTarget, chunkRowsFor, insertMany, RowBuffer, withBulkWrites } from './bulk-writes';
import { type Db, sqliteHandle } from './database';

let t: TestDatabase;
beforeAll(async () => {
  t = await testDb();
  await sql`create table bulk_probe (n integer primary key, filler text not null)`.execute(t.db);
  await sql`create table bulk_parent (id text primary key, name text not null, score double precision, flag integer)`.execute(
    t.db,
  );
  await sql`create table bulk_child (id text primary key, parent_id text not null references bulk_parent (id), seq integer not null)`.execute(
    t.db,
  );
});
afterAll(async () => t.close());

/** ~4 MB of rows (about a thousand pages) in one transaction. */
async function writeMegabytes(from: number, megabytes: number) {
  await t.db.transaction().execute(async (trx) => {
    for (let i = 0; i < megabytes * 4; i++) {
      await sql`insert into bulk_probe (n, filler)
        select ${from + i * 1000} + s.i, ${'x'.repeat(250)} from (with recursive g(i) as (select 0 union all select i + 1 from g where i < 999) select i from g) as s`.execute(
        trx,
      );
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
      await expect
        .poll(() => fs.statSync(file).size, { timeout: 10_000 })
        .toBeGreaterThan(sizeBefore + 6 * 1024 * 1024);
    });
    expect({ cache: pragma('cache_size'), autocheckpoint: pragma('wal_autocheckpoint') }).toEqual(before);
  });

  it('stays in bulk mode until the last of two overlapping bulk writes ends', async () => {
    const before = pragma('cache_size');
    let releaseFirst!: () => void;
    const first = withBulkWrites(
      t.db,
      () =>
        new Promise<void>((resolve) => {
          releaseFirst = resolve;
        }),
    );
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
    await expect(
      withBulkWrites(t.db, async () => {
        throw new Error('bad roster');
      }),
    ).rejects.toThrow('bad roster');
    expect(pragma('wal_autocheckpoint')).toBe(before);
  });
});

/** The probe tables are not in the Database interface: the bulk writer takes their names and rows untyped here. */
const PARENT = 'bulk_parent' as never;
const CHILD = 'bulk_child' as never;
const count = async (table: string) =>
  Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(t.db)).rows[0]!.n);
const clear = async () => {
  await sql`delete from bulk_child`.execute(t.db);
  await sql`delete from bulk_parent`.execute(t.db);
};
const parents = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    id: `p${from + i}`,
    name: `第${from + i}户`,
    score: (from + i) / 10,
    flag: i % 2 === 0 ? 1 : null,
  }));

describe('the bulk writer', () => {
  it('writes more rows than one statement holds: SQLite by a prepared statement given the handle, else by multi-row INSERTs', async () => {
    await clear();
    const rows = parents(0, chunkRowsFor(t.db, 4) + 7);
    // a transaction alone does not carry SQLite's handle: multi-row INSERTs, sized to the parameter limit
    await t.db.transaction().execute((trx) => insertMany(trx, PARENT, rows as never));
    await t.db
      .transaction()
      .execute((trx) => insertMany(bulkTarget(t.db, trx), PARENT, parents(rows.length, 10) as never));
    expect(await count('bulk_parent')).toBe(rows.length + 10);
    const sample = await sql<{
      id: string;
      name: string;
      score: number;
      flag: number | null;
    }>`select id, name, score, flag from bulk_parent where id in ('p1', 'p2')`.execute(t.db);
    expect(sample.rows.sort((a, b) => a.id.localeCompare(b.id)).map((r) => ({ ...r, score: Number(r.score) }))).toEqual(
      [
        { id: 'p1', name: '第1户', score: 0.1, flag: null },
        { id: 'p2', name: '第2户', score: 0.2, flag: 1 },
      ],
    );
  });

  it('skips rows that repeat a unique key when told to, and reports how many rows it wrote', async () => {
    await clear();
    await insertMany(t.db, PARENT, parents(0, 5) as never);
    let told = 0;
    await t.db.transaction().execute((trx) =>
      insertMany(bulkTarget(t.db, trx), PARENT, parents(3, 5) as never, {
        ignoreConflictOn: ['id'],
        onRows: (n) => {
          told += n;
        },
      }),
    );
    expect(await count('bulk_parent')).toBe(8);
    expect(told).toBe(5);
  });

  it('writes through unnest() on PostgreSQL when given the column types, several rows a statement on SQLite', async () => {
    await clear();
    const types = { id: 'text', name: 'text', score: 'float8', flag: 'int' };
    await t.db
      .transaction()
      .execute((trx) =>
        insertMany(bulkTarget(t.db, trx), PARENT, parents(0, 250) as never, { pgTypes: types, rowsPerStatement: 100 }),
      );
    expect(await count('bulk_parent')).toBe(250);
  });

  it('flushes the buffer a row points at before its own rows, so that foreign keys hold', async () => {
    await clear();
    await t.db.transaction().execute(async (trx: Db) => {
      const to = bulkTarget(t.db, trx);
      const parentRows = new RowBuffer(to, PARENT);
      const childRows = new RowBuffer(to, CHILD, { before: parentRows });
      for (let i = 0; i < 30; i++) {
        await parentRows.push({ id: `p${i}`, name: `第${i}户`, score: null, flag: null } as never);
        await childRows.push({ id: `c${i}`, parent_id: `p${i}`, seq: i } as never);
      }
      await childRows.flush();
    });
    expect([await count('bulk_parent'), await count('bulk_child')]).toEqual([30, 30]);
  });
});
