import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '../../db/database';
import { insertMany, type BulkTarget } from '../../db/bulk-writes';
import { inScope, type Scope } from '../../access/scope';
import { likeEscape } from '../../text';
import type { CompoundTable, TempBranchMemberTable, TempBranchTable } from './temp-branches.table';

// ---- compounds ----

/**
 * Compounds with their region's name, the registry's counts under their node (households, active
 * residents) and their open branch. The counts are a read model over residents' tables (read-only,
 * by the node's path range, which the registry's path indexes answer).
 */
function selectCompounds(db: Db) {
  return db
    .selectFrom('compounds as c')
    .leftJoin('regions as r', 'r.id', 'c.region_id')
    .selectAll('c')
    .select('r.name as region_name')
    .select('r.status as region_status')
    .select((eb) => [
      eb
        .selectFrom('households as h')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('h.region_path', '>=', eb.ref('c.region_path'))
        .where(sql<boolean>`h.region_path < substr(c.region_path, 1, length(c.region_path) - 1) || '0'`)
        .as('households'),
      eb
        .selectFrom('persons as p')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('p.region_path', '>=', eb.ref('c.region_path'))
        .where(sql<boolean>`p.region_path < substr(c.region_path, 1, length(c.region_path) - 1) || '0'`)
        .where('p.status', '=', 'active')
        .as('residents'),
      eb
        .selectFrom('temp_branches as b')
        .select('b.id')
        .whereRef('b.compound_id', '=', 'c.id')
        .where('b.closed_at', 'is', null)
        .limit(1)
        .as('branch_id'),
    ]);
}
export type CompoundRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectCompounds>['executeTakeFirst']>>>;

export async function findCompoundInScope(db: Db, scope: Scope, id: string): Promise<CompoundRow | undefined> {
  return inScope(selectCompounds(db).where('c.id', '=', id), 'c.region_path', scope).executeTakeFirst();
}

export async function findCompoundByRegion(db: Db, regionId: string) {
  return db.selectFrom('compounds').select(['id']).where('region_id', '=', regionId).executeTakeFirst();
}

/** A page of the jurisdiction's compounds by id (one row more than `limit`: there is a next page). */
export async function listCompoundsInScope(
  db: Db,
  scope: Scope,
  f: { q?: string; after?: string; limit: number },
): Promise<CompoundRow[]> {
  return inScope(selectCompounds(db), 'c.region_path', scope)
    .$if(!!f.q, (b) => b.where(sql<boolean>`c.name like ${'%' + likeEscape(f.q!) + '%'} escape '\\'`))
    .$if(f.after !== undefined, (b) => b.where('c.id', '>', f.after!))
    .orderBy('c.id')
    .limit(f.limit + 1)
    .execute();
}

/**
 * The compounds of the jurisdiction that could need a branch (rule b): no property management and
 * no open temporary branch, with their counts. Only these are counted, so the flags never count the
 * households of a compound that is managed or already has its branch.
 */
export async function compoundsWithoutBranch(db: Db, scope: Scope): Promise<CompoundRow[]> {
  return inScope(selectCompounds(db), 'c.region_path', scope)
    .where('c.property_management', '=', 0)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('temp_branches as b2')
            .select('b2.id')
            .whereRef('b2.compound_id', '=', 'c.id')
            .where('b2.closed_at', 'is', null),
        ),
      ),
    )
    .orderBy('c.region_path')
    .execute();
}

export async function insertCompound(db: Db, row: Insertable<CompoundTable>): Promise<void> {
  await db.insertInto('compounds').values(row).execute();
}

/** Many compounds at once through the one bulk writer (the demo and the bench). */
export async function insertCompounds(to: Db | BulkTarget, rows: readonly Insertable<CompoundTable>[]): Promise<void> {
  await insertMany(to, 'compounds', rows);
}

export async function updateCompound(db: Db, id: string, set: Updateable<CompoundTable>): Promise<void> {
  await db.updateTable('compounds').set(set).where('id', '=', id).execute();
}

// ---- branches ----

/**
 * Branches with their region's name, the post's name and whether the post has ended (display joins:
 * the checkpoint site's, isolation site's and compound's name and status), the secretary's name and
 * how many members serve now.
 */
