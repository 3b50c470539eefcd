import { sql, type Kysely } from 'kysely';
import { columnTypes } from './column-types';

/**
 * Consumption and the ledger's guard (issue 17):
 * - `ledger_entries_ref_day`: reports of use (ref_type 'consumption') by day, for days of cover.
 * - `ledger_head` moves only with an append: an UPDATE must keep the seq and hash, or move to a
 *   later seq with that entry's hash; no INSERT of another head, no DELETE (triggers, both engines).
 * - PostgreSQL: `ledger_entries`, `ledger_digests` and `ledger_head` and their trigger functions are
 *   handed to the NOLOGIN role `qunfang_owner`, as migration 0015 did for the audit log, leaving the
 *   application SELECT and INSERT (and UPDATE of the head), so its own credentials can neither drop
 *   the triggers nor rewrite the chain. Without the rights to hand them over a warning says so and
 *   the DBA runs the same statements (docs/operations.md).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { pg } = columnTypes(db);
  await db.schema
    .createIndex('ledger_entries_ref_day')
    .on('ledger_entries')
    .columns(['ref_type', 'day', 'warehouse_id'])
    .execute();

  const moves = `new.id <> old.id or new.seq < old.seq
      or (new.seq = old.seq and new.hash <> old.hash)
      or (new.seq > old.seq and new.hash is distinct from (select e.hash from ledger_entries e where e.seq = new.seq))`;
  if (!pg) {
    await sql`create trigger ledger_head_append_only before update on ledger_head
      when ${sql.raw(moves.replaceAll('is distinct from', 'is not'))}
      begin select raise(abort, 'ledger_head moves only with an append'); end`.execute(db);
    await sql`create trigger ledger_head_no_delete before delete on ledger_head
      begin select raise(abort, 'ledger_head moves only with an append'); end`.execute(db);
    await sql`create trigger ledger_head_no_insert before insert on ledger_head
      begin select raise(abort, 'ledger_head moves only with an append'); end`.execute(db);
    return;
  }
  await sql`create function ledger_head_guard() returns trigger language plpgsql as $$
    begin
      if tg_op = 'UPDATE' and not (${sql.raw(moves)}) then return new; end if;
      raise exception 'ledger_head moves only with an append';
    end $$`.execute(db);
  await sql`create trigger ledger_head_guard before insert or update or delete on ledger_head
    for each row execute function ledger_head_guard()`.execute(db);
  await sql`create trigger ledger_head_no_truncate before truncate on ledger_head
    for each statement execute function ledger_head_guard()`.execute(db);

  await sql`do $$
    declare
      app text := current_user;
      su boolean;
      may boolean;
      lend_create boolean;
    begin
      select rolsuper, rolsuper or rolcreaterole into su, may from pg_roles where rolname = app;
      if (select tableowner from pg_tables where tablename = 'ledger_entries' and schemaname = current_schema()) <> app then
        return; -- already handed over
      end if;
      if not may then
        raise warning 'the supplies ledger is owned by the application role %; hand it to a role the application does not log in as', app;
        return;
      end if;
      begin
        if not exists (select 1 from pg_roles where rolname = 'qunfang_owner') then create role qunfang_owner nologin; end if;
        if not su then execute format('grant qunfang_owner to %I', app); end if;
        lend_create := not has_schema_privilege('qunfang_owner', current_schema(), 'CREATE');
        if lend_create then execute format('grant usage, create on schema %I to qunfang_owner', current_schema()); end if;
        alter table ledger_entries owner to qunfang_owner;
        alter table ledger_digests owner to qunfang_owner;
        alter table ledger_head owner to qunfang_owner;
        alter function ledger_entries_append_only() owner to qunfang_owner;
        alter function ledger_digests_append_only() owner to qunfang_owner;
        alter function ledger_head_guard() owner to qunfang_owner;
        execute format('revoke all on ledger_entries, ledger_digests, ledger_head from %I', app);
        execute format('grant select, insert on ledger_entries, ledger_digests to %I', app);
        execute format('grant select, update on ledger_head to %I', app);
        if lend_create then execute format('revoke create on schema %I from qunfang_owner', current_schema()); end if;
        if not su then execute format('revoke qunfang_owner from %I', app); end if;
      exception when insufficient_privilege or invalid_grant_operation then
        raise warning 'the supplies ledger stays owned by %: %', app, sqlerrm;
      end;
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  const { pg } = columnTypes(db);
  if (pg) {
    await sql`drop trigger if exists ledger_head_guard on ledger_head`.execute(db);
    await sql`drop trigger if exists ledger_head_no_truncate on ledger_head`.execute(db);
    await sql`drop function if exists ledger_head_guard()`.execute(db);
  } else {
    for (const t of ['ledger_head_append_only', 'ledger_head_no_delete', 'ledger_head_no_insert'])
      await sql`drop trigger if exists ${sql.raw(t)}`.execute(db);
  }
  await db.schema.dropIndex('ledger_entries_ref_day').execute();
}
