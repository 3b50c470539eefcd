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

  await db.schema
    .alterTable('users')
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  if (!pg) return;
  await sql`create function audit_log_no_truncate() returns trigger language plpgsql as $$
    begin raise exception 'audit_log is append-only'; end $$`.execute(db);
  await sql`create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_no_truncate()`.execute(db);

  // Hand the table and its trigger functions to a role nobody logs in as, leaving the application
  // INSERT and SELECT. Needs superuser or CREATEROLE (and, for a qunfang_owner someone else made,
  // its ADMIN OPTION); a non-superuser joins the role for the hand-over and leaves it. Without
  // those rights the table keeps its owner and a warning says so: the DBA then runs the same
  // statements (README, "Logins, passwords and database roles").
  await sql`do $$
    declare
      app text := current_user;
      su boolean;
      may boolean;
      lend_create boolean;
    begin
      select rolsuper, rolsuper or rolcreaterole into su, may from pg_roles where rolname = app;
      if (select tableowner from pg_tables where tablename = 'audit_log' and schemaname = current_schema()) <> app then
        return; -- already handed over
      end if;
      if not may then
        raise warning 'audit_log is owned by the application role %; hand it to a role the application does not log in as', app;
        return;
      end if;
      begin
        if not exists (select 1 from pg_roles where rolname = 'qunfang_owner') then create role qunfang_owner nologin; end if;
        if not su then execute format('grant qunfang_owner to %I', app); end if;
        -- a new owner needs CREATE on the schema at the moment it receives the table
        lend_create := not has_schema_privilege('qunfang_owner', current_schema(), 'CREATE');
        if lend_create then execute format('grant usage, create on schema %I to qunfang_owner', current_schema()); end if;
        alter table audit_log owner to qunfang_owner;
        alter function audit_log_append_only() owner to qunfang_owner;
        alter function audit_log_no_truncate() owner to qunfang_owner;
        execute format('revoke all on audit_log from %I', app);
        execute format('grant select, insert on audit_log to %I', app);
        if lend_create then execute format('revoke create on schema %I from qunfang_owner', current_schema()); end if;
        if not su then execute format('revoke qunfang_owner from %I', app); end if;
      exception when insufficient_privilege or invalid_grant_operation then
        raise warning 'audit_log stays owned by %: %', app, sqlerrm;
      end;
    end $$`.execute(db);
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
