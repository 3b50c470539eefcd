import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/database';
import { insertMany } from '../../db/bulk-writes';
import { inScope, overlapsScope, type Scope } from '../../access/scope';
import type { Skill, TeamKind } from '../../../shared/callouts';
import type { CalloutTeamMemberTable, CalloutTeamTable } from './teams.table';

/** Active teams with their base's name, their leader and how many members they have. */
function selectTeams(db: Db) {
  return db
    .selectFrom('callout_teams')
    .leftJoin('regions', 'regions.id', 'callout_teams.region_id')
    .selectAll('callout_teams')
    .select('regions.name as region_name')
    .select((eb) => [
      eb
        .selectFrom('callout_team_members')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('callout_team_members.team_id', '=', 'callout_teams.id')
        .as('members'),
      eb
        .selectFrom('callout_team_members')
        .innerJoin('persons', 'persons.id', 'callout_team_members.person_id')
        .select('persons.id')
        .whereRef('callout_team_members.team_id', '=', 'callout_teams.id')
        .where('callout_team_members.role', '=', 'leader')
        .limit(1)
        .as('leader_person_id'),
      eb
        .selectFrom('callout_team_members')
        .innerJoin('persons', 'persons.id', 'callout_team_members.person_id')
        .select('persons.name')
        .whereRef('callout_team_members.team_id', '=', 'callout_teams.id')
        .where('callout_team_members.role', '=', 'leader')
        .limit(1)
        .as('leader_name'),
    ])
    .where('callout_teams.status', '=', 'active');
}
export type TeamRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectTeams>['executeTakeFirst']>>>;

/** An active team of the jurisdiction, or undefined. */
export async function findTeamInScope(db: Db, scope: Scope, id: string): Promise<TeamRow | undefined> {
  return inScope(
    selectTeams(db).where('callout_teams.id', '=', id),
    'callout_teams.region_path',
    scope,
  ).executeTakeFirst();
}

export interface TeamFilter {
  kind?: TeamKind;
  skill?: Skill;
  /** part of the team's name */
  name?: string;
  /** the id of the last row of the previous page */
  after?: string;
  limit: number;
}

/** A page of the jurisdiction's active teams, by id (one row more than `limit`: there is a next page). */
export async function listTeamsInScope(db: Db, scope: Scope, f: TeamFilter): Promise<TeamRow[]> {
  return inScope(selectTeams(db), 'callout_teams.region_path', scope)
    .$if(f.kind !== undefined, (b) => b.where('callout_teams.kind', '=', f.kind!))
    .$if(f.skill !== undefined, (b) => b.where('callout_teams.skills', 'like', `%${f.skill!}%`))
    .$if(!!f.name, (b) => b.where('callout_teams.name', 'like', `%${f.name!.replace(/[%_]/g, '')}%`))
    .$if(f.after !== undefined, (b) => b.where('callout_teams.id', '>', f.after!))
    .orderBy('callout_teams.id')
    .limit(f.limit + 1)
    .execute();
}

export async function insertTeam(db: Db, row: Insertable<CalloutTeamTable>): Promise<void> {
  await db.insertInto('callout_teams').values(row).execute();
}

export async function updateTeam(db: Db, id: string, set: Updateable<CalloutTeamTable>): Promise<void> {
  await db.updateTable('callout_teams').set(set).where('id', '=', id).execute();
}

/** A team's members with their name, ID number and phone from the registry (read-only display join). */
export async function listTeamMembers(db: Db, teamId: string) {
  return db
    .selectFrom('callout_team_members')
    .innerJoin('persons', 'persons.id', 'callout_team_members.person_id')
    .selectAll('callout_team_members')
    .select(['persons.name', 'persons.id_number', 'persons.phone'])
    .where('callout_team_members.team_id', '=', teamId)
    .orderBy('callout_team_members.role')
    .orderBy('callout_team_members.id')
    .execute();
}
export type TeamMemberRow = Awaited<ReturnType<typeof listTeamMembers>>[number];

/** One member of a team, with the registry's name and phone. */
export async function findTeamMember(db: Db, teamId: string, memberId: string): Promise<TeamMemberRow | undefined> {
  return db
    .selectFrom('callout_team_members')
    .innerJoin('persons', 'persons.id', 'callout_team_members.person_id')
    .selectAll('callout_team_members')
    .select(['persons.name', 'persons.id_number', 'persons.phone'])
    .where('callout_team_members.team_id', '=', teamId)
    .where('callout_team_members.id', '=', memberId)
    .executeTakeFirst();
}

export async function findMembership(db: Db, teamId: string, personId: string) {
  return db
    .selectFrom('callout_team_members')
    .select(['id', 'role'])
    .where('team_id', '=', teamId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
}

export async function insertTeamMember(db: Db, row: Insertable<CalloutTeamMemberTable>): Promise<void> {
  await db.insertInto('callout_team_members').values(row).execute();
}

export async function updateTeamMember(db: Db, id: string, set: Updateable<CalloutTeamMemberTable>): Promise<void> {
  await db.updateTable('callout_team_members').set(set).where('id', '=', id).execute();
}

/** The team's leader (if any) becomes a plain member: a team has one leader. */
export async function demoteLeaders(db: Db, teamId: string): Promise<void> {
  await db
    .updateTable('callout_team_members')
    .set({ role: 'member' })
    .where('team_id', '=', teamId)
    .where('role', '=', 'leader')
    .execute();
}

export async function deleteTeamMember(db: Db, id: string): Promise<void> {
  await db.deleteFrom('callout_team_members').where('id', '=', id).execute();
}

/** How many active teams are based in each region path of the jurisdiction (the figures group them by township). */
export async function countTeamsByPath(db: Db, scope: Scope) {
  return inScope(
    db
      .selectFrom('callout_teams')
      .select(['region_path', (eb) => eb.fn.countAll<number>().as('n')])
      .where('status', '=', 'active')
      .groupBy('region_path'),
    'region_path',
    scope,
  ).execute();
}

/** The townships of (or containing) the jurisdiction, by path — the rows of the figures. */
export async function townshipsOfScope(db: Db, scope: Scope) {
  return db
    .selectFrom('regions')
    .select(['id', 'name', 'path'])
    .where('level', '=', 'township')
    .where('status', '=', 'active')
    .where((eb) => overlapsScope(eb, 'path', scope))
    .orderBy('path')
    .execute();
}

/** Many teams at once through the one bulk writer (the demo county). */
export async function insertTeams(db: Db, rows: readonly Insertable<CalloutTeamTable>[]): Promise<void> {
  await insertMany(db, 'callout_teams', rows);
}

/** Many memberships at once through the one bulk writer (the demo county). */
export async function insertTeamMembers(db: Db, rows: readonly Insertable<CalloutTeamMemberTable>[]): Promise<void> {
  await insertMany(db, 'callout_team_members', rows);
}
