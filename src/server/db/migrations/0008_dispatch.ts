import type { Kysely } from 'kysely';
import { columnTypes } from './column-types';

/**
 * Dispatch sheets (一日两调度). A dispatch is the morning or evening sheet the command centre or a
 * township draws for its own jurisdiction (region_path; region_id is null for a global admin): what
 * changed since its previous sheet. dispatch_items are its lines — a new case, a new fever, an
 * overdue follow-up, a unit that has not reported, a roster gap, an open seek notice — each with the
 * place of the thing (region_path), who it is assigned to, by when, and whether it is done.
 * One sheet per jurisdiction, day and slot: drawing again returns the same sheet.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { id, pathType } = columnTypes(db);

  await db.schema
    .createTable('dispatches')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('region_id', id, (c) => c.references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('slot', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('since', 'text', (c) => c.notNull())
    .addColumn('drawn_at', 'text', (c) => c.notNull())
    .addColumn('drawn_by', id)
    .addColumn('drawn_by_name', 'text')
    .addColumn('note', 'text')
    // region_path, not region_id: a global admin's sheet has no region, and NULLs never collide
    .addUniqueConstraint('dispatches_region_day_slot', ['region_path', 'day', 'slot'])
    .execute();
  await db.schema.createIndex('dispatches_path').on('dispatches').columns(['region_path', 'drawn_at']).execute();

  await db.schema
    .createTable('dispatch_items')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('dispatch_id', id, (c) => c.notNull().references('dispatches.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('assignee_user_id', id)
    .addColumn('assignee_name', 'text')
    .addColumn('due_at', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text')
    .addColumn('done_by', id)
    .addColumn('done_note', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('dispatch_items_dispatch')
    .on('dispatch_items')
    .columns(['dispatch_id', 'kind'])
    .execute();
  await db.schema.createIndex('dispatch_items_path').on('dispatch_items').columns(['region_path', 'status']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Dispatch tables cannot be dropped by a migration; restore a backup instead.');
}
