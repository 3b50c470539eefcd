import type { Kysely } from 'kysely';
import { columnTypes } from './column-types';

/**
 * 在职党员到社区报到. party_reporting_links: one stable, unguessable slug per community (a
 * village-level region) for the poster's QR code. party_reports: one row per member (unique
 * member_id) in the community they reported to (region_path: the community's), with the post the
 * community gave them (and, for 卡口值守, the site and the duty assignment made through checkpoints)
 * and when they arrived (on_post_at, 已到岗). party_report_history: every report and move, so
 * reporting to another community keeps where they were.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { id, pathType } = columnTypes(db);

  await db.schema
    .createTable('party_reporting_links')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('region_id', id, (c) => c.notNull().unique().references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', id)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('party_reports')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('member_id', id, (c) => c.notNull().unique().references('party_members.id'))
    .addColumn('person_id', id, (c) => c.notNull().references('persons.id'))
    .addColumn('region_id', id, (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('post', 'text')
    .addColumn('post_note', 'text')
    .addColumn('site_id', id)
    .addColumn('shift_assignment_id', id)
    .addColumn('on_post_at', 'text')
    .addColumn('reported_at', 'text', (c) => c.notNull())
    .addColumn('created_by', id)
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('party_reports_path').on('party_reports').columns(['region_path', 'id']).execute();

  await db.schema
    .createTable('party_report_history')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('report_id', id, (c) => c.notNull().references('party_reports.id'))
    .addColumn('member_id', id, (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('region_id', id, (c) => c.notNull())
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('from_region_path', pathType)
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('actor_id', id)
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('party_report_history_report')
    .on('party_report_history')
    .columns(['report_id'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Reporting tables cannot be dropped by a migration; restore a backup instead.');
}
