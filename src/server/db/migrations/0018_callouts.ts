import type { Kysely } from 'kysely';
import { columnTypes } from './column-types';

/**
 * Commando teams (党员突击队) and their members, the first part of mobilisation (issue 16): a team
 * is based in a region (its jurisdiction); a member is a registry person, linked by id, at most once
 * per team.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { id, pathType } = columnTypes(db);
  await db.schema
    .createTable('callout_teams')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('region_id', id, (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('skills', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_by', id)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('callout_teams_path').on('callout_teams').columns(['region_path', 'id']).execute();

  await db.schema
    .createTable('callout_team_members')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('team_id', id, (c) => c.notNull().references('callout_teams.id'))
    .addColumn('person_id', id, (c) => c.notNull().references('persons.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('skills', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('callout_team_members_one')
    .on('callout_team_members')
    .columns(['team_id', 'person_id'])
    .unique()
    .execute();
  await db.schema.createIndex('callout_team_members_person').on('callout_team_members').column('person_id').execute();
  await upCallouts(db);
}

/**
 * Call-outs (集结令): one order per person, every answer kept, the persons' links stored as hashes
 * only, and an SMS outbox a gateway drains.
 */
async function upCallouts(db: Kysely<any>): Promise<void> {
  const { id, pathType } = columnTypes(db);
  await db.schema
    .createTable('callouts')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('region_id', id, (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('team_id', id, (c) => c.references('callout_teams.id'))
    .addColumn('meeting_point', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('ordered_by', id, (c) => c.notNull())
    .addColumn('ordered_by_name', 'text', (c) => c.notNull())
    .addColumn('ordered_at', 'text', (c) => c.notNull())
    .addColumn('deadline_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema.createIndex('callouts_path').on('callouts').columns(['region_path', 'id']).execute();
  await db.schema.createIndex('callouts_active').on('callouts').columns(['status', 'expires_at']).execute();

  await db.schema
    .createTable('callout_orders')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('callout_id', id, (c) => c.notNull().references('callouts.id'))
    .addColumn('person_id', id, (c) => c.notNull().references('persons.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('eta_minutes', 'integer')
    .addColumn('reason', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('first_ack_at', 'text')
    .addColumn('arrived_at', 'text')
    .addColumn('changes', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('callout_orders_one')
    .on('callout_orders')
    .columns(['callout_id', 'person_id'])
    .unique()
    .execute();
  await db.schema.createIndex('callout_orders_person').on('callout_orders').column('person_id').execute();

  await db.schema
    .createTable('callout_answers')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('order_id', id, (c) => c.notNull().references('callout_orders.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('answer', 'text', (c) => c.notNull())
    .addColumn('eta_minutes', 'integer')
    .addColumn('reason', 'text')
    .addColumn('by', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('callout_answers_order').on('callout_answers').columns(['order_id', 'at']).execute();

  await db.schema
    .createTable('callout_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('order_id', id, (c) => c.notNull().references('callout_orders.id'))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('callout_outbox')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('callout_id', id, (c) => c.notNull().references('callouts.id'))
    .addColumn('order_id', id, (c) => c.notNull().references('callout_orders.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('callout_outbox_pending').on('callout_outbox').columns(['status', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['callout_outbox', 'callout_links', 'callout_answers', 'callout_orders', 'callouts'])
    await db.schema.dropTable(table).execute();
  await db.schema.dropTable('callout_team_members').execute();
  await db.schema.dropTable('callout_teams').execute();
}
