import type { Kysely } from 'kysely';
import { columnTypes } from './column-types';

/**
 * A volunteer's personal link (issue 16): opens a no-login phone page where they check themselves
 * in and out of their tasks. Only the SHA-256 of the token is kept; the link expires, and a cadre
 * can revoke it (issuing a new one revokes the old).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { id, pathType } = columnTypes(db);
  await db.schema
    .createTable('volunteer_self_links')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('volunteer_id', id, (c) => c.notNull())
    .addColumn('person_id', id, (c) => c.notNull())
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('created_by', id)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('volunteer_self_links_volunteer')
    .on('volunteer_self_links')
    .column('volunteer_id')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('volunteer_self_links').execute();
}