function selectBranches(db: Db) {
  return db
    .selectFrom('temp_branches as b')
    .leftJoin('regions as r', 'r.id', 'b.region_id')
    .leftJoin('checkpoint_sites as cs', 'cs.id', 'b.checkpoint_site_id')
    .leftJoin('isolation_sites as iso', 'iso.id', 'b.isolation_site_id')
    .leftJoin('compounds as co', 'co.id', 'b.compound_id')
    .leftJoin('persons as sec', 'sec.id', 'b.secretary_person_id')
    .selectAll('b')
    .select([
      'r.name as region_name',
      'r.status as region_status',
      'cs.name as site_name',
      'cs.status as site_status',
      'iso.name as isolation_site_name',
      'iso.status as isolation_site_status',
      'co.name as compound_name',
      'sec.name as secretary_name',
    ])
    .select((eb) =>
      eb
        .selectFrom('temp_branch_members as m')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('m.branch_id', '=', 'b.id')
        .where('m.left_at', 'is', null)
        .as('members'),
    );
}
export type BranchRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectBranches>['executeTakeFirst']>>>;

export async function findBranchInScope(db: Db, scope: Scope, id: string): Promise<BranchRow | undefined> {
  return inScope(selectBranches(db).where('b.id', '=', id), 'b.region_path', scope).executeTakeFirst();
}

export interface BranchFilter {
  status?: 'open' | 'closed';
  postKind?: TempBranchTable['post_kind'];
  after?: string;
  limit: number;
}

/** A page of the jurisdiction's branches by id (one row more than `limit`). */
export async function listBranchesInScope(db: Db, scope: Scope, f: BranchFilter): Promise<BranchRow[]> {
  return inScope(selectBranches(db), 'b.region_path', scope)
    .$if(f.status === 'open', (b) => b.where('b.closed_at', 'is', null))
    .$if(f.status === 'closed', (b) => b.where('b.closed_at', 'is not', null))
    .$if(f.postKind !== undefined, (b) => b.where('b.post_kind', '=', f.postKind!))
    .$if(f.after !== undefined, (b) => b.where('b.id', '>', f.after!))
    .orderBy('b.id')
    .limit(f.limit + 1)
    .execute();
}

/** The open branches of the jurisdiction (for the flags), with post columns. */
export async function openBranchesInScope(db: Db, scope: Scope) {
  return inScope(
    db
      .selectFrom('temp_branches')
      .select(['id', 'name', 'region_path', 'checkpoint_site_id', 'isolation_site_id', 'compound_id'])
      .where('closed_at', 'is', null),
    'region_path',
    scope,
  ).execute();
}

/** The open branch at a checkpoint site or a compound, if any. */
export async function openBranchAt(db: Db, at: { checkpointSiteId?: string; compoundId?: string }) {
  return db
    .selectFrom('temp_branches')
    .select(['id', 'name'])
    .where('closed_at', 'is', null)
    .$if(at.checkpointSiteId !== undefined, (b) => b.where('checkpoint_site_id', '=', at.checkpointSiteId!))
    .$if(at.compoundId !== undefined, (b) => b.where('compound_id', '=', at.compoundId!))
    .executeTakeFirst();
}

/**
 * An isolation site's name, region and status, for linking a branch to it (read-only: isolation
 * offers no getter of its sites to other features).
 */
export async function findIsolationSitePost(db: Db, scope: Scope, id: string) {
  return inScope(
    db.selectFrom('isolation_sites').select(['id', 'name', 'region_id', 'region_path', 'status']).where('id', '=', id),
    'region_path',
    scope,
  ).executeTakeFirst();
}

export async function insertBranch(db: Db, row: Insertable<TempBranchTable>): Promise<void> {
  await db.insertInto('temp_branches').values(row).execute();
}

/** Many branches at once through the one bulk writer (the demo and the bench). */
export async function insertBranches(to: Db | BulkTarget, rows: readonly Insertable<TempBranchTable>[]): Promise<void> {
  await insertMany(to, 'temp_branches', rows);
}

