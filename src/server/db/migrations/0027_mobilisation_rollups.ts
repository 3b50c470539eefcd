import type { Kysely } from 'kysely';

/**
 * Mobilisation figures in the roll-ups (issue 16), so the big screen and the daily report draw
 * party members, call-outs, temporary branches and volunteers from data like every other figure.
 * One statement per column, as migrations-frozen.test.ts reads them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('rollups')
    .addColumn('partyMembersOnDuty', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('rollups')
    .addColumn('callouts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('rollups')
    .addColumn('calloutsOnTime', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('rollups')
    .addColumn('pledges', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('rollups')
    .addColumn('volunteerTasksDone', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('rollups')
    .addColumn('volunteerHours', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('rollups')
    .addColumn('partyMembers', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('rollups')
    .addColumn('membersReported', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('rollups')
    .addColumn('tempBranches', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('rollups')
    .addColumn('tempBranchesFlagged', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('rollups')
    .addColumn('commandoTeams', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('rollups')
    .addColumn('volunteersActive', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('rollups')
    .addColumn('volunteerGroups', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}
