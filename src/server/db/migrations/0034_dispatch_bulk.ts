import type { Kysely } from 'kysely';

/**
 * Issue 18, the command centre in a meeting: a dispatch line can carry the units it stands for — one
 * line per township for the units owing their zero report, with the list of units kept beside it
 * (JSON text). Older sheets keep one line per unit and no list.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('dispatch_items').addColumn('units', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('dispatch_items').dropColumn('units').execute();
}
