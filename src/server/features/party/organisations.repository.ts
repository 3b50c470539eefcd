import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '../../db/database';
import { startsWith } from '../../db/prefix';
import { insertMany, type BulkTarget } from '../../db/bulk-writes';
import { inScope, inSubtree, type Scope } from '../../access/scope';
import { likeEscape } from '../../text';
import type { PartyOrgKind, PartyUnitType } from '../../../shared/party';
import type { PartyOrganisationTable } from './organisations.table';

/** Organisations with their region's, parent's and secretary's names (display joins) and member counts. */
function selectOrganisations(db: Db) {
  return db
    .selectFrom('party_organisations as o')
    .leftJoin('regions', 'regions.id', 'o.region_id')
    .leftJoin('party_organisations as parent', 'parent.id', 'o.parent_id')
    .leftJoin('persons as secretary', 'secretary.id', 'o.secretary_person_id')
    .selectAll('o')
    .select(['regions.name as region_name', 'parent.name as parent_name', 'secretary.name as secretary_name'])
    .select((eb) => [
      eb
        .selectFrom('party_members as m')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('m.organisation_id', '=', 'o.id')
        .where('m.removed_at', 'is', null)
        .where('m.category', '=', 'full')
        .as('full_members'),
      eb
        .selectFrom('party_members as m')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('m.organisation_id', '=', 'o.id')
        .where('m.removed_at', 'is', null)
        .where('m.category', '=', 'probationary')
        .as('probationary_members'),
    ]);
}
export type PartyOrgRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectOrganisations>['executeTakeFirst']>>>;

/** An organisation of the jurisdiction, or undefined. */
export async function findOrganisationInScope(db: Db, scope: Scope, id: string): Promise<PartyOrgRow | undefined> {
  return inScope(selectOrganisations(db).where('o.id', '=', id), 'o.region_path', scope).executeTakeFirst();
}

/** The organisation with this code, anywhere (codes are unique county-wide). */
export async function findOrganisationByCode(db: Db, code: string) {
  return db.selectFrom('party_organisations').select(['id', 'region_path']).where('code', '=', code).executeTakeFirst();
}

export interface PartyOrgFilter {
  kind?: PartyOrgKind;
  unitType?: PartyUnitType;
  underPath?: string;
  parentId?: string;
  /** already normalised (simplified, lower case, no spaces) */
  q?: string;
  /** the (name, id) of the last row of the previous page */
  after?: readonly [string, string];
  limit: number;
}

/** A page of the jurisdiction's organisations in name order (one row more than `limit`: there is a next page). */
export async function listOrganisationsInScope(db: Db, scope: Scope, f: PartyOrgFilter): Promise<PartyOrgRow[]> {
  let qb = inScope(selectOrganisations(db), 'o.region_path', scope)
    .$if(f.kind !== undefined, (b) => b.where('o.kind', '=', f.kind!))
    .$if(f.unitType !== undefined, (b) => b.where('o.unit_type', '=', f.unitType!))
    .$if(f.parentId !== undefined, (b) => b.where('o.parent_id', '=', f.parentId!))
    .$if(!!f.q, (b) =>
      b.where((eb) =>
        eb.or([
          startsWith(eb, 'o.name_key', f.q!),
          startsWith(eb, 'o.pinyin', f.q!),
          startsWith(eb, 'o.initials', f.q!),
          sql<boolean>`o.name like ${'%' + likeEscape(f.q!) + '%'} escape '\\'`,
          sql<boolean>`o.unit_name like ${'%' + likeEscape(f.q!) + '%'} escape '\\'`,
        ]),
      ),
    )
    .$if(f.after !== undefined, (b) =>
      b.where((eb) =>
        eb.or([eb('o.name', '>', f.after![0]), eb.and([eb('o.name', '=', f.after![0]), eb('o.id', '>', f.after![1])])]),
      ),
    );
  if (f.underPath) qb = inSubtree(qb, 'o.region_path', f.underPath);
  return qb
    .orderBy('o.name')
    .orderBy('o.id')
    .limit(f.limit + 1)
    .execute();
}

/** Every organisation of the jurisdiction, for the tree (at most a few thousand in a county). */
export async function listOrganisationNodesInScope(db: Db, scope: Scope) {
  return inScope(
    db.selectFrom('party_organisations as o').select(['o.id', 'o.parent_id', 'o.kind', 'o.name', 'o.unit_name']),
    'o.region_path',
    scope,
  )
    .orderBy('o.name')
    .orderBy('o.id')
    .execute();
}

/** Active members per organisation and category, in the jurisdiction. */
export async function countMembersByOrganisation(db: Db, scope: Scope) {
  return inScope(db.selectFrom('party_members as m'), 'm.region_path', scope)
    .where('m.removed_at', 'is', null)
    .select((eb) => ['m.organisation_id', 'm.category', eb.fn.countAll<number>().as('n')])
    .groupBy(['m.organisation_id', 'm.category'])
    .execute();
}

/** An organisation's parent id (walked up to refuse a parent that would make a cycle). */
export async function parentOf(db: Db, id: string): Promise<string | null> {
  const row = await db.selectFrom('party_organisations').select('parent_id').where('id', '=', id).executeTakeFirst();
  return row?.parent_id ?? null;
}

export async function insertOrganisation(db: Db, row: Insertable<PartyOrganisationTable>): Promise<void> {
  await db.insertInto('party_organisations').values(row).execute();
}

/** Many new organisations at once, through the one bulk writer (the demo county's tree). */
export async function insertOrganisations(
  to: BulkTarget,
  rows: readonly Insertable<PartyOrganisationTable>[],
): Promise<void> {
  await insertMany(to, 'party_organisations', rows);
}

export async function updateOrganisation(db: Db, id: string, set: Updateable<PartyOrganisationTable>): Promise<void> {
  await db.updateTable('party_organisations').set(set).where('id', '=', id).execute();
}

/** Re-path the members of an organisation whose region changed. */
export async function repathMembersOf(db: Db, organisationId: string, regionId: string, regionPath: string) {
  await db
    .updateTable('party_members')
    .set({ region_id: regionId, region_path: regionPath })
    .where('organisation_id', '=', organisationId)
    .execute();
}

/** Every organisation of the jurisdiction with what an import matches and compares (a county has a few thousand). */
export async function listOrganisationsForImport(db: Db, scope: Scope) {
  return inScope(
    db
      .selectFrom('party_organisations as o')
      .select([
        'o.id',
        'o.parent_id',
        'o.code',
        'o.kind',
        'o.name',
        'o.unit_name',
        'o.unit_type',
        'o.region_id',
        'o.region_path',
        'o.phone',
      ]),
    'o.region_path',
    scope,
  ).execute();
}

/** The codes among these that organisations outside the jurisdiction hold (codes are unique county-wide). */
export async function codesHeldOutside(db: Db, scope: Scope, codes: string[]): Promise<string[]> {
  if (!codes.length || scope.prefix === '/') return [];
  const rows = await db
    .selectFrom('party_organisations')
    .select(['code', 'region_path'])
    .where('code', 'in', codes)
    .execute();
  return rows.filter((r) => !r.region_path.startsWith(scope.prefix)).map((r) => r.code!);
}

/** Organisations of the jurisdiction per region path and kind, for the figures. */
export async function countOrganisationsByRegionPath(db: Db, scope: Scope) {
  return inScope(db.selectFrom('party_organisations as o'), 'o.region_path', scope)
    .select((eb) => ['o.region_path', 'o.kind', eb.fn.countAll<number>().as('n')])
    .groupBy(['o.region_path', 'o.kind'])
    .execute();
}