export async function updateBranch(db: Db, id: string, set: Updateable<TempBranchTable>): Promise<void> {
  await db.updateTable('temp_branches').set(set).where('id', '=', id).execute();
}

// ---- members ----

/** The members serving in a branch now, with the registry's name and phone (display join). */
export async function listBranchMembers(db: Db, branchId: string) {
  return db
    .selectFrom('temp_branch_members as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .selectAll('m')
    .select(['p.name', 'p.phone'])
    .where('m.branch_id', '=', branchId)
    .where('m.left_at', 'is', null)
    .orderBy('m.role', 'desc')
    .orderBy('m.id')
    .execute();
}
export type BranchMemberRow = Awaited<ReturnType<typeof listBranchMembers>>[number];

/** The persons serving now in each of these branches (for rule c). */
export async function membersOfBranches(db: Db, branchIds: readonly string[]) {
  const out: { branch_id: string; person_id: string; name: string }[] = [];
  for (let i = 0; i < branchIds.length; i += 500) {
    const chunk = branchIds.slice(i, i + 500);
    out.push(
      ...(await db
        .selectFrom('temp_branch_members as m')
        .innerJoin('persons as p', 'p.id', 'm.person_id')
        .select(['m.branch_id', 'm.person_id', 'p.name'])
        .where('m.branch_id', 'in', chunk)
        .where('m.left_at', 'is', null)
        .execute()),
    );
  }
  return out;
}

export async function findServingMember(db: Db, branchId: string, personId: string) {
  return db
    .selectFrom('temp_branch_members')
    .select(['id', 'role'])
    .where('branch_id', '=', branchId)
    .where('person_id', '=', personId)
    .where('left_at', 'is', null)
    .executeTakeFirst();
}

export async function findBranchMember(db: Db, branchId: string, id: string) {
  return db
    .selectFrom('temp_branch_members')
    .selectAll()
    .where('branch_id', '=', branchId)
    .where('id', '=', id)
    .where('left_at', 'is', null)
    .executeTakeFirst();
}

export async function insertBranchMember(db: Db, row: Insertable<TempBranchMemberTable>): Promise<void> {
  await db.insertInto('temp_branch_members').values(row).execute();
}

/** Many members at once through the one bulk writer (the demo and the bench). */
export async function insertBranchMembers(
  to: Db | BulkTarget,
  rows: readonly Insertable<TempBranchMemberTable>[],
): Promise<void> {
  await insertMany(to, 'temp_branch_members', rows);
}

export async function updateBranchMember(db: Db, id: string, set: Updateable<TempBranchMemberTable>): Promise<void> {
  await db.updateTable('temp_branch_members').set(set).where('id', '=', id).execute();
}

/** The branch's secretary becomes a plain member: a branch has one secretary. */
export async function demoteSecretaries(db: Db, branchId: string): Promise<void> {
  await db
    .updateTable('temp_branch_members')
    .set({ role: 'member' })
    .where('branch_id', '=', branchId)
    .where('role', '=', 'secretary')
    .where('left_at', 'is', null)
    .execute();
}

/** Everyone still serving leaves when the branch closes. */
export async function releaseMembers(db: Db, branchId: string, at: string): Promise<void> {
  await db
    .updateTable('temp_branch_members')
    .set({ left_at: at })
    .where('branch_id', '=', branchId)
    .where('left_at', 'is', null)
    .execute();
}

// ---- figures ----

/** Branches of the jurisdiction by region path: open now, and set up on a day (for the figures). */
export async function branchesForFigures(db: Db, scope: Scope) {
  return inScope(
    db.selectFrom('temp_branches').select(['id', 'region_path', 'founded_on', 'closed_at']),
    'region_path',
    scope,
  ).execute();
}

// ---- the demo's picks (read-only) ----

/** The jurisdiction's isolation sites by name (read-only: for the demo's branch at the isolation hotel). */
export async function isolationSitesInScope(db: Db, scope: Scope) {
  return inScope(
    db.selectFrom('isolation_sites').select(['id', 'name', 'status']).orderBy('name'),
    'region_path',
    scope,
  ).execute();
}

/**
 * The villages and communities of the jurisdiction with the most registered households (read-only
 * counts over residents' households): where the demo finds its big compounds.
 */
export async function villagesByHouseholds(db: Db, scope: Scope, limit: number) {
  return inScope(
    db
      .selectFrom('regions as v')
      .select(['v.id', 'v.name', 'v.path'])
      .select((eb) =>
        eb
          .selectFrom('households as h')
          .select((e) => e.fn.countAll<number>().as('n'))
          .where('h.region_path', '>=', eb.ref('v.path'))
          .where(sql<boolean>`h.region_path < substr(v.path, 1, length(v.path) - 1) || '0'`)
          .as('households'),
      )
      .where('v.level', '=', 'village')
      .where('v.status', '=', 'active'),
    'v.path',
    scope,
  )
    .orderBy('households', 'desc')
    .orderBy('v.path')
    .limit(limit)
    .execute();
}

/**
 * Party members on the duty rosters of open checkpoint sites without an open temporary branch,
 * for shifts overlapping [from, to): one row per site and member, with the member's home branch —
 * rule (a)'s whole input in one grouped read (read-only joins of checkpoints' roster and party's
 * roll), so the flags cost one index range over the week's shifts however large the roll is.
 */
export async function partyMembersOnOpenRosters(db: Db, scope: Scope, from: string, to: string) {
  return inScope(
    db
      .selectFrom('duty_shifts as s')
      .innerJoin('checkpoint_sites as site', 'site.id', 's.site_id')
      .innerJoin('duty_assignments as a', 'a.shift_id', 's.id')
      .innerJoin('party_members as m', 'm.person_id', 'a.person_id')
      .innerJoin('party_organisations as o', 'o.id', 'm.organisation_id')
      .select([
        's.site_id',
        'site.name as site_name',
        'site.region_path',
        'a.person_id',
        (eb) => eb.fn.min('a.name').as('name'),
        (eb) => eb.fn.min('o.name').as('organisation_name'),
        (eb) => eb.fn.min('m.category').as('category'),
      ])
      .where('s.starts_at', '<', to)
      .where('s.ends_at', '>', from)
      .where('site.status', '=', 'active')
      .where('m.removed_at', 'is', null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('temp_branches as b')
              .select('b.id')
              .whereRef('b.checkpoint_site_id', '=', 's.site_id')
              .where('b.closed_at', 'is', null),
          ),
        ),
      )
      .groupBy(['s.site_id', 'site.name', 'site.region_path', 'a.person_id']),
    'site.region_path',
    scope,
  ).execute();
}

