import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { columnTypes } from './column-types';

/**
 * Isolation (居家/集中隔离医学观察) and the daily zero report (零报告).
 *
 * An episode is one person's isolation: at home, in a room of a centralised site (a hotel), or in
 * hospital, watched by one observer. Its follow-up slots (morning and evening temperature, by
 * default) are written out for the whole planned period when the episode starts, so "which slots
 * are overdue" is an index range on (status, due_to) and never a computation over episodes.
 * One person has at most one active episode: a partial unique index enforces it on both engines.
 *
 * Zero reports: one row per reporting unit (village, checkpoint, isolation site) and local day,
 * kept even when every figure is zero — a missing row is itself the warning.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { id, pathType, real } = columnTypes(db);

  await db.schema
    .createTable('isolation_sites')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region_id', id, (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('contact_name', 'text')
    .addColumn('contact_phone', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('isolation_sites_path').on('isolation_sites').columns(['region_path']).execute();

  await db.schema
    .createTable('isolation_rooms')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('site_id', id, (c) => c.notNull().references('isolation_sites.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('capacity', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('available'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('isolation_rooms_site_label', ['site_id', 'label'])
    .execute();

  await db.schema
    .createTable('isolation_episodes')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('person_id', id, (c) => c.notNull().references('persons.id'))
    .addColumn('household_id', id, (c) => c.references('households.id'))
    .addColumn('region_id', id, (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('site_id', id, (c) => c.references('isolation_sites.id'))
    .addColumn('room_id', id, (c) => c.references('isolation_rooms.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('reason_detail', 'text')
    .addColumn('source_type', 'text')
    .addColumn('source_id', 'text')
    .addColumn('start_day', 'text', (c) => c.notNull())
    .addColumn('planned_end_day', 'text', (c) => c.notNull())
    .addColumn('slots_per_day', 'integer', (c) => c.notNull())
    .addColumn('observer_id', id, (c) => c.references('users.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('ended_at', 'text')
    .addColumn('end_reason', 'text')
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('certificate_serial', 'text', (c) => c.unique())
    .addColumn('certificate_code', 'text', (c) => c.unique())
    .addColumn('certificate_issued_at', 'text')
    .addColumn('created_by', id)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('isolation_episodes_one_active')
    .on('isolation_episodes')
    .column('person_id')
    .unique()
    .where(sql.ref('status'), '=', 'active')
    .execute();
  await db.schema
    .createIndex('isolation_episodes_person')
    .on('isolation_episodes')
    .columns(['person_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('isolation_episodes_path')
    .on('isolation_episodes')
    .columns(['region_path', 'status'])
    .execute();
  await db.schema
    .createIndex('isolation_episodes_observer')
    .on('isolation_episodes')
    .columns(['observer_id', 'status'])
    .execute();
  await db.schema
    .createIndex('isolation_episodes_room')
    .on('isolation_episodes')
    .columns(['room_id', 'status'])
    .execute();
  await db.schema
    .createIndex('isolation_episodes_site')
    .on('isolation_episodes')
    .columns(['site_id', 'status'])
    .execute();
  await db.schema
    .createIndex('isolation_episodes_household')
    .on('isolation_episodes')
    .columns(['household_id', 'status'])
    .execute();

  await db.schema
    .createTable('follow_up_slots')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('episode_id', id, (c) => c.notNull().references('isolation_episodes.id'))
    .addColumn('person_id', id, (c) => c.notNull())
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('observer_id', id)
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('due_from', 'text', (c) => c.notNull())
    .addColumn('due_to', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('temperature', real)
    .addColumn('symptoms', 'text')
    .addColumn('condition', 'text')
    .addColumn('note', 'text')
    .addColumn('via', 'text')
    .addColumn('filled_by', id)
    .addColumn('filled_at', 'text')
    .addColumn('missed_at', 'text')
    // 1 while the episode is active; set to 0 when it ends, so the missed list never wades
    // through the misses of observations long over.
    .addColumn('episode_open', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('follow_up_slots_episode_day_seq', ['episode_id', 'day', 'seq'])
    .execute();
  // Pending slots of open episodes by due time: the sweeper's "what is now past its grace".
  await db.schema
    .createIndex('follow_up_slots_open_pending')
    .on('follow_up_slots')
    .column('due_to')
    .where(sql<boolean>`status = 'pending' and episode_open = 1`)
    .execute();
  // The missed slots of active episodes by place: what the missed list and its counts read.
  await db.schema
    .createIndex('follow_up_slots_open_missed')
    .on('follow_up_slots')
    .columns(['region_path', 'observer_id', 'due_to'])
    .where(sql<boolean>`status = 'missed' and episode_open = 1`)
    .execute();
  await db.schema
    .createIndex('follow_up_slots_observer_day')
    .on('follow_up_slots')
    .columns(['observer_id', 'day'])
    .execute();
  await db.schema
    .createIndex('follow_up_slots_path_day')
    .on('follow_up_slots')
    .columns(['region_path', 'day'])
    .execute();

  await db.schema
    .createTable('necessity_requests')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('episode_id', id, (c) => c.notNull().references('isolation_episodes.id'))
    .addColumn('person_id', id, (c) => c.notNull())
    .addColumn('household_id', id)
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('via', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('assignee_name', 'text')
    .addColumn('assignee_user_id', id)
    .addColumn('assigned_at', 'text')
    .addColumn('fulfilled_at', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by', id)
    .execute();
  await db.schema
    .createIndex('necessity_requests_path')
    .on('necessity_requests')
    .columns(['region_path', 'status'])
    .execute();
  await db.schema.createIndex('necessity_requests_episode').on('necessity_requests').columns(['episode_id']).execute();

  await db.schema
    .createTable('zero_reports')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('unit_type', 'text', (c) => c.notNull())
    .addColumn('unit_id', id, (c) => c.notNull())
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('computed', 'text', (c) => c.notNull())
    .addColumn('corrections', 'text')
    .addColumn('remarks', 'text')
    .addColumn('on_time', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('submitted_by', id)
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('zero_reports_unit_day', ['unit_type', 'unit_id', 'day'])
    .execute();
  await db.schema.createIndex('zero_reports_path_day').on('zero_reports').columns(['region_path', 'day']).execute();
  await db.schema.createIndex('zero_reports_day').on('zero_reports').columns(['day', 'region_path']).execute();

  // Escalations and follow-up alerts are looked up by their source to be raised once only.
  await db.schema.createIndex('alerts_source').on('alerts').columns(['source_type', 'source_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Isolation tables cannot be dropped by a migration; restore a backup instead.');
}
