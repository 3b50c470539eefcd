import type { Insertable } from 'kysely';
import type { Db } from '../../db/database';
import type { PersonMergeTable } from './persons.table';

export async function insertMerge(db: Db, row: Insertable<PersonMergeTable>) {
  await db.insertInto('person_merges').values(row).execute();
}

export async function findMerge(db: Db, id: string) {
  return db.selectFrom('person_merges').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markMergeUndone(db: Db, id: string, at: string) {
  await db.updateTable('person_merges').set({ undone_at: at }).where('id', '=', id).execute();
}
