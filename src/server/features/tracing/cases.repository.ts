import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/database';
import { inScope, type Scope } from '../../access/scope';
import { personTextMatch } from '../residents';
import type { CaseHistoryTable, CaseTable } from './cases.table';

/**
 * Cases with what a list or a card shows of the person: name, sex, birth date, ID number, household
 * address and region name (read-only joins of residents' and regions' tables), and the number of
 * accepted contacts.
 */
function selectCases(db: Db) {
  return db
    .selectFrom('cases')
    .innerJoin('persons', 'persons.id', 'cases.person_id')
    .leftJoin('households', 'households.id', 'persons.household_id')
    .leftJoin('regions', 'regions.id', 'persons.region_id')
    .selectAll('cases')
    .select([
      'persons.name as person_name',
      'persons.sex',
      'persons.birth_date',
      'persons.id_number',
      'persons.household_id',
      'households.address',
      'regions.name as region_name',
    ])
    .select((eb) =>
      eb
        .selectFrom('contacts')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('contacts.case_id', '=', 'cases.id')
        .where('contacts.decision', '=', 'accepted')
        .as('contact_count'),
    );
}
export type CaseRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectCases>['executeTakeFirst']>>>;

export async function findCaseInScope(db: Db, scope: Scope, id: string): Promise<CaseRow | undefined> {
  return inScope(selectCases(db).where('cases.id', '=', id), 'cases.region_path', scope).executeTakeFirst();
}

export async function findCaseOfPersonInScope(db: Db, scope: Scope, personId: string): Promise<CaseRow | undefined> {
  return inScope(
    selectCases(db).where('cases.person_id', '=', personId),
    'cases.region_path',
    scope,
  ).executeTakeFirst();
}

/** Cases in scope, newest first, one more than `limit` (the page's cursor); `q` matches the person as the registry's search box does. */
export async function listCasesInScope(
  db: Db,
  scope: Scope,
  f: { classification?: string; q?: string; before?: string; limit: number },
) {
  let qb = inScope(selectCases(db), 'cases.region_path', scope);
  if (f.q) qb = qb.where((eb) => personTextMatch(eb, f.q!));
  return qb
    .$if(f.classification !== undefined, (q) => q.where('cases.classification', '=', f.classification as 'confirmed'))
    .$if(f.before !== undefined, (q) => q.where('cases.id', '<', f.before!))
    .orderBy('cases.id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

/** Whether a case exists in scope (without the person's columns). */
export async function caseExistsInScope(db: Db, scope: Scope, id: string): Promise<boolean> {
  return !!(await inScope(
    db.selectFrom('cases').select('id').where('id', '=', id),
    'region_path',
    scope,
  ).executeTakeFirst());
}

/** The id of a person's case, if they have one (one case per person). */
export async function findCaseIdOfPerson(db: Db, personId: string): Promise<string | undefined> {
  return (await db.selectFrom('cases').select('id').where('person_id', '=', personId).executeTakeFirst())?.id;
}

/** The person a case is about. */
export async function findPersonIdOfCase(db: Db, caseId: string): Promise<string | undefined> {
  return (await db.selectFrom('cases').select('person_id').where('id', '=', caseId).executeTakeFirst())?.person_id;
}

/** The cases of some persons (a contact or a candidate who became a case). */
export async function casesOfPersons(db: Db, personIds: string[]) {
  if (personIds.length === 0) return [];
  return db.selectFrom('cases').select(['id', 'person_id']).where('person_id', 'in', personIds).execute();
}

/** The earliest-reported case that accepted this person as a contact: the case they came from. */
export async function findSourceCaseOfContact(db: Db, personId: string) {
  return db
    .selectFrom('contacts')
    .innerJoin('cases', 'cases.id', 'contacts.case_id')
    .select(['cases.id', 'cases.generation'])
    .where('contacts.person_id', '=', personId)
    .where('contacts.decision', '=', 'accepted')
    .orderBy('cases.report_date')
    .orderBy('cases.id')
    .executeTakeFirst();
}

/** Cases in scope for the transmission chain, with the person's name; at most 1,000. */
export async function listCasesForChain(db: Db, scope: Scope) {
  return inScope(
    db
      .selectFrom('cases')
      .innerJoin('persons', 'persons.id', 'cases.person_id')
      .select([
        'cases.id',
        'cases.person_id',
        'cases.source_case_id',
        'cases.classification',
        'cases.generation',
        'persons.name',
      ]),
    'cases.region_path',
    scope,
  )
    .limit(1000)
    .execute();
}

export async function insertCase(db: Db, row: Insertable<CaseTable>): Promise<void> {
  await db.insertInto('cases').values(row).execute();
}

export async function updateCase(db: Db, id: string, set: Updateable<CaseTable>): Promise<void> {
  await db.updateTable('cases').set(set).where('id', '=', id).execute();
}

export async function insertCaseHistory(db: Db, row: Insertable<CaseHistoryTable>): Promise<void> {
  await db.insertInto('case_history').values(row).execute();
}

/** A case's changes, oldest first. */
export async function listCaseHistory(db: Db, caseId: string) {
  return db.selectFrom('case_history').selectAll().where('case_id', '=', caseId).orderBy('at').orderBy('id').execute();
}
