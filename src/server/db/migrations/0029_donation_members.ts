import type { Kysely } from 'kysely';
import { columnTypes } from './column-types';

/**
 * A party member's donation (issue 17): linked to the member on the party roll and to the branch
 * (党支部) they belonged to when they gave, so donations can be listed by branch and the
 * organisation department's figures can count them. One statement per column, as
 * migrations-frozen.test.ts reads them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { id } = columnTypes(db);
  await db.schema
    .alterTable('donations')
    .addColumn('party_member_id', id, (c) => c.references('party_members.id'))
    .execute();
  await db.schema
    .alterTable('donations')
    .addColumn('party_org_id', id, (c) => c.references('party_organisations.id'))
    .execute();
  await db.schema.createIndex('donations_party_org').on('donations').columns(['party_org_id', 'id']).execute();
  await db.schema.createIndex('donations_party_member').on('donations').column('party_member_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('donations_party_member').execute();
  await db.schema.dropIndex('donations_party_org').execute();
  await db.schema.alterTable('donations').dropColumn('party_org_id').execute();
  await db.schema.alterTable('donations').dropColumn('party_member_id').execute();
}
