import type { Kysely } from 'kysely';
import { columnTypes } from './column-types';

/**
 * Temporary party branches (临时党支部, issue 16) and compounds (小区).
 *
 * A compound is a profile on a region node (usually the grid drawn round it, or a community): its
 * households and residents are those under that node's path, so nothing is copied. One compound per
 * node. property_management is 1 when the compound has property management (物业管理), else 0.
 *
 * A temporary branch stands at a post — a checkpoint site, an isolation site, a compound, a ward or
 * a working group — with its region's path for jurisdiction; members are registry persons (party
 * members from any branch, who keep their home branch); leaving keeps the row (left_at).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { id, pathType } = columnTypes(db);
  await db.schema
    .createTable('compounds')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('region_id', id, (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('property_management', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('property_company', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', id)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('compounds_region').on('compounds').column('region_id').unique().execute();
  await db.schema.createIndex('compounds_path').on('compounds').columns(['region_path', 'id']).execute();

  await db.schema
    .createTable('temp_branches')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('post_kind', 'text', (c) => c.notNull())
    .addColumn('checkpoint_site_id', id, (c) => c.references('checkpoint_sites.id'))
    .addColumn('isolation_site_id', id, (c) => c.references('isolation_sites.id'))
    .addColumn('compound_id', id, (c) => c.references('compounds.id'))
    .addColumn('post_name', 'text')
    .addColumn('region_id', id, (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('founded_on', 'text', (c) => c.notNull())
    .addColumn('secretary_person_id', id, (c) => c.references('persons.id'))
    .addColumn('note', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', id)
    .addColumn('close_reason', 'text')
    .addColumn('created_by', id)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('temp_branches_path').on('temp_branches').columns(['region_path', 'id']).execute();
  await db.schema.createIndex('temp_branches_site').on('temp_branches').column('checkpoint_site_id').execute();
  await db.schema.createIndex('temp_branches_compound').on('temp_branches').column('compound_id').execute();

  await db.schema
    .createTable('temp_branch_members')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('branch_id', id, (c) => c.notNull().references('temp_branches.id'))
    .addColumn('person_id', id, (c) => c.notNull().references('persons.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addColumn('left_at', 'text')
    .execute();
  await db.schema
    .createIndex('temp_branch_members_branch')
    .on('temp_branch_members')
    .columns(['branch_id', 'person_id'])
    .execute();
}
