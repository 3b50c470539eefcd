import type { Kysely } from 'kysely';
import { columnTypes } from './column-types';

/**
 * Notices and gatherings. A notice (通知 / 通告) is addressed to a region subtree — its region_path
 * is both who may manage it and whom it reaches — and, when internal, to a set of roles (JSON; an
 * empty list is everyone); notice_reads are its read receipts, one per addressee. A public
 * announcement has a slug for its no-login page. A gathering (红白喜事, banquet, market) belongs to
 * the village or grid where it takes place; gathering_visits are the persuasion visits (劝导) to
 * its host.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { id, pathType } = columnTypes(db);

  await db.schema
    .createTable('notices')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('urgency', 'text', (c) => c.notNull())
    .addColumn('region_id', id, (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('audience_roles', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.unique())
    .addColumn('created_by', id)
    .addColumn('author_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('withdrawn_at', 'text')
    .execute();
  await db.schema.createIndex('notices_path').on('notices').columns(['region_path', 'state']).execute();
  await db.schema.createIndex('notices_published').on('notices').columns(['kind', 'state', 'published_at']).execute();

  await db.schema
    .createTable('notice_reads')
    .addColumn('notice_id', id, (c) => c.notNull().references('notices.id'))
    .addColumn('user_id', id, (c) => c.notNull().references('users.id'))
    .addColumn('read_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notice_reads_pk', ['notice_id', 'user_id'])
    .execute();
  await db.schema.createIndex('notice_reads_user').on('notice_reads').columns(['user_id']).execute();

  await db.schema
    .createTable('gatherings')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('region_id', id, (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('occasion', 'text', (c) => c.notNull())
    .addColumn('host_name', 'text', (c) => c.notNull())
    .addColumn('host_phone', 'text')
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('place', 'text')
    .addColumn('expected_guests', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('new_date', 'text')
    .addColumn('actual_guests', 'integer')
    .addColumn('outcome_note', 'text')
    .addColumn('outcome_at', 'text')
    .addColumn('outcome_by', id)
    .addColumn('note', 'text')
    .addColumn('created_by', id)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('gatherings_path').on('gatherings').columns(['region_path', 'date']).execute();
  await db.schema.createIndex('gatherings_date').on('gatherings').columns(['date']).execute();

  await db.schema
    .createTable('gathering_visits')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('gathering_id', id, (c) => c.notNull().references('gatherings.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('visited_at', 'text', (c) => c.notNull())
    .addColumn('visitor_id', id)
    .addColumn('visitor_name', 'text')
    .addColumn('present', 'text')
    .addColumn('result', 'text', (c) => c.notNull())
    .addColumn('agreed', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('gathering_visits_gathering')
    .on('gathering_visits')
    .columns(['gathering_id', 'visited_at'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Notice and gathering tables cannot be dropped by a migration; restore a backup instead.');
}
