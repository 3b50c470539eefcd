import type { Kysely } from 'kysely';
import { columnTypes } from './column-types';

/**
 * 请战书. pledge_units: a unit that collects pledges (a county bureau, the hospital, a school, a
 * village), in a region's jurisdiction, with its standard text (which it may edit) and a stable,
 * unguessable slug for its public signing link. pledges: one signed pledge — a registry person, the
 * text as signed, the date, a drawn signature (a checked PNG, kept as bytes), a serial unique in the
 * county — and what it was turned into (a 报到 post or a checkpoint shift), by whom and when.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { id, pathType, binary } = columnTypes(db);

  await db.schema
    .createTable('pledge_units')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region_id', id, (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('created_by', id)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('pledge_units_path').on('pledge_units').columns(['region_path']).execute();

  await db.schema
    .createTable('pledges')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('serial', 'text', (c) => c.notNull().unique())
    .addColumn('unit_id', id, (c) => c.notNull().references('pledge_units.id'))
    .addColumn('person_id', id, (c) => c.notNull().references('persons.id'))
    .addColumn('region_id', id, (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('signed_on', 'text', (c) => c.notNull())
    .addColumn('signed_at', 'text', (c) => c.notNull())
    .addColumn('signature', binary, (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_by', id)
    .addColumn('assignment_kind', 'text')
    .addColumn('assignment_ref', id)
    .addColumn('assignment_note', 'text')
    .addColumn('assigned_at', 'text')
    .addColumn('assigned_by', id)
    .execute();
  await db.schema.createIndex('pledges_path').on('pledges').columns(['region_path', 'id']).execute();
  await db.schema.createIndex('pledges_unit').on('pledges').columns(['unit_id', 'id']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Pledge tables cannot be dropped by a migration; restore a backup instead.');
}
