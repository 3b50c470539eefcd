import type { Db } from '../../db/database';
import { inScope, type Scope } from '../../access/scope';

/** A contact in scope with the person's phone (a read-only display join of persons), for a tracer's call. */
export async function findContactPhoneInScope(db: Db, scope: Scope, id: string) {
  return inScope(
    db
      .selectFrom('contacts')
      .innerJoin('persons', 'persons.id', 'contacts.person_id')
      .select(['contacts.id', 'contacts.case_id', 'contacts.person_id', 'contacts.region_path', 'persons.phone'])
      .where('contacts.id', '=', id),
    'contacts.region_path',
    scope,
  ).executeTakeFirst();
}
