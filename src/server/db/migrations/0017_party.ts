import type { Kysely } from 'kysely';
import { columnTypes } from './column-types';

/**
 * Party organisations and members. party_organisations is a tree of its own (parent_id: 党委 →
 * 党总支 → 党支部), each row in a region's jurisdiction; code is the organisation's own code,
 * unique when given. party_members links a registry person (one per person: unique person_id)
 * to the organisation holding their organisational relationship, with a copy of its region path.
 * party_import_jobs are the spreadsheet imports of both, run in the background (as import_jobs are
 * for the resident roster), with their error reports.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { id, pathType, binary } = columnTypes(db);

  await db.schema
    .createTable('party_organisations')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('parent_id', id, (c) => c.references('party_organisations.id'))
    .addColumn('code', 'text', (c) => c.unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_key', pathType, (c) => c.notNull())
    .addColumn('pinyin', pathType, (c) => c.notNull())
    .addColumn('initials', pathType, (c) => c.notNull())
    .addColumn('unit_name', 'text', (c) => c.notNull())
    .addColumn('unit_type', 'text', (c) => c.notNull())
    .addColumn('region_id', id, (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('secretary_person_id', id, (c) => c.references('persons.id'))
    .addColumn('phone', 'text')
    .addColumn('created_by', id)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('party_organisations_path').on('party_organisations').columns(['region_path']).execute();
  await db.schema.createIndex('party_organisations_parent').on('party_organisations').columns(['parent_id']).execute();
  await db.schema.createIndex('party_organisations_name').on('party_organisations').columns(['name']).execute();

  await db.schema
    .createTable('party_members')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('person_id', id, (c) => c.notNull().unique().references('persons.id'))
    .addColumn('organisation_id', id, (c) => c.notNull().references('party_organisations.id'))
    .addColumn('region_id', id, (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('post', 'text')
    .addColumn('joined_on', 'text')
    .addColumn('removed_at', 'text')
    .addColumn('created_by', id)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('party_members_path').on('party_members').columns(['region_path', 'id']).execute();
  await db.schema
    .createIndex('party_members_organisation')
    .on('party_members')
    .columns(['organisation_id', 'removed_at'])
    .execute();

  await db.schema
    .createTable('party_import_jobs')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('actor_id', id, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull())
    .addColumn('created', 'integer', (c) => c.notNull())
    .addColumn('updated', 'integer', (c) => c.notNull())
    .addColumn('unchanged', 'integer', (c) => c.notNull())
    .addColumn('invalid', 'integer', (c) => c.notNull())
    .addColumn('message', 'text')
    .addColumn('error', 'text')
    .addColumn('report', binary)
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Party tables cannot be dropped by a migration; restore a backup instead.');
}
