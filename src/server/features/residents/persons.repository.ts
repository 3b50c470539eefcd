import type SQLite from 'better-sqlite3';
import {
  sql,
  type ExpressionBuilder,
  type Insertable,
  type RawBuilder,
  type SelectQueryBuilder,
  type Updateable,
} from 'kysely';
import { type BulkTarget, insertMany } from '../../db/bulk-writes';
import type { Database, Db } from '../../db/database';
import { startsWith } from '../../db/prefix';
import { inScope, prefixEnd, type Scope } from '../../access/scope';
import type { PersonTag } from '../../../shared/residents';
import type { PersonTable } from './persons.table';
import { personQuery, reverse } from './person-keys';

function selectPersons(db: Db) {
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

/** Insert persons through the one bulk writer (a roster import passes its transaction's SQLite handle along). */
export async function insertPersons(to: Db | BulkTarget, rows: readonly Insertable<PersonTable>[]) {
  await insertMany(to, 'persons', rows);
}

/** Change the columns given of one person's record. */
export async function setPersonColumns(db: Db, id: string, values: Updateable<PersonTable>) {
  await db.updateTable('persons').set(values).where('id', '=', id).execute();
}

/**
 * A household moved building: its members still registered at the old building move with it
 * (members living elsewhere stay where they are). Returns the ids of those who moved.
 */
export async function moveHouseholdMembers(
  db: Db,
  householdId: string,
  fromRegionId: string,
  to: { regionId: string; path: string },
) {
  const members = await db
    .selectFrom('persons')
    .select('id')
    .where('household_id', '=', householdId)
    .where('region_id', '=', fromRegionId)
    .execute();
  await db
    .updateTable('persons')
    .set({ region_id: to.regionId, region_path: to.path })
    .where('household_id', '=', householdId)
    .where('region_id', '=', fromRegionId)
    .execute();
  return members.map((m) => m.id);
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
    ? [
        { column: 'persons.id_rev', prefix: m.rev },
        { column: 'persons.phone_rev', prefix: m.rev },
      ]
    : [
        { column: 'persons.name_key', prefix: m.key },
        { column: 'persons.pinyin', prefix: m.key },
        { column: 'persons.initials', prefix: m.key },
      ];
}

// biome-ignore lint/suspicious/noExplicitAny: other features' queries join persons under their own aliases; the columns are named by string
type AnyQueryJoiningPersons = ExpressionBuilder<any, any>;

/**
 * "This person matches the search box" as a condition on a query that joins `persons`: a prefix of
 * the name (simplified or traditional), full pinyin or initials; digits match a suffix of the ID
 * number or phone. For lists of other things about persons (isolations, cases).
 */
export function personTextMatch(eb: AnyQueryJoiningPersons, q: string) {
  return eb.or(searchRanges(q).map((r) => startsWith(eb, r.column, r.prefix)));
}

/** The search as a condition no index answers (`column || ''`), so that the plan is driven by something else. */
function unindexedMatch(eb: ExpressionBuilder<Database, 'persons'>, ranges: SearchRange[]) {
  return eb.or(
    ranges.map((r) =>
      eb.and([
        eb(sql`(${sql.ref(r.column)} || '')`, '>=', r.prefix),
        eb(sql`(${sql.ref(r.column)} || '')`, '<', r.prefix + '\uffff'),
      ]),
    ),
  );
}

/** `select count(*)` of a query, reading at most `cap` of its rows (an index-only count that stops early). */
function cappedCount(query: SelectQueryBuilder<Database, 'persons', unknown>, cap: number) {
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
    const tagged = inScope(
      db.selectFrom('person_tags').select('person_tags.person_id').where('person_tags.tag', '=', f.tag),
      'person_tags.region_path',
      scope,
    );
    qb = qb.where('persons.id', 'in', tagged);
  }
  qb = qb
    .$if(f.householdId !== undefined, (q) => q.where('persons.household_id', '=', f.householdId!))
    .orderBy('persons.id');
  const page = (q: typeof qb, after: string | undefined, limit: number) =>
    q
      .$if(after !== undefined, (b) => b.where('persons.id', '>', after!))
      .limit(limit)
      .execute();

  if (ranges.length === 0) return page(qb, f.afterId, f.limit + 1);
  if (f.householdId !== undefined)
    return page(
      qb.where((eb) => eb.or(ranges.map((r) => startsWith(eb, r.column, r.prefix)))),
      f.afterId,
      f.limit + 1,
    );

  const candidates = await evaluate(
    db,
    sql.join(
      ranges.map((r) =>
        cappedCount(
          db.selectFrom('persons').where((eb) => startsWith(eb, r.column, r.prefix)),
          SORTED_CANDIDATES_AT_MOST + 1,
        ),
      ),
      sql` + `,
    ),
  );
  if (candidates <= SORTED_CANDIDATES_AT_MOST) {
    const [first, ...rest] = ranges.map((r) =>
      db
        .selectFrom('persons')
        .select('persons.id')
        .where((eb) => startsWith(eb, r.column, r.prefix)),
    );
    return page(
      qb.where(
        'persons.id',
        'in',
        rest.reduce((union, next) => union.union(next), first!),
      ),
      f.afterId,
      f.limit + 1,
    );
  }
  const jurisdiction = f.underPath ?? scope.prefix;
  const small =
    jurisdiction !== '/' &&
    (await evaluate(
      db,
      cappedCount(
        inScope(db.selectFrom('persons'), 'persons.region_path', { prefix: jurisdiction }),
        SMALL_JURISDICTION,
      ),
    )) < SMALL_JURISDICTION;
  if (small)
    return page(
      qb.where((eb) => unindexedMatch(eb, ranges)),
      f.afterId,
      f.limit + 1,
    );

  const found: Awaited<ReturnType<typeof page>> = [];
  let after = f.afterId;
  // twice a page of matches first (enough in the county's own jurisdiction), then twice as many each step
  for (let want = 2 * (f.limit + 1); ; want *= 2) {
    const step = await db
      .selectFrom('persons')
      .select('persons.id')
      .where((eb) => unindexedMatch(eb, ranges))
      .where('persons.status', '=', 'active')
      .$if(after !== undefined, (b) => b.where('persons.id', '>', after!))
      .orderBy('persons.id')
      .limit(want)
      .execute();
    if (step.length === 0) return found;
    found.push(
      ...(await page(
        qb.where(
          'persons.id',
          'in',
          step.map((r) => r.id),
        ),
        after,
        f.limit + 1 - found.length,
      )),
    );
    if (found.length > f.limit || step.length < want) return found;
    after = step[step.length - 1]!.id;
  }
}

