import type { Kysely } from 'kysely';
import { columnTypes } from './column-types';

/**
 * The registry's background imports, and door-to-door screening (入户摸排): rounds over regions, a visit per household call with a check
 * per person, a per-round household status kept current on every visit (the coverage view reads
 * it instead of scanning visits), and alerts the command centre sees at once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { id, pathType, real, binary } = columnTypes(db);

  await db.schema
    .createTable('screening_rounds')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('created_by', id)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();

  await db.schema
    .createTable('screening_round_regions')
    .addColumn('round_id', id, (c) => c.notNull().references('screening_rounds.id').onDelete('cascade'))
    .addColumn('region_id', id, (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addPrimaryKeyConstraint('screening_round_regions_pk', ['round_id', 'region_id'])
    .execute();

  await db.schema
    .createTable('screening_visits')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('round_id', id, (c) => c.notNull().references('screening_rounds.id'))
    .addColumn('household_id', id, (c) => c.notNull().references('households.id'))
    .addColumn('region_id', id, (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('visited_at', 'text', (c) => c.notNull())
    .addColumn('worker_id', id, (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('screening_visits_household')
    .on('screening_visits')
    .columns(['household_id', 'visited_at'])
    .execute();
  await db.schema
    .createIndex('screening_visits_round_worker')
    .on('screening_visits')
    .columns(['round_id', 'worker_id'])
    .execute();
  await db.schema.createIndex('screening_visits_path').on('screening_visits').columns(['region_path']).execute();

  await db.schema
    .createTable('screening_checks')
    .addColumn('visit_id', id, (c) => c.notNull().references('screening_visits.id').onDelete('cascade'))
    .addColumn('person_id', id, (c) => c.notNull().references('persons.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('present', 'integer', (c) => c.notNull())
    .addColumn('temperature', real)
    .addColumn('symptoms', 'text')
    .addColumn('hubei_travel', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('contact_history', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('travel_note', 'text')
    .addPrimaryKeyConstraint('screening_checks_pk', ['visit_id', 'person_id'])
    .execute();
  await db.schema.createIndex('screening_checks_person').on('screening_checks').columns(['person_id']).execute();

  await db.schema
    .createTable('screening_household_status')
    .addColumn('round_id', id, (c) => c.notNull().references('screening_rounds.id').onDelete('cascade'))
    .addColumn('household_id', id, (c) => c.notNull().references('households.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('visits', 'integer', (c) => c.notNull())
    .addColumn('last_visit_at', 'text', (c) => c.notNull())
    .addColumn('worker_id', id, (c) => c.notNull())
    .addPrimaryKeyConstraint('screening_household_status_pk', ['round_id', 'household_id'])
    .execute();
  await db.schema
    .createIndex('screening_status_round_path')
    .on('screening_household_status')
    .columns(['round_id', 'region_path'])
    .execute();

  await db.schema
    .createTable('alerts')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('person_id', id, (c) => c.references('persons.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('acknowledged_at', 'text')
    .addColumn('acknowledged_by', id)
    .execute();
  await db.schema.createIndex('alerts_path').on('alerts').columns(['region_path', 'id']).execute();

  // Roster imports started from the web run in the background; their progress and error report
  // live here so any server process can answer "how far along is it?" and serve the report.
  await db.schema
    .createTable('import_jobs')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('actor_id', id, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rows', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('invalid', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('warnings', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('message', 'text')
    .addColumn('report', binary)
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Screening tables cannot be dropped by a migration; restore a backup instead.');
}
