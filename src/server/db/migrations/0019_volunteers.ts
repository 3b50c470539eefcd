import type { Kysely } from 'kysely';
import { columnTypes } from './column-types';

/**
 * Volunteers (志愿者, issue 16): a registry person who signed up (on the public page or through a
 * cadre) to serve in a village or community — its region is their jurisdiction — with skills,
 * weekly availability and a health declaration; and groups of 3–5 volunteers under a leader.
 * One person is one volunteer (unique person_id). A group is 'forming' (0–5 members) until it is
 * activated with 3–5. `volunteer_availability` holds the weekly time ranges one row each, so "who is
 * free on Tuesday at 19:00" is an indexed query on both engines; `volunteer_signup_links` gives a
 * village or community its one stable, unguessable public sign-up link.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { id, pathType } = columnTypes(db);
  await db.schema
    .createTable('volunteers')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('person_id', id, (c) => c.notNull().references('persons.id'))
    .addColumn('region_id', id, (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('skills', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('availability', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('health_declaration', 'text')
    .addColumn('health_declared_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('approved_by', id)
    .addColumn('approved_at', 'text')
    .addColumn('created_by', id)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('volunteers_person').on('volunteers').column('person_id').unique().execute();
  await db.schema.createIndex('volunteers_path').on('volunteers').columns(['region_path', 'id']).execute();

  await db.schema
    .createTable('volunteer_groups')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('region_id', id, (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('leader_person_id', id, (c) => c.references('persons.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('forming'))
    .addColumn('note', 'text')
    .addColumn('disbanded_at', 'text')
    .addColumn('created_by', id)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('volunteer_groups_path').on('volunteer_groups').columns(['region_path', 'id']).execute();

  await db.schema
    .createTable('volunteer_group_members')
    .addColumn('group_id', id, (c) => c.notNull().references('volunteer_groups.id'))
    .addColumn('person_id', id, (c) => c.notNull().references('persons.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('joined_at', 'text', (c) => c.notNull())
    .addColumn('left_at', 'text')
    .addPrimaryKeyConstraint('volunteer_group_members_pk', ['group_id', 'person_id'])
    .execute();
  await db.schema
    .createIndex('volunteer_group_members_person')
    .on('volunteer_group_members')
    .column('person_id')
    .execute();

  await db.schema
    .createTable('volunteer_availability')
    .addColumn('volunteer_id', id, (c) => c.notNull().references('volunteers.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('from_time', 'text', (c) => c.notNull())
    .addColumn('to_time', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('volunteer_availability_volunteer')
    .on('volunteer_availability')
    .column('volunteer_id')
    .execute();
  await db.schema
    .createIndex('volunteer_availability_slot')
    .on('volunteer_availability')
    .columns(['weekday', 'from_time', 'volunteer_id'])
    .execute();

  await db.schema
    .createTable('volunteer_signup_links')
    .addColumn('region_id', id, (c) => c.primaryKey().references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('token', 'text', (c) => c.notNull())
    .addColumn('created_by', id)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('volunteer_signup_links_token')
    .on('volunteer_signup_links')
    .column('token')
    .unique()
    .execute();
}
