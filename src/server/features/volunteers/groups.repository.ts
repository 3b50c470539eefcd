import type { Insertable, Updateable } from 'kysely';
import { engineOf, type Db } from '../../db/database';
import { insertMany, type BulkTarget } from '../../db/bulk-writes';
import { inScope, type Scope } from '../../access/scope';
import { likeEscape } from '../../text';
import type { VolunteerGroupStatus } from '../../../shared/volunteers';
import type { VolunteerGroupMemberTable, VolunteerGroupTable } from './volunteers.table';

/** Groups (not disbanded) with their region's and leader's names and their current size (display joins). */
function selectGroups(db: Db) {
  return db
    .selectFrom('volunteer_groups as g')
    .leftJoin('regions as r', 'r.id', 'g.region_id')
    .leftJoin('persons as l', 'l.id', 'g.leader_person_id')
    .selectAll('g')
    .select((eb) => [
      'r.name as region_name',
      'l.name as leader_name',
      eb
        .selectFrom('volunteer_group_members as m')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('m.group_id', '=', 'g.id')
        .where('m.left_at', 'is', null)
        .as('size'),
    ])
    .where('g.disbanded_at', 'is', null);
}
export type GroupRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectGroups>['executeTakeFirst']>>>;

/**
 * Hold a group's row for this transaction (PostgreSQL; SQLite writes one at a time anyway), so two
 * changes of one group's members take turns and the size rule holds.
 */
export async function lockGroup(db: Db, id: string): Promise<void> {
  if (engineOf(db) === 'postgres')
    await db.selectFrom('volunteer_groups').select('id').where('id', '=', id).forUpdate().execute();
}

export async function findGroupRowInScope(db: Db, scope: Scope, id: string): Promise<GroupRow | undefined> {
  return inScope(selectGroups(db).where('g.id', '=', id), 'g.region_path', scope).executeTakeFirst();
}

export interface GroupFilter {
  status?: VolunteerGroupStatus;
  regionPath?: string;
  q?: string;
  after?: string;
  limit: number;
}

/** A page of the jurisdiction's groups in id order (one row more than `limit`). */
export async function listGroupsInScope(db: Db, scope: Scope, f: GroupFilter): Promise<GroupRow[]> {
  return inScope(selectGroups(db), 'g.region_path', scope)
    .$if(f.regionPath !== undefined, (b) => inScope(b, 'g.region_path', { prefix: f.regionPath! }))
    .$if(f.status !== undefined, (b) => b.where('g.status', '=', f.status!))
    .$if(!!f.q, (b) => b.where('g.name', 'like', `%${likeEscape(f.q!)}%`))
    .$if(f.after !== undefined, (b) => b.where('g.id', '>', f.after!))
    .orderBy('g.id')
    .limit(f.limit + 1)
    .execute();
}

/** A group's current members with their volunteer record and name and phone (display joins), in joining order. */
export async function groupMembers(db: Db, groupId: string) {
  return db
    .selectFrom('volunteer_group_members as m')
    .innerJoin('volunteers as v', 'v.person_id', 'm.person_id')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .select([
      'm.person_id',
      'm.joined_at',
      'v.id as volunteer_id',
      'v.status',
      'v.skills',
      'p.name as name',
      'p.phone as phone',
    ])
    .where('m.group_id', '=', groupId)
    .where('m.left_at', 'is', null)
    .orderBy('m.joined_at')
    .orderBy('m.person_id')
    .execute();
}

/** The group each of these persons is in now (one at most). */
export async function currentGroupsOf(db: Db, personIds: readonly string[]) {
  if (!personIds.length) return [];
  return db
    .selectFrom('volunteer_group_members')
    .select(['person_id', 'group_id'])
    .where('person_id', 'in', personIds)
    .where('left_at', 'is', null)
    .execute();
}

export async function insertGroup(db: Db, row: Insertable<VolunteerGroupTable>): Promise<void> {
  await db.insertInto('volunteer_groups').values(row).execute();
}

export async function updateGroup(db: Db, id: string, set: Updateable<VolunteerGroupTable>): Promise<void> {
  await db.updateTable('volunteer_groups').set(set).where('id', '=', id).execute();
}

/**
 * A person joins a group. The member row is the group's and the person's (primary key): a person
 * who left and comes back has their old row re-opened.
 */
export async function joinGroup(db: Db, row: Insertable<VolunteerGroupMemberTable>): Promise<void> {
  const back = await db
    .updateTable('volunteer_group_members')
    .set({ left_at: null, joined_at: row.joined_at, region_path: row.region_path })
    .where('group_id', '=', row.group_id)
    .where('person_id', '=', row.person_id)
    .executeTakeFirst();
  if (Number(back.numUpdatedRows) === 0) await db.insertInto('volunteer_group_members').values(row).execute();
}

/** Persons leave a group (the rows stay, so past tasks still name them); none given: everyone leaves. */
export async function leaveGroup(db: Db, groupId: string, at: string, personIds?: readonly string[]): Promise<void> {
  await db
    .updateTable('volunteer_group_members')
    .set({ left_at: at })
    .where('group_id', '=', groupId)
    .where('left_at', 'is', null)
    .$if(personIds !== undefined, (b) => b.where('person_id', 'in', personIds!))
    .execute();
}

/** A person leaves whatever group they are in (a volunteer who leaves the registry). */
export async function leaveAnyGroup(db: Db, personId: string, at: string): Promise<void> {
  await db
    .updateTable('volunteer_group_members')
    .set({ left_at: at })
    .where('person_id', '=', personId)
    .where('left_at', 'is', null)
    .execute();
}

/** Many groups and their members at once, through the one bulk writer (the demo). */
export async function insertGroupsBulk(
  to: BulkTarget,
  groups: readonly Insertable<VolunteerGroupTable>[],
  members: readonly Insertable<VolunteerGroupMemberTable>[],
): Promise<void> {
  await insertMany(to, 'volunteer_groups', groups);
  await insertMany(to, 'volunteer_group_members', members);
}
