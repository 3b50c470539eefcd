import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '../../db/database';
import { insertMany, type BulkTarget } from '../../db/bulk-writes';
import { inScope, type Scope } from '../../access/scope';
import { likeEscape } from '../../text';
import type { PartyMemberCategory, PartyMemberStatus } from '../../../shared/party';
import { personTextMatch } from '../residents';
import type { PartyMemberTable } from './members.table';

/** Members with their person's name, ID number and phone and their organisation's names (display joins). */
function selectMembers(db: Db) {
  return db
    .selectFrom('party_members as m')
    .innerJoin('persons', 'persons.id', 'm.person_id')
    .innerJoin('party_organisations as o', 'o.id', 'm.organisation_id')
    .selectAll('m')
    .select([
      'persons.name as name',
      'persons.id_number as id_number',
      'persons.phone as phone',
      'o.name as organisation_name',
      'o.unit_name as unit_name',
    ])
    .where('m.removed_at', 'is', null);
}
export type PartyMemberRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectMembers>['executeTakeFirst']>>>;

/** A (not removed) member of the jurisdiction, or undefined. */
export async function findMemberInScope(db: Db, scope: Scope, id: string): Promise<PartyMemberRow | undefined> {
  return inScope(selectMembers(db).where('m.id', '=', id), 'm.region_path', scope).executeTakeFirst();
}

/** The membership rows of these persons, removed ones included (one per person). */
export async function membersByPersons(db: Db, personIds: string[]) {
  if (!personIds.length) return [];
  return db
    .selectFrom('party_members')
    .select([
      'id',
      'person_id',
      'organisation_id',
      'region_path',
      'category',
      'status',
      'post',
      'joined_on',
      'removed_at',
    ])
    .where('person_id', 'in', personIds)
    .execute();
}

/**
 * Who of these persons is a party member now (not removed), with the branch they belong to — for
 * other features that show 亮身份 or count members (one row per person; chunked for large lists).
 */
export async function activeMembershipsOf(db: Db, personIds: readonly string[]) {
  const out: {
    person_id: string;
    member_id: string;
    category: 'full' | 'probationary';
    organisation_id: string;
    organisation_name: string;
    region_path: string;
  }[] = [];
  for (let i = 0; i < personIds.length; i += 500) {
    const chunk = personIds.slice(i, i + 500);
    const rows = await db
      .selectFrom('party_members as m')
      .innerJoin('party_organisations as o', 'o.id', 'm.organisation_id')
      .select([
        'm.person_id',
        'm.id as member_id',
        'm.category',
        'm.organisation_id',
        'o.name as organisation_name',
        'm.region_path',
      ])
      .where('m.person_id', 'in', chunk)
      .where('m.removed_at', 'is', null)
      .execute();
    out.push(...rows);
  }
  return out;
}

export interface PartyMemberFilter {
  organisationId?: string;
  unit?: string;
  category?: PartyMemberCategory;
  status?: PartyMemberStatus;
  q?: string;
  /** the id of the last row of the previous page */
  after?: string;
  limit: number;
}

/** A page of the jurisdiction's members in id order (one row more than `limit`: there is a next page). */
export async function listMembersInScope(db: Db, scope: Scope, f: PartyMemberFilter): Promise<PartyMemberRow[]> {
  return inScope(selectMembers(db), 'm.region_path', scope)
    .$if(f.organisationId !== undefined, (b) => b.where('m.organisation_id', '=', f.organisationId!))
    .$if(f.category !== undefined, (b) => b.where('m.category', '=', f.category!))
    .$if(f.status !== undefined, (b) => b.where('m.status', '=', f.status!))
    .$if(!!f.unit, (b) => b.where(sql<boolean>`o.unit_name like ${'%' + likeEscape(f.unit!) + '%'} escape '\\'`))
    .$if(!!f.q, (b) => b.where((eb) => personTextMatch(eb, f.q!)))
    .$if(f.after !== undefined, (b) => b.where('m.id', '>', f.after!))
    .orderBy('m.id')
    .limit(f.limit + 1)
    .execute();
}

export async function insertMember(db: Db, row: Insertable<PartyMemberTable>): Promise<void> {
  await db.insertInto('party_members').values(row).execute();
}

/** Many new members at once, through the one bulk writer (the member import). */
export async function insertMembers(to: BulkTarget, rows: readonly Insertable<PartyMemberTable>[]): Promise<void> {
  await insertMany(to, 'party_members', rows);
}

export async function updateMember(db: Db, id: string, set: Updateable<PartyMemberTable>): Promise<void> {
  await db.updateTable('party_members').set(set).where('id', '=', id).execute();
}

/** Active members of the jurisdiction per region path (their organisation's) and category, for the figures. */
export async function countMembersByRegionPath(db: Db, scope: Scope) {
  return inScope(db.selectFrom('party_members as m'), 'm.region_path', scope)
    .where('m.removed_at', 'is', null)
    .select((eb) => ['m.region_path', 'm.category', eb.fn.countAll<number>().as('n')])
    .groupBy(['m.region_path', 'm.category'])
    .execute();
}
