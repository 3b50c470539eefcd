import type { Kysely } from 'kysely';
import { columnTypes } from './column-types';

/**
 * Cases, contacts and seek notices (寻人通告). A case belongs to one person (at most one case each);
 * every change to it is kept in case_history. Contacts are the tracer's decisions on candidates
 * (accepted or rejected), so a rejected candidate is not proposed as new again. A seek notice has
 * a public page (by its slug) where people report "I was there"; those reports and the people the
 * data already found are kept apart until a tracer confirms them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { id, pathType } = columnTypes(db);

  await db.schema
    .createTable('cases')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('person_id', id, (c) => c.notNull().unique().references('persons.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('classification', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('onset_date', 'text')
    .addColumn('report_date', 'text', (c) => c.notNull())
    .addColumn('treated_at', 'text')
    .addColumn('note', 'text')
    .addColumn('source_case_id', id)
    .addColumn('generation', 'integer', (c) => c.notNull())
    .addColumn('created_by', id)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('cases_path').on('cases').columns(['region_path', 'report_date']).execute();
  await db.schema.createIndex('cases_source').on('cases').columns(['source_case_id']).execute();

  await db.schema
    .createTable('case_history')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('case_id', id, (c) => c.notNull().references('cases.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', id)
    .addColumn('actor_name', 'text')
    .addColumn('changes', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_history_case').on('case_history').columns(['case_id', 'at']).execute();

  await db.schema
    .createTable('contacts')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('case_id', id, (c) => c.notNull().references('cases.id'))
    .addColumn('person_id', id, (c) => c.notNull().references('persons.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('exposure_type', 'text', (c) => c.notNull())
    .addColumn('exposure_date', 'text')
    .addColumn('closeness', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('source_type', 'text')
    .addColumn('source_id', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', id)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('contacts_case_person', ['case_id', 'person_id'])
    .execute();
  await db.schema.createIndex('contacts_person').on('contacts').columns(['person_id']).execute();

  await db.schema
    .createTable('seek_notices')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('hotline', 'text', (c) => c.notNull())
    .addColumn('region_id', id, (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('plate', 'text')
    .addColumn('site_id', id)
    .addColumn('place', 'text')
    .addColumn('window_from', 'text', (c) => c.notNull())
    .addColumn('window_to', 'text', (c) => c.notNull())
    .addColumn('expected', 'integer')
    .addColumn('case_id', id)
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', id)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('seek_notices_path').on('seek_notices').columns(['region_path', 'status']).execute();

  await db.schema
    .createTable('seek_found')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('notice_id', id, (c) => c.notNull().references('seek_notices.id'))
    .addColumn('person_id', id, (c) => c.notNull().references('persons.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('confirmed', 'integer', (c) => c.notNull())
    .addColumn('confirmed_by', id)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('seek_found_notice_person', ['notice_id', 'person_id'])
    .execute();

  await db.schema
    .createTable('seek_reports')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('notice_id', id, (c) => c.notNull().references('seek_notices.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text', (c) => c.notNull())
    .addColumn('id_number', 'text')
    .addColumn('where_now', 'text', (c) => c.notNull())
    .addColumn('seat', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('match_person_id', id)
    .addColumn('match_by', 'text')
    .addColumn('client_hash', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('seek_reports_notice_phone', ['notice_id', 'phone'])
    .execute();
  await db.schema.createIndex('seek_reports_notice').on('seek_reports').columns(['notice_id', 'status']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Tracing tables cannot be dropped by a migration; restore a backup instead.');
}
