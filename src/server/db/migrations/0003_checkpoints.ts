import type { Kysely } from 'kysely';
import { columnTypes } from './column-types';

/**
 * Checkpoints (卡口): sites, duty shifts and who is on them, and passages — one vehicle (or a
 * pedestrian) with every occupant. Passage ids are made by the client, so a retried send is one row.
 * Indexes serve the questions asked of passages: one plate in a time window (tracing), one site's
 * day, and a person's journeys.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { id, pathType, real } = columnTypes(db);

  await db.schema
    .createTable('checkpoint_sites')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('region_id', id, (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('responsible_unit', 'text')
    .addColumn('lead_name', 'text')
    .addColumn('lead_phone', 'text')
    .addColumn('hours', 'text', (c) => c.notNull().defaultTo('24h'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('checkpoint_sites_path').on('checkpoint_sites').columns(['region_path']).execute();

  await db.schema
    .createTable('duty_shifts')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('site_id', id, (c) => c.notNull().references('checkpoint_sites.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('duty_shifts_site_time').on('duty_shifts').columns(['site_id', 'starts_at']).execute();
  await db.schema
    .createIndex('duty_shifts_path_time')
    .on('duty_shifts')
    .columns(['region_path', 'starts_at'])
    .execute();

  await db.schema
    .createTable('duty_assignments')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('shift_id', id, (c) => c.notNull().references('duty_shifts.id').onDelete('cascade'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('user_id', id, (c) => c.references('users.id'))
    .addColumn('person_id', id, (c) => c.references('persons.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('checked_in_at', 'text')
    .addColumn('checked_out_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('duty_assignments_shift').on('duty_assignments').columns(['shift_id']).execute();

  await db.schema
    .createTable('passages')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('site_id', id, (c) => c.notNull().references('checkpoint_sites.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('plate', 'text')
    .addColumn('vehicle_type', 'text', (c) => c.notNull())
    .addColumn('origin', 'text')
    .addColumn('destination', 'text')
    .addColumn('purpose', 'text')
    .addColumn('disinfected', 'integer', (c) => c.notNull())
    .addColumn('leaflet', 'integer', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('occupant_count', 'integer', (c) => c.notNull())
    .addColumn('fever_count', 'integer', (c) => c.notNull())
    .addColumn('recorder_id', id)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('passages_plate_at').on('passages').columns(['plate', 'at']).execute();
  await db.schema.createIndex('passages_site_at').on('passages').columns(['site_id', 'at']).execute();
  await db.schema.createIndex('passages_path_at').on('passages').columns(['region_path', 'at']).execute();

  await db.schema
    .createTable('passage_occupants')
    .addColumn('passage_id', id, (c) => c.notNull().references('passages.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('person_id', id, (c) => c.references('persons.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('id_number', 'text')
    .addColumn('phone', 'text')
    .addColumn('temperature', real, (c) => c.notNull())
    .addColumn('symptoms', 'text')
    .addColumn('fever', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('passage_occupants_pk', ['passage_id', 'seq'])
    .execute();
  await db.schema.createIndex('passage_occupants_person').on('passage_occupants').columns(['person_id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Checkpoint tables cannot be dropped by a migration; restore a backup instead.');
}
