import { sql, type Kysely } from 'kysely';
import { columnTypes } from './column-types';

/**
 * Regions, users, sessions, audit, responsibility, and the first columns of households and persons.
 * Written with Kysely's schema builder so one file runs on SQLite and PostgreSQL; the few engine
 * differences (uuid type, byte-order collation for paths, append-only triggers) are spelled out.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { pg, id, pathType } = columnTypes(db);

  await db.schema
    .createTable('regions')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('parent_id', id, (c) => c.references('regions.id'))
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('path', pathType, (c) => c.notNull().unique())
    .addColumn('depth', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('pinyin', 'text', (c) => c.notNull())
    .addColumn('initials', 'text', (c) => c.notNull())
    .addColumn('search_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('retired_at', 'text')
    .execute();
  await db.schema.createIndex('regions_parent').on('regions').columns(['parent_id', 'code']).execute();
  await db.schema.createIndex('regions_level_path').on('regions').columns(['level', 'path']).execute();

  await db.schema
    .createTable('users')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('region_id', id, (c) => c.references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('zh-CN'))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('last_login_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('users_region_path').on('users').columns(['region_path', 'username']).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', id, (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', id)
    .addColumn('actor_name', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text')
    .addColumn('entity_id', 'text')
    .addColumn('region_path', pathType)
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('details', 'text')
    .execute();
  await db.schema.createIndex('audit_actor').on('audit_log').columns(['actor_id', 'id']).execute();
  await db.schema.createIndex('audit_entity').on('audit_log').columns(['entity_type', 'entity_id']).execute();
  await db.schema.createIndex('audit_action').on('audit_log').columns(['action', 'id']).execute();

  // The audit log is append-only: the database itself refuses updates and deletes.
  if (pg) {
    await sql`create function audit_log_append_only() returns trigger language plpgsql as $$
      begin raise exception 'audit_log is append-only'; end $$`.execute(db);
    await sql`create trigger audit_log_no_update before update or delete on audit_log
      for each row execute function audit_log_append_only()`.execute(db);
  } else {
    await sql`create trigger audit_log_no_update before update on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
    await sql`create trigger audit_log_no_delete before delete on audit_log
      begin select raise(abort, 'audit_log is append-only'); end`.execute(db);
  }

  await db.schema
    .createTable('responsibilities')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('region_id', id, (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('person_name', 'text', (c) => c.notNull())
    .addColumn('post', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('user_id', id, (c) => c.references('users.id'))
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('responsibilities_region').on('responsibilities').columns(['region_id']).execute();
  await db.schema.createIndex('responsibilities_path').on('responsibilities').columns(['region_path']).execute();

  await db.schema
    .createTable('households')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('region_id', id, (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('room', 'text')
    .addColumn('head_person_id', id)
    .addColumn('phone', 'text')
    .addColumn('vacant', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('households_path').on('households').columns(['region_path']).execute();
  await db.schema.createIndex('households_region').on('households').columns(['region_id']).execute();

  await db.schema
    .createTable('persons')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('household_id', id, (c) => c.references('households.id'))
    .addColumn('region_id', id, (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sex', 'text')
    .addColumn('birth_date', 'text')
    .addColumn('id_type', 'text', (c) => c.notNull().defaultTo('resident_id'))
    .addColumn('id_number', 'text', (c) => c.unique())
    .addColumn('phone', 'text')
    .addColumn('relation', 'text')
    .addColumn('search_key', 'text', (c) => c.notNull())
    .addColumn('nationality', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('merged_into', id)
    .addColumn('away', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('returnee_from', 'text')
    .addColumn('arrival_date', 'text')
    .addColumn('transport', 'text')
    .addColumn('transport_no', 'text')
    .addColumn('note', 'text')
    // Search columns, each answering a prefix range on its own index: the simplified name, full
    // pinyin, pinyin initials, and the ID number and phone reversed (so a suffix becomes a prefix).
    .addColumn('name_key', pathType)
    .addColumn('pinyin', pathType)
    .addColumn('initials', pathType)
    .addColumn('id_rev', pathType)
    .addColumn('phone_rev', pathType)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('persons_path').on('persons').columns(['region_path']).execute();
  for (const column of ['name_key', 'pinyin', 'initials', 'id_rev', 'phone_rev']) {
    await db.schema.createIndex(`persons_${column}`).on('persons').column(column).execute();
  }
  // likely duplicates: the same name with the same birth date
  await db.schema.createIndex('persons_name_birth').on('persons').columns(['name_key', 'birth_date']).execute();

  await db.schema
    .createTable('person_tags')
    .addColumn('person_id', id, (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('person_tags_pk', ['person_id', 'tag'])
    .execute();
  await db.schema.createIndex('person_tags_tag_path').on('person_tags').columns(['tag', 'region_path']).execute();

  await db.schema
    .createTable('person_merges')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('kept_id', id, (c) => c.notNull().references('persons.id'))
    .addColumn('merged_id', id, (c) => c.notNull().references('persons.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('actor_id', id)
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('undone_at', 'text')
    .execute();
  await db.schema.createIndex('persons_household').on('persons').columns(['household_id']).execute();
  await db.schema.createIndex('persons_region').on('persons').columns(['region_id']).execute();

  await db.schema
    .createTable('settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The foundation migration cannot be undone; restore a backup instead.');
}
