import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openDb, type Db } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import { testApp, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { verifyLedger } from './index';

/**
 * The ledger outlives the application's own credentials, as the audit log does: its head moves only
 * with an append (both engines), and on PostgreSQL its tables belong to qunfang_owner, so the
 * application can append and read but can neither rewrite the chain nor disarm its triggers.
 */
let t: TestApp;
let desk: Client;
const head = async (db: Db) => db.selectFrom('ledger_head').selectAll().executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await testApp();
  const tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'desk', 'supplies', tree.county);
  desk = await t.login('desk', PASSWORD);
  const w = await desk.post('/api/supplies/warehouses', { name: '县库', kind: 'county', regionId: tree.county.id });
  const items = (await desk.get('/api/supplies/items')).json() as { id: string }[];
  for (const q of [100, -10])
    expect(
      (
        await desk.post('/api/supplies/ledger/stocktake', {
          warehouseId: w.json().id,
          itemId: items[0]!.id,
          quantity: q,
          reason: '盘点',
        })
      ).statusCode,
    ).toBe(201);
});
afterAll(async () => t.close());

describe('the ledger head moves only with an append', () => {
  it('refuses a head moved back, forged, inserted or deleted — and still appends', async () => {
    const before = await head(t.db);
    expect(before.seq).toBe(2);
    for (const statement of [
      sql`update ledger_head set seq = 1`,
      sql`update ledger_head set hash = ${'f'.repeat(64)}`,
      sql`update ledger_head set seq = 3, hash = ${'f'.repeat(64)}`,
      sql`delete from ledger_head`,
      sql`insert into ledger_head (id, seq, hash, day, updated_at) values (2, 0, 'x', null, 'now')`,
    ])
      await expect(statement.execute(t.db), statement.compile(t.db).sql).rejects.toThrow(/append|permission denied/);
    expect(await head(t.db)).toEqual(before);
    expect((await verifyLedger(t.db)).ok).toBe(true);
  });
});

describe.skipIf(process.env.QF_TEST_ENGINE !== 'postgres')('on PostgreSQL the ledger belongs to qunfang_owner', () => {
  it('leaves the application SELECT and INSERT of entries and digests, SELECT and UPDATE of the head', async () => {
    const owners = await sql<{ tablename: string; tableowner: string }>`select tablename, tableowner from pg_tables
      where tablename in ('ledger_entries', 'ledger_digests', 'ledger_head') order by tablename`.execute(t.db);
    expect(owners.rows.map((r) => r.tableowner)).toEqual(['qunfang_owner', 'qunfang_owner', 'qunfang_owner']);
    const grants = await sql<{ table_name: string; privilege_type: string }>`select table_name, privilege_type
      from information_schema.role_table_grants where grantee = current_user
      and table_name in ('ledger_entries', 'ledger_digests', 'ledger_head') order by table_name, privilege_type`.execute(
      t.db,
    );
    expect(grants.rows.map((r) => `${r.table_name}:${r.privilege_type}`)).toEqual([
      'ledger_digests:INSERT',
      'ledger_digests:SELECT',
      'ledger_entries:INSERT',
      'ledger_entries:SELECT',
      'ledger_head:SELECT',
      'ledger_head:UPDATE',
    ]);
  });

  describe('an application role that is not a superuser (as in production)', () => {
    const base = () => inject('pgBaseUrl');
    const role = 'qf_ledger_' + randomBytes(4).toString('hex');
    const dbName = role + '_db';
    let app: Db;
    let admin: pg.Client;

    beforeAll(async () => {
      admin = new pg.Client({ connectionString: `${base()}/postgres` });
      await admin.connect();
      await admin.query(`create role ${role} login password 'app' createrole`);
      await admin.query(`create database ${dbName}`);
      await admin.query(`grant qunfang_owner to ${role} with admin true, inherit false, set false`);
      const inDb = new pg.Client({ connectionString: `${base()}/${dbName}` });
      await inDb.connect();
      await inDb.query(`grant usage, create on schema public to ${role}, qunfang_owner`);
      await inDb.end();
      app = openDb({ databaseUrl: base().replace('qunfang:qunfang@', `${role}:app@`) + '/' + dbName });
      await migrateToLatest(app);
    });
    afterAll(async () => {
      await app?.destroy();
      await admin.query(`drop database if exists ${dbName}`);
      await admin.query(`revoke qunfang_owner from ${role}`);
      await admin.query(`drop role if exists ${role}`);
      await admin.end();
    });

    it('can neither empty, rewrite nor disarm the ledger', async () => {
      const refused = [
        sql`truncate ledger_entries`,
        sql`truncate ledger_head`,
        sql`delete from ledger_digests`,
        sql`update ledger_head set seq = 5`,
        sql`drop trigger ledger_entries_no_change on ledger_entries`,
        sql`drop trigger ledger_head_guard on ledger_head`,
        sql`alter table ledger_head disable trigger all`,
        sql`create or replace function ledger_head_guard() returns trigger language plpgsql as $$ begin return new; end $$`,
        sql`drop table ledger_digests`,
      ];
      for (const statement of refused) {
        const outcome = await statement.execute(app).then(
          () => 'done',
          (err: Error) => err.message,
        );
        expect(outcome, statement.compile(app).sql).toMatch(/permission denied|must be owner|append/);
      }
      expect((await head(app)).seq).toBe(0);
    });
  });
});