/**
 * Likely duplicates of a new or changed record, for a human to judge: the same name with the same
 * birth date or the same phone, or the same phone with the same birth date.
 */
export async function likelyDuplicates(
  db: Db,
  scope: Scope,
  p: { nameKey: string; birthDate?: string | null; phone?: string | null; excludeId?: string },
) {
  return inScope(selectPersons(db), 'persons.region_path', scope)
    .where('persons.status', '=', 'active')
    .where((eb) => {
      const alternatives = [];
      if (p.birthDate)
        alternatives.push(eb.and([eb('persons.name_key', '=', p.nameKey), eb('persons.birth_date', '=', p.birthDate)]));
      if (p.phone)
        alternatives.push(eb.and([eb('persons.name_key', '=', p.nameKey), eb('persons.phone', '=', p.phone)]));
      if (p.phone && p.birthDate)
        alternatives.push(eb.and([eb('persons.phone', '=', p.phone), eb('persons.birth_date', '=', p.birthDate)]));
      return alternatives.length ? eb.or(alternatives) : sql<boolean>`1 = 0`;
    })
    .$if(p.excludeId !== undefined, (q) => q.where('persons.id', '!=', p.excludeId!))
    .limit(10)
    .execute();
}

/** An active person in scope that a new record may duplicate, with the household's address. */
export interface DuplicateCandidate {
  name: string;
  name_key: string | null;
  birth_date: string | null;
  phone: string | null;
  household_id: string | null;
  address: string | null;
}

/** Active persons in scope, with their address, to compare new records against. */
function candidates(db: Db, scope: Scope) {
  return inScope(
    db
      .selectFrom('persons')
      .leftJoin('households', 'households.id', 'persons.household_id')
      .select([
        'persons.name',
        'persons.name_key',
        'persons.birth_date',
        'persons.phone',
        'persons.household_id',
        'households.address',
      ])
      .where('persons.status', '=', 'active'),
    'persons.region_path',
    scope,
  );
}

/**
 * The same lookups on SQLite as one statement over a JSON array of the keys (`json_each`), the
 * array driving (CROSS JOIN fixes the join order) and each element one seek on the named index.
 * Raw SQL because a benchmark shows it pays: for the roster import's 10,000-row batches, building
 * the Kysely OR of 200 (name, birth date) equalities 50 times a batch cost twice what SQLite
 * spent answering it (100,000-row roster: the duplicate check went from 0.5 s to 0.2 s).
 */
function sqliteCandidates(sqlite: SQLite.Database, scope: Scope, match: string, keys: unknown[]): DuplicateCandidate[] {
  const inJurisdiction = scope.prefix === '/' ? '' : ' and p.region_path >= ? and p.region_path < ?';
  const statement = sqlite.prepare(`select p.name, p.name_key, p.birth_date, p.phone, p.household_id, h.address
    from json_each(?) as j cross join persons as p left join households as h on h.id = p.household_id
    where ${match} and p.status = 'active'${inJurisdiction}`);
  const jurisdiction = scope.prefix === '/' ? [] : [scope.prefix, prefixEnd(scope.prefix)];
  return statement.all(JSON.stringify(keys), ...jurisdiction) as DuplicateCandidate[];
}

