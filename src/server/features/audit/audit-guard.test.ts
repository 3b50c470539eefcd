import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openDb, type Db } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import { testApp, ADMIN_PASSWORD, type TestApp } from '../../testing/test-app';
import { ManualClock } from '../../clock';
import { audit } from './audit.service';
import { auditLogOwnedByApplication } from './audit.repository';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
  await t.login('admin', ADMIN_PASSWORD);
});
afterAll(async () => t.close());

const count = async (db: Db) =>
  Number(
    (
      await db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the audit log survives the application’s own credentials', () => {
  it('belongs to another role than the application’s after the migrations (PostgreSQL; never on SQLite)', async () => {
    expect(await auditLogOwnedByApplication(t.db)).toBe(false);
  });

  it('refuses to be emptied through the application’s connection (TRUNCATE on PostgreSQL, an unfiltered DELETE on SQLite)', async () => {
    const before = await count(t.db);
    expect(before).toBeGreaterThan(0);
    const wipe = t.engine === 'postgres' ? sql`truncate audit_log` : sql`delete from audit_log`;
    await expect(wipe.execute(t.db)).rejects.toThrow(/append-only/);
    expect(await count(t.db)).toBe(before);
  });

  it.skipIf(process.env.QF_TEST_ENGINE !== 'postgres')(
    'on PostgreSQL belongs to qunfang_owner, with only INSERT and SELECT granted to the application',
    async () => {
      const owner = await sql<{
        tableowner: string;
      }>`select tableowner from pg_tables where tablename = 'audit_log'`.execute(t.db);
      expect(owner.rows[0]?.tableowner).toBe('qunfang_owner');
      const grants = await sql<{
        privilege_type: string;
      }>`select privilege_type from information_schema.role_table_grants
      where table_name = 'audit_log' and grantee = current_user order by privilege_type`.execute(t.db);
      expect(grants.rows.map((r) => r.privilege_type)).toEqual(['INSERT', 'SELECT']);
    },
  );
});

describe.skipIf(process.env.QF_TEST_ENGINE !== 'postgres')(
  'an application role that is not a superuser (as in production)',
  () => {
    const base = () => inject('pgBaseUrl');
    const role = 'qf_app_' + randomBytes(4).toString('hex');
    const dbName = role + '_db';
    let app: Db;
    let admin: pg.Client;

    beforeAll(async () => {
      admin = new pg.Client({ connectionString: `${base()}/postgres` });
      await admin.connect();
      // As docs/operations.md sets it up: the database and its schema belong to the DBA, the application may
      // create tables in it, and may hand a table to qunfang_owner (which this cluster already has,
      // from the superuser's migrations) without being able to act as it.
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

    it('says, for the start-up warning, when the application’s own role still owns the audit log', async () => {
      expect(await auditLogOwnedByApplication(app)).toBe(false);
      // a role without the rights to hand the table over (no CREATEROLE): the table stays its own
      const bare = role + '_bare';
      await admin.query(`create role ${bare} login password 'app'`);
      await admin.query(`create database ${bare}_db`);
      const inDb = new pg.Client({ connectionString: `${base()}/${bare}_db` });
      await inDb.connect();
      await inDb.query(`grant usage, create on schema public to ${bare}`);
      await inDb.end();
      const bareDb = openDb({ databaseUrl: base().replace('qunfang:qunfang@', `${bare}:app@`) + '/' + bare + '_db' });
      try {
        await migrateToLatest(bareDb);
        expect(await auditLogOwnedByApplication(bareDb)).toBe(true);
      } finally {
        await bareDb.destroy();
        await admin.query(`drop database if exists ${bare}_db`);
        await admin.query(`drop role if exists ${bare}`);
      }
    });

    it('migrates, writes and reads the audit log, but can neither empty, rewrite nor disarm it', async () => {
      await audit(app, new ManualClock(new Date('2020-01-25T08:00:00Z')), null, { action: 'test.entry' });
      expect(await count(app)).toBe(1);
      const owner = await sql<{
        tableowner: string;
      }>`select tableowner from pg_tables where tablename = 'audit_log'`.execute(app);
      expect(owner.rows[0]?.tableowner).toBe('qunfang_owner');
      const refused = [
        sql`truncate audit_log`,
        sql`update audit_log set action = 'forged'`,
        sql`delete from audit_log`,
        sql`drop trigger audit_log_no_truncate on audit_log`,
        sql`alter table audit_log disable trigger all`,
        sql`create or replace function audit_log_append_only() returns trigger language plpgsql as $$ begin return old; end $$`,
        sql`drop table audit_log`,
        sql`set role qunfang_owner`,
      ];
      for (const statement of refused) {
        const outcome = await statement.execute(app).then(
          () => 'done',
          (err: Error) => err.message,
        );
        expect(outcome, statement.compile(app).sql).toMatch(/permission denied|must be owner|append-only/);
      }
      expect(await count(app)).toBe(1);
    });
  },
);