/**
 * Party members on the staff rosters of open isolation sites without an open temporary branch, for
 * periods overlapping the local days [fromDay, toDay]: one row per site and member, with the member's
 * home branch — rule (a)'s input from isolation sites in one grouped read (read-only joins of
 * isolation's staff roster and party's roll), the same shape as `partyMembersOnOpenRosters`.
 */
export async function partyMembersOnIsolationStaff(db: Db, scope: Scope, fromDay: string, toDay: string) {
  return inScope(
    db
      .selectFrom('isolation_site_staff as s')
      .innerJoin('isolation_sites as site', 'site.id', 's.site_id')
      .innerJoin('persons as p', 'p.id', 's.person_id')
      .innerJoin('party_members as m', 'm.person_id', 's.person_id')
      .innerJoin('party_organisations as o', 'o.id', 'm.organisation_id')
      .select([
        's.site_id',
        'site.name as site_name',
        'site.region_path',
        's.person_id',
        (eb) => eb.fn.min('p.name').as('name'),
        (eb) => eb.fn.min('o.name').as('organisation_name'),
        (eb) => eb.fn.min('m.category').as('category'),
      ])
      .where('s.from_day', '<=', toDay)
      .where((eb) => eb.or([eb('s.to_day', 'is', null), eb('s.to_day', '>=', fromDay)]))
      .where('site.status', '=', 'active')
      .where('m.removed_at', 'is', null)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('temp_branches as b')
              .select('b.id')
              .whereRef('b.isolation_site_id', '=', 's.site_id')
              .where('b.closed_at', 'is', null),
          ),
        ),
      )
      .groupBy(['s.site_id', 'site.name', 'site.region_path', 's.person_id']),
    'site.region_path',
    scope,
  ).execute();
}
