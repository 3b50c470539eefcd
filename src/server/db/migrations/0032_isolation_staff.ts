import type { Kysely } from 'kysely';
import { columnTypes } from './column-types';

/**
 * The staff roster of centralised isolation sites (issue 16, rule (a) of temporary branches): a
 * registry person at a site in a role (medical, security, logistics, observer, other) from a local
 * day to a local day (to_day null: open-ended). region_path is the site's copy, for jurisdiction.
 * Ending a period sets to_day; rows are never deleted.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { id, pathType } = columnTypes(db);
  await db.schema
    .createTable('isolation_site_staff')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('site_id', id, (c) => c.notNull().references('isolation_sites.id'))
    .addColumn('person_id', id, (c) => c.notNull().references('persons.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('from_day', 'text', (c) => c.notNull())
    .addColumn('to_day', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', id)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('isolation_site_staff_site')
    .on('isolation_site_staff')
    .columns(['site_id', 'from_day'])
    .execute();
  await db.schema
    .createIndex('isolation_site_staff_path')
    .on('isolation_site_staff')
    .columns(['region_path', 'to_day'])
    .execute();
  await db.schema.createIndex('isolation_site_staff_person').on('isolation_site_staff').column('person_id').execute();
}
