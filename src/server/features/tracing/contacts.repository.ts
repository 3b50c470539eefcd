import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/database';
import { inScope, type Scope } from '../../access/scope';
import type { ContactTable } from './contacts.table';

/** The id of the decision already taken on this person for this case, if any (the last one stands). */
export async function findContactId(db: Db, caseId: string, personId: string): Promise<string | undefined> {
  return (
    await db
      .selectFrom('contacts')
      .select('id')
      .where('case_id', '=', caseId)
      .where('person_id', '=', personId)
      .executeTakeFirst()
  )?.id;
}

export async function insertContact(db: Db, row: Insertable<ContactTable>): Promise<void> {
  await db.insertInto('contacts').values(row).execute();
}

export async function updateContact(db: Db, id: string, set: Updateable<ContactTable>): Promise<void> {
  await db.updateTable('contacts').set(set).where('id', '=', id).execute();
}

/** A case's contacts in scope, oldest first, with the person's name, numbers and region name (read-only joins of persons and regions). */
export async function listContactsOfCaseInScope(db: Db, scope: Scope, caseId: string) {
  return inScope(
    db
      .selectFrom('contacts')
      .innerJoin('persons', 'persons.id', 'contacts.person_id')
      .leftJoin('regions', 'regions.id', 'persons.region_id')
      .selectAll('contacts')
      .select(['persons.name', 'persons.id_number', 'persons.phone', 'regions.name as region_name'])
      .where('contacts.case_id', '=', caseId),
    'contacts.region_path',
    scope,
  )
    .orderBy('contacts.created_at')
    .execute();
}

/** The accepted contacts in scope of some cases, with the person's name, for the transmission chain; at most 2,000. */
export async function listAcceptedContactsForChain(db: Db, scope: Scope, caseIds: string[]) {
  if (caseIds.length === 0) return [];
  return inScope(
    db
      .selectFrom('contacts')
      .innerJoin('persons', 'persons.id', 'contacts.person_id')
      .select(['contacts.id', 'contacts.case_id', 'contacts.person_id', 'contacts.exposure_type', 'persons.name'])
      .where('contacts.decision', '=', 'accepted')
      .where('contacts.case_id', 'in', caseIds.slice(0, 1000)),
    'contacts.region_path',
    scope,
  )
    .limit(2000)
    .execute();
}

/** A case's accepted contacts with how they were exposed and where the person is registered (read-only join of persons). */
export async function listAcceptedContactsOfCase(db: Db, caseId: string) {
  return db
    .selectFrom('contacts')
    .innerJoin('persons', 'persons.id', 'contacts.person_id')
    .select([
      'contacts.id',
      'contacts.person_id',
      'contacts.source_id',
      'contacts.exposure_type',
      'contacts.exposure_date',
      'persons.region_path',
    ])
    .where('contacts.case_id', '=', caseId)
    .where('contacts.decision', '=', 'accepted')
    .execute();
}

/** The decisions already taken on some persons as contacts of a case. */
export async function contactDecisionsOf(db: Db, caseId: string, personIds: string[]) {
  if (personIds.length === 0) return [];
  return db
    .selectFrom('contacts')
    .select(['person_id', 'decision'])
    .where('case_id', '=', caseId)
    .where('person_id', 'in', personIds)
    .execute();
}

/** Which of these persons are isolated now (an active episode; a read of isolation's table). */
export async function personsIsolatedNow(db: Db, personIds: string[]): Promise<Set<string>> {
  if (personIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('isolation_episodes')
    .select('person_id')
    .where('person_id', 'in', personIds)
    .where('status', '=', 'active')
    .execute();
  return new Set(rows.map((r) => r.person_id));
}

/** Each person's latest isolation episode, if any (a read of isolation's table). */
export async function latestEpisodesOf(db: Db, personIds: string[]) {
  const episodes =
    personIds.length === 0
      ? []
      : await db
          .selectFrom('isolation_episodes')
          .select(['id', 'person_id', 'status', 'kind', 'planned_end_day'])
          .where('person_id', 'in', personIds)
          .orderBy('created_at')
          .execute();
  return new Map(episodes.map((e) => [e.person_id, e]));
}
