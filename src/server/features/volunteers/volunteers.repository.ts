import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '../../db/database';
import { insertMany, type BulkTarget } from '../../db/bulk-writes';
import { inScope, type Scope } from '../../access/scope';
import type { Skill, VolunteerStatus } from '../../../shared/volunteers';
import { personTextMatch } from '../residents';
import type { VolunteerAvailabilityTable, VolunteerSignupLinkTable, VolunteerTable } from './volunteers.table';

/** A volunteer group in scope, with its current members' person ids (leader first). */
export async function findGroupInScope(db: Db, scope: Scope, id: string) {
  const group = await inScope(
    db.selectFrom('volunteer_groups').selectAll().where('id', '=', id).where('disbanded_at', 'is', null),
    'region_path',
    scope,
  ).executeTakeFirst();
  if (!group) return undefined;
  const members = await db
    .selectFrom('volunteer_group_members')
    .select('person_id')
    .where('group_id', '=', id)
    .where('left_at', 'is', null)
    .execute();
  const ids = members.map((m) => m.person_id);
  ids.sort((a, b) => (a === group.leader_person_id ? -1 : b === group.leader_person_id ? 1 : a.localeCompare(b)));
  return { ...group, memberPersonIds: ids };
}

/** The volunteer records of these persons (one per person). */
export async function volunteersByPersons(db: Db, personIds: readonly string[]) {
  const out = [];
  for (let i = 0; i < personIds.length; i += 500) {
    const chunk = personIds.slice(i, i + 500);
    out.push(...(await db.selectFrom('volunteers').selectAll().where('person_id', 'in', chunk).execute()));
  }
  return out;
}

/** A skill condition on the comma-separated `skills` column (',driver,medical,' like '%,driver,%'). */
function hasSkill(skill: Skill) {
  return sql<boolean>`(',' || v.skills || ',') like ${`%,${skill},%`}`;
}

/** Volunteers with their person's name, ID number and phone, their region's name and their current group (display joins). */
function selectVolunteers(db: Db) {
  return db
    .selectFrom('volunteers as v')
    .innerJoin('persons', 'persons.id', 'v.person_id')
    .leftJoin('regions as r', 'r.id', 'v.region_id')
    .leftJoin('volunteer_group_members as gm', (j) =>
      j.onRef('gm.person_id', '=', 'v.person_id').on('gm.left_at', 'is', null),
    )
    .leftJoin('volunteer_groups as g', (j) => j.onRef('g.id', '=', 'gm.group_id').on('g.disbanded_at', 'is', null))
    .selectAll('v')
    .select([
      'persons.name as name',
      'persons.id_number as id_number',
      'persons.phone as phone',
      'r.name as region_name',
      'g.id as group_id',
      'g.name as group_name',
    ]);
}
export type VolunteerRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectVolunteers>['executeTakeFirst']>>>;

/** A volunteer of the jurisdiction, or undefined. */
export async function findVolunteerInScope(db: Db, scope: Scope, id: string): Promise<VolunteerRow | undefined> {
  return inScope(selectVolunteers(db).where('v.id', '=', id), 'v.region_path', scope).executeTakeFirst();
}

/** Volunteers of the jurisdiction by id (those out of scope are simply absent). */
export async function findVolunteersInScope(db: Db, scope: Scope, ids: readonly string[]): Promise<VolunteerRow[]> {
  if (!ids.length) return [];
  return inScope(selectVolunteers(db).where('v.id', 'in', ids), 'v.region_path', scope).execute();
}

export interface VolunteerFilter {
  status?: VolunteerStatus;
  skill?: Skill;
  weekday?: number;
  time?: string;
  groupId?: string;
  ungrouped?: boolean;
  regionPath?: string;
  q?: string;
  after?: string;
  limit: number;
}

/** A page of the jurisdiction's volunteers in id order (one row more than `limit`: there is a next page). */
export async function listVolunteersInScope(db: Db, scope: Scope, f: VolunteerFilter): Promise<VolunteerRow[]> {
  return inScope(selectVolunteers(db), 'v.region_path', scope)
    .$if(f.regionPath !== undefined, (b) => inScope(b, 'v.region_path', { prefix: f.regionPath! }))
    .$if(f.status !== undefined, (b) => b.where('v.status', '=', f.status!))
    .$if(f.skill !== undefined, (b) => b.where(hasSkill(f.skill!)))
    .$if(f.weekday !== undefined, (b) =>
      b.where((eb) =>
        eb.exists(
          eb
            .selectFrom('volunteer_availability as a')
            .select('a.volunteer_id')
            .whereRef('a.volunteer_id', '=', 'v.id')
            .where('a.weekday', '=', f.weekday!)
            .$if(f.time !== undefined, (s) => s.where('a.from_time', '<=', f.time!).where('a.to_time', '>', f.time!)),
        ),
      ),
    )
    .$if(f.groupId !== undefined, (b) => b.where('g.id', '=', f.groupId!))
    .$if(f.ungrouped === true, (b) => b.where('g.id', 'is', null))
    .$if(!!f.q, (b) => b.where((eb) => personTextMatch(eb, f.q!)))
    .$if(f.after !== undefined, (b) => b.where('v.id', '>', f.after!))
    .orderBy('v.id')
    .limit(f.limit + 1)
    .execute();
}

