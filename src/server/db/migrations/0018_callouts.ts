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
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('callout_team_members').execute();
  await db.schema.dropTable('callout_teams').execute();
}
