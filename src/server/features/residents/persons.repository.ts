import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { startsWith } from '../../db/prefix';
import { inScope, type Scope } from '../../http/scope';
import type { PersonTag } from '../../../shared/residents';
import { personQuery } from './person-keys';

export function selectPersons(db: Db) {
  return db
    .selectFrom('persons')
    .leftJoin('regions', 'regions.id', 'persons.region_id')
    .leftJoin('households as hh', 'hh.id', 'persons.household_id')
    .selectAll('persons')
    .select(['regions.name as region_name', 'hh.address as address']);
}

export type PersonRow = NonNullable<Awaited<ReturnType<typeof findPersonInScope>>>;

export async function findPersonInScope(db: Db, scope: Scope, id: string) {
  return inScope(selectPersons(db).where('persons.id', '=', id), 'persons.region_path', scope).executeTakeFirst();
}

export async function findPersonByIdNumber(db: Db, idNumber: string) {
  return selectPersons(db).where('persons.id_number', '=', idNumber).executeTakeFirst();
}

export async function tagsOf(db: Db, personIds: string[]): Promise<Map<string, PersonTag[]>> {
  const map = new Map<string, PersonTag[]>();
  if (personIds.length === 0) return map;
  for (let i = 0; i < personIds.length; i += 500) {
    const rows = await db.selectFrom('person_tags').select(['person_id', 'tag']).where('person_id', 'in', personIds.slice(i, i + 500)).execute();
    for (const r of rows) map.set(r.person_id, [...(map.get(r.person_id) ?? []), r.tag as PersonTag]);
  }
  return map;
}

export interface PersonFilter {
  q?: string;
  tag?: PersonTag;
  underPath?: string;
  householdId?: string;
  afterId?: string;
  limit: number;
}

/**
 * Active persons in scope matching a search. Text matches a prefix of the name, full pinyin or
 * initials; digits match a suffix of the ID number or phone. A tag filter is driven from the
 * (tag, region_path) index, so "all returnees in this township" does not scan the registry.
 */
export async function searchPersons(db: Db, scope: Scope, f: PersonFilter) {
  let qb = inScope(selectPersons(db), 'persons.region_path', scope).where('persons.status', '=', 'active');
  if (f.underPath) qb = inScope(qb, 'persons.region_path', { prefix: f.underPath });
  if (f.q) {
    const m = personQuery(f.q);
    qb = m.kind === 'digits'
      ? qb.where((eb) => eb.or([startsWith(eb, 'persons.id_rev', m.rev), startsWith(eb, 'persons.phone_rev', m.rev)]))
      : qb.where((eb) => eb.or([startsWith(eb, 'persons.name_key', m.key), startsWith(eb, 'persons.pinyin', m.key), startsWith(eb, 'persons.initials', m.key)]));
  }
  if (f.tag) {
    const tagged = inScope(db.selectFrom('person_tags').select('person_tags.person_id').where('person_tags.tag', '=', f.tag), 'person_tags.region_path', scope);
    qb = qb.where('persons.id', 'in', tagged);
  }
  return qb
    .$if(f.householdId !== undefined, (q) => q.where('persons.household_id', '=', f.householdId!))
    .$if(f.afterId !== undefined, (q) => q.where('persons.id', '>', f.afterId!))
    .orderBy('persons.id')
    .limit(f.limit + 1)
    .execute();
}

/**
 * Likely duplicates of a new or changed record, for a human to judge: the same name with the same
 * birth date or the same phone, or the same phone with the same birth date.
 */
export async function likelyDuplicates(db: Db, scope: Scope, p: { nameKey: string; birthDate?: string | null; phone?: string | null; excludeId?: string }) {
  return inScope(selectPersons(db), 'persons.region_path', scope)
    .where('persons.status', '=', 'active')
    .where((eb) => {
      const alternatives = [];
      if (p.birthDate) alternatives.push(eb.and([eb('persons.name_key', '=', p.nameKey), eb('persons.birth_date', '=', p.birthDate)]));
      if (p.phone) alternatives.push(eb.and([eb('persons.name_key', '=', p.nameKey), eb('persons.phone', '=', p.phone)]));
      if (p.phone && p.birthDate) alternatives.push(eb.and([eb('persons.phone', '=', p.phone), eb('persons.birth_date', '=', p.birthDate)]));
      return alternatives.length ? eb.or(alternatives) : sql<boolean>`1 = 0`;
    })
    .$if(p.excludeId !== undefined, (q) => q.where('persons.id', '!=', p.excludeId!))
    .limit(10)
    .execute();
}