/**
 * Person ids of the active volunteers of a subtree with a skill, available at a local weekday and
 * time if given — for call-out targeting ("everyone with skill X in township Y").
 */
export async function activeVolunteerPersonsWithSkill(
  db: Db,
  scope: Scope,
  f: { skill: Skill; regionPath: string; weekday?: number; time?: string },
): Promise<string[]> {
  const rows = await inScope(
    inScope(db.selectFrom('volunteers as v').select('v.person_id'), 'v.region_path', scope),
    'v.region_path',
    { prefix: f.regionPath },
  )
    .where('v.status', '=', 'active')
    .where(hasSkill(f.skill))
    .$if(f.weekday !== undefined, (b) =>
      b.where((eb) =>
        eb.exists(
          eb
            .selectFrom('volunteer_availability as a')
            .select('a.volunteer_id')
            .whereRef('a.volunteer_id', '=', 'v.id')
            .where('a.weekday', '=', f.weekday!)
            .where('a.from_time', '<=', f.time!)
            .where('a.to_time', '>', f.time!),
        ),
      ),
    )
    .orderBy('v.person_id')
    .execute();
  return rows.map((r) => r.person_id);
}

export async function insertVolunteer(db: Db, row: Insertable<VolunteerTable>): Promise<void> {
  await db.insertInto('volunteers').values(row).execute();
}

export async function updateVolunteer(db: Db, id: string, set: Updateable<VolunteerTable>): Promise<void> {
  await db.updateTable('volunteers').set(set).where('id', '=', id).execute();
}

/** Replace a volunteer's weekly availability rows. */
export async function replaceAvailability(
  db: Db,
  volunteerId: string,
  rows: readonly Insertable<VolunteerAvailabilityTable>[],
): Promise<void> {
  await db.deleteFrom('volunteer_availability').where('volunteer_id', '=', volunteerId).execute();
  if (rows.length)
    await db
      .insertInto('volunteer_availability')
      .values([...rows])
      .execute();
}

/** Keep a volunteer's availability rows on their region path (after a move to another village). */
export async function repathAvailability(db: Db, volunteerId: string, regionPath: string): Promise<void> {
  await db
    .updateTable('volunteer_availability')
    .set({ region_path: regionPath })
    .where('volunteer_id', '=', volunteerId)
    .execute();
}

/** Many volunteers and their availability at once, through the one bulk writer (the demo). */
export async function insertVolunteersBulk(
  to: BulkTarget,
  volunteers: readonly Insertable<VolunteerTable>[],
  availability: readonly Insertable<VolunteerAvailabilityTable>[],
): Promise<void> {
  await insertMany(to, 'volunteers', volunteers);
  await insertMany(to, 'volunteer_availability', availability);
}

// ---- sign-up links ----

export async function findSignupLinkByRegion(db: Db, regionId: string) {
  return db.selectFrom('volunteer_signup_links').selectAll().where('region_id', '=', regionId).executeTakeFirst();
}

/** A sign-up link by its token, with its region's name and level and its township's name (display joins). */
export async function findSignupLinkByToken(db: Db, token: string) {
  return db
    .selectFrom('volunteer_signup_links as l')
    .innerJoin('regions as r', 'r.id', 'l.region_id')
    .leftJoin('regions as t', 't.id', 'r.parent_id')
    .select([
      'l.region_id',
      'l.region_path',
      'l.token',
      'r.name as region_name',
      'r.level as region_level',
      'r.status as region_status',
      't.name as township_name',
    ])
    .where('l.token', '=', token)
    .executeTakeFirst();
}

export async function insertSignupLink(db: Db, row: Insertable<VolunteerSignupLinkTable>): Promise<void> {
  await db.insertInto('volunteer_signup_links').values(row).execute();
}

export async function updateSignupLinkToken(db: Db, regionId: string, token: string): Promise<void> {
  await db.updateTable('volunteer_signup_links').set({ token }).where('region_id', '=', regionId).execute();
}
