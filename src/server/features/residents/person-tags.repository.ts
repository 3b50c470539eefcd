import type { Insertable } from 'kysely';
import { type BulkTarget, insertMany } from '../../db/bulk-writes';
import type { Db } from '../../db/database';
import type { PersonTagTable } from './persons.table';

/**
 * Tag many persons at once, keeping the tags they already have (a person carries a tag once): the
 * fever and key-person tags of a batch of checkpoint passages, the demo's first registrations.
 * Written through the one bulk writer inside the caller's transaction; each row carries the
 * person's own region path, as every tag does.
 */
export async function addPersonTags(to: Db | BulkTarget, rows: readonly Insertable<PersonTagTable>[]): Promise<void> {
  await insertMany(to, 'person_tags', rows, { ignoreConflictOn: ['person_id', 'tag'] });
}
