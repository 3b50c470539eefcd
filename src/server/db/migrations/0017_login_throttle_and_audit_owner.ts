import { sql, type Kysely } from 'kysely';
import { columnTypes } from './column-types';

/**
 * Logins and the audit log hardened (issue 14):
 * - `login_throttle`: failed-login counters shared by every server process — per address, per
 *   account (across addresses) and per (account, address) pair — with the lock each one earned.
 * - `users.must_change_password`: set when someone else chose the password (a reset, a new user).
 * - PostgreSQL: a statement-level trigger refuses TRUNCATE of `audit_log` (row triggers never see
 *   it), and, when the migrating role may create roles, `audit_log` and its trigger functions are
 *   handed to the NOLOGIN role `qunfang_owner`, leaving the application INSERT and SELECT only, so
 *   the application's own credentials can neither drop the triggers nor rewrite the rows.
 * SQLite has no TRUNCATE; its DELETE without WHERE still fires the append-only trigger of 0001.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { pg } = columnTypes(db);

  await db.schema
    .createTable('login_throttle')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('username', 'text')
    .addColumn('address', 'text')
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('window_start', 'text', (c) => c.notNull())
    .addColumn('locks', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_throttle_username').on('login_throttle').columns(['username', 'kind']).execute();
  await db.schema.createIndex('login_throttle_updated').on('login_throttle').column('updated_at').execute();

  await db.schema.alterTable('users').addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  if (!pg) return;
  await sql`create function audit_log_no_truncate() returns trigger language plpgsql as $$
    begin raise exception 'audit_log is append-only'; end $$`.execute(db);
  await sql`create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_no_truncate()`.execute(db);

  // Hand the table to a role nobody logs in as. Needs CREATEROLE (or superuser); without it the
  // DBA does the same by hand (README, "Logins, passwords and database roles").
  const me = await sql<{ may: boolean; owner: string; app: string }>`
    select (r.rolsuper or r.rolcreaterole) as may, t.tableowner as owner, current_user as app
    from pg_roles r, pg_tables t where r.rolname = current_user and t.tablename = 'audit_log' and t.schemaname = current_schema()`.execute(db);
  const row = me.rows[0];
  if (!row?.may || row.owner !== row.app) return;
  await sql`do $$ begin
    if not exists (select 1 from pg_roles where rolname = 'qunfang_owner') then create role qunfang_owner nologin; end if;
  end $$`.execute(db);
  const app = sql.id(row.app);
  // A non-superuser may give a table only to a role it can act as: join it for the hand-over, then leave.
  const superuser = (await sql<{ s: boolean }>`select rolsuper as s from pg_roles where rolname = current_user`.execute(db)).rows[0]?.s;
  if (!superuser) await sql`grant qunfang_owner to ${app}`.execute(db);
  await sql`alter table audit_log owner to qunfang_owner`.execute(db);
  await sql`alter function audit_log_append_only() owner to qunfang_owner`.execute(db);
  await sql`alter function audit_log_no_truncate() owner to qunfang_owner`.execute(db);
  await sql`revoke all on audit_log from ${app}`.execute(db);
  await sql`grant select, insert on audit_log to ${app}`.execute(db);
  if (!superuser) await sql`revoke qunfang_owner from ${app}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const { pg } = columnTypes(db);
  if (pg) {
    await sql`drop trigger if exists audit_log_no_truncate on audit_log`.execute(db);
    await sql`drop function if exists audit_log_no_truncate()`.execute(db);
  }
  await db.schema.alterTable('users').dropColumn('must_change_password').execute();
  await db.schema.dropTable('login_throttle').execute();
}