/**
 * Active persons in scope with the same name and birth date as one of `pairs`: one index seek a
 * pair on persons_name_birth (an OR of equalities; both engines use the index for each). `sqlite`
 * is the handle behind `db` (a transaction's Kysely object does not carry it), null on PostgreSQL.
 */
export async function namesakesBornOn(
  db: Db,
  sqlite: SQLite.Database | null,
  scope: Scope,
  pairs: { name_key: string; birth_date: string }[],
): Promise<DuplicateCandidate[]> {
  if (pairs.length === 0) return [];
  if (sqlite)
    return sqliteCandidates(
      sqlite,
      scope,
      'p.name_key = j.value ->> 0 and p.birth_date = j.value ->> 1',
      pairs.map((p) => [p.name_key, p.birth_date]),
    );
  const found: DuplicateCandidate[] = [];
  for (let i = 0; i < pairs.length; i += 200) {
    found.push(
      ...(await candidates(db, scope)
        .where((eb) =>
          eb.or(
            pairs
              .slice(i, i + 200)
              .map((p) =>
                eb.and([eb('persons.name_key', '=', p.name_key), eb('persons.birth_date', '=', p.birth_date)]),
              ),
          ),
        )
        .execute()),
    );
  }
  return found;
}

/** Active persons in scope with one of `phones`, through the reversed-phone index. `sqlite` as for namesakesBornOn. */
export async function personsWithPhones(
  db: Db,
  sqlite: SQLite.Database | null,
  scope: Scope,
  phones: string[],
): Promise<DuplicateCandidate[]> {
  if (phones.length === 0) return [];
  if (sqlite) return sqliteCandidates(sqlite, scope, 'p.phone_rev = j.value', phones.map(reverse));
  const found: DuplicateCandidate[] = [];
  for (let i = 0; i < phones.length; i += 500) {
    found.push(
      ...(await candidates(db, scope)
        .where('persons.phone_rev', 'in', phones.slice(i, i + 500).map(reverse))
        .execute()),
    );
  }
  return found;
}

/** The columns a roster row is compared on, to tell a registered person who changed from one who did not. */
function selectRegistered(db: Db) {
  return db
    .selectFrom('persons')
    .select([
      'id',
      'name',
      'id_type',
      'id_number',
      'nationality',
      'sex',
      'birth_date',
      'phone',
      'household_id',
      'relation',
      'region_id',
      'region_path',
      'returnee_from',
      'arrival_date',
      'transport',
      'transport_no',
      'note',
      'status',
    ]);
}
export type RegisteredPerson = Awaited<ReturnType<ReturnType<typeof selectRegistered>['execute']>>[number];

/** The active members of the households (a roster row without an ID number is matched by name within its household). */
export async function registeredInHouseholds(db: Db, householdIds: string[]): Promise<RegisteredPerson[]> {
  const found: RegisteredPerson[] = [];
  for (let i = 0; i < householdIds.length; i += 1000) {
    found.push(
      ...(await selectRegistered(db)
        .where('household_id', 'in', householdIds.slice(i, i + 1000))
        .where('status', '=', 'active')
        .execute()),
    );
  }
  return found;
}

/**
 * Persons (any status) holding one of the ID numbers: one seek each on the unique index. On SQLite
 * one statement over a JSON array of the numbers, as for the duplicate check above (the roster
 * import asks for 10,000 at a time; Kysely's IN lists of 1,000 cost more to build than to answer).
 */
export async function registeredByIdNumbers(
  db: Db,
  sqlite: SQLite.Database | null,
  idNumbers: string[],
): Promise<RegisteredPerson[]> {
  if (idNumbers.length === 0) return [];
  if (sqlite) {
    return sqlite
      .prepare(`select p.id, p.name, p.id_type, p.id_number, p.nationality, p.sex, p.birth_date, p.phone, p.household_id, p.relation,
        p.region_id, p.region_path, p.returnee_from, p.arrival_date, p.transport, p.transport_no, p.note, p.status
      from json_each(?) as j cross join persons as p where p.id_number = j.value`)
      .all(JSON.stringify(idNumbers)) as RegisteredPerson[];
  }
  const found: RegisteredPerson[] = [];
  for (let i = 0; i < idNumbers.length; i += 1000)
    found.push(
      ...(await selectRegistered(db)
        .where('id_number', 'in', idNumbers.slice(i, i + 1000))
        .execute()),
    );
  return found;
}
