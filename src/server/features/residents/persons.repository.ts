import { sql, type ExpressionBuilder, type RawBuilder, type SelectQueryBuilder } from 'kysely';
import type { Database, Db } from '../../db/database';
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

/** At most this many candidates are collected through the search indexes and sorted (see searchPersons). */
const SORTED_CANDIDATES_AT_MOST = 5000;
/** A jurisdiction with fewer persons than this is searched by reading all of it (see searchPersons). */
const SMALL_JURISDICTION = 50_000;

type SearchRange = { column: string; prefix: string };

/** The indexed prefix ranges a search box entry is matched on (each column has its own index). */
function searchRanges(q: string): SearchRange[] {
  const m = personQuery(q);
  return m.kind === 'digits'
    ? [{ column: 'persons.id_rev', prefix: m.rev }, { column: 'persons.phone_rev', prefix: m.rev }]
    : [{ column: 'persons.name_key', prefix: m.key }, { column: 'persons.pinyin', prefix: m.key }, { column: 'persons.initials', prefix: m.key }];
}

/**
 * "This person matches the search box" as a condition on a query that joins `persons`: a prefix of
 * the name (simplified or traditional), full pinyin or initials; digits match a suffix of the ID
 * number or phone. For lists of other things about persons (isolations, cases).
 */
export function personTextMatch(eb: ExpressionBuilder<any, any>, q: string) {
  return eb.or(searchRanges(q).map((r) => startsWith(eb, r.column, r.prefix)));
}

/** The search as a condition no index answers (`column || ''`), so that the plan is driven by something else. */
function unindexedMatch(eb: ExpressionBuilder<Database, 'persons'>, ranges: SearchRange[]) {
  return eb.or(ranges.map((r) => eb.and([
    eb(sql`(${sql.ref(r.column)} || '')`, '>=', r.prefix),
    eb(sql`(${sql.ref(r.column)} || '')`, '<', r.prefix + '\uffff'),
  ])));
}

/** `select count(*)` of a query, reading at most `cap` of its rows (an index-only count that stops early). */
function cappedCount(db: Db, query: SelectQueryBuilder<Database, 'persons', unknown>, cap: number) {
  return sql<number>`(select count(*) from (${query.select(sql.lit(1).as('one')).limit(cap)}) as c)`;
}

async function evaluate(db: Db, expression: RawBuilder<number>): Promise<number> {
  const { rows } = await sql<{ n: number | string }>`select ${expression} as n`.execute(db);
  return Number(rows[0]!.n);
}

/**
 * Active persons in scope matching a search, in id order (the cursor is the last id). Text matches a
 * prefix of the name, full pinyin or initials; digits match a suffix of the ID number or phone. A
 * tag filter is driven from the (tag, region_path) index, so "all returnees in this township" does
 * not scan the registry.
 *
 * No single plan is fast for every search box entry at a million persons, so a text search first
 * counts its candidates on the search indexes (each count stops at 5,001: about a millisecond):
 * - at most 5,000 (wjg, 王建国): they are collected through those indexes and sorted — milliseconds;
 * - more (张, zs) in a small jurisdiction (under 50,000 persons, also a capped count): the
 *   jurisdiction is read through its region_path index and the matches sorted;
 * - more in a large one (the county's command centre): the registry is walked in id order and the matches
 *   narrowed to the jurisdiction, a step at a time (twice a page of matches, then twice as many each
 *   step) until the page is full. Matches are dense, so the first step is usually enough. Before this, SQLite collected and sorted
 *   every 张 of the county (60,000 rows, ~140 ms) or read the whole county (~300 ms).
 * All three return the same rows in the same order.
 */
export async function searchPersons(db: Db, scope: Scope, f: PersonFilter) {
  const ranges = f.q ? searchRanges(f.q) : [];
  let qb = inScope(selectPersons(db), 'persons.region_path', scope).where('persons.status', '=', 'active');
  if (f.underPath) qb = inScope(qb, 'persons.region_path', { prefix: f.underPath });
  if (f.tag) {
    const tagged = inScope(db.selectFrom('person_tags').select('person_tags.person_id').where('person_tags.tag', '=', f.tag), 'person_tags.region_path', scope);
    qb = qb.where('persons.id', 'in', tagged);
  }
  qb = qb.$if(f.householdId !== undefined, (q) => q.where('persons.household_id', '=', f.householdId!)).orderBy('persons.id');
  const page = (q: typeof qb, after: string | undefined, limit: number) => q.$if(after !== undefined, (b) => b.where('persons.id', '>', after!)).limit(limit).execute();

  if (ranges.length === 0) return page(qb, f.afterId, f.limit + 1);
  if (f.householdId !== undefined) return page(qb.where((eb) => eb.or(ranges.map((r) => startsWith(eb, r.column, r.prefix)))), f.afterId, f.limit + 1);

  const candidates = await evaluate(db, sql.join(ranges.map((r) => cappedCount(db, db.selectFrom('persons').where((eb) => startsWith(eb, r.column, r.prefix)), SORTED_CANDIDATES_AT_MOST + 1)), sql` + `));
  if (candidates <= SORTED_CANDIDATES_AT_MOST) {
    const [first, ...rest] = ranges.map((r) => db.selectFrom('persons').select('persons.id').where((eb) => startsWith(eb, r.column, r.prefix)));
    return page(qb.where('persons.id', 'in', rest.reduce((union, next) => union.union(next), first!)), f.afterId, f.limit + 1);
  }
  const jurisdiction = f.underPath ?? scope.prefix;
  const small = jurisdiction !== '/'
    && (await evaluate(db, cappedCount(db, inScope(db.selectFrom('persons'), 'persons.region_path', { prefix: jurisdiction }), SMALL_JURISDICTION))) < SMALL_JURISDICTION;
  if (small) return page(qb.where((eb) => unindexedMatch(eb, ranges)), f.afterId, f.limit + 1);

  const found: Awaited<ReturnType<typeof page>> = [];
  let after = f.afterId;
  // twice a page of matches first (enough in the county's own jurisdiction), then twice as many each step
  for (let want = 2 * (f.limit + 1); ; want *= 2) {
    const step = await db.selectFrom('persons').select('persons.id').where((eb) => unindexedMatch(eb, ranges)).where('persons.status', '=', 'active')
      .$if(after !== undefined, (b) => b.where('persons.id', '>', after!)).orderBy('persons.id').limit(want).execute();
    if (step.length === 0) return found;
    found.push(...(await page(qb.where('persons.id', 'in', step.map((r) => r.id)), after, f.limit + 1 - found.length)));
    if (found.length > f.limit || step.length < want) return found;
    after = step[step.length - 1]!.id;
  }
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
