import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf, type Scope } from '../../access/scope';
import { CursorId, decodeCursor } from '../../http/pagination';
import type { Role } from '../../../shared/enums';
import { idCardProblem, maskIdNumber, maskPhone } from '../../../shared/validators';
import type {
  MemberInput,
  MemberPatch,
  MemberRef,
  Skill,
  Team,
  TeamInput,
  TeamMember,
  TeamPatch,
  TeamQuery,
} from '../../../shared/callouts';
import { audit } from '../audit';
import { getRegionInScope } from '../regions';
import { findPersonInScope, identifyPersons } from '../residents';
import {
  deleteTeamMember,
  demoteLeaders,
  findMembership,
  findTeamInScope,
  findTeamMember,
  insertTeam,
  insertTeamMember,
  listTeamMembers,
  listTeamsInScope,
  updateTeam,
  updateTeamMember,
  type TeamMemberRow,
  type TeamRow,
} from './teams.repository';

/**
 * Who keeps teams and calls them out: the command centre, townships (their subtree) and the
 * organisation department (组织部), besides the administrator. Nobody else reads them either.
 */
export const ROLES_THAT_CALL_OUT: readonly Role[] = ['admin', 'command', 'township', 'organisation'];

const skillsOf = (text: string): Skill[] => (text ? (text.split(',') as Skill[]) : []);

/** A team as lists show it. */
export function toTeam(r: TeamRow): Team {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    regionId: r.region_id,
    regionName: r.region_name,
    regionPath: r.region_path,
    skills: skillsOf(r.skills),
    note: r.note,
    leaderPersonId: r.leader_person_id ?? null,
    leaderName: r.leader_name ?? null,
    members: Number(r.members ?? 0),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** A member as lists show them: ID number and phone masked (revealing the phone is audited). */
export function toTeamMember(m: TeamMemberRow): TeamMember {
  return {
    id: m.id,
    personId: m.person_id,
    name: m.name,
    idNumber: maskIdNumber(m.id_number),
    phone: maskPhone(m.phone),
    role: m.role,
    skills: skillsOf(m.skills),
    joinedAt: m.created_at,
  };
}

export async function getTeam(db: Db, scope: Scope, id: string): Promise<TeamRow> {
  const row = await findTeamInScope(db, scope, id);
  if (!row) throw new AppError('TEAM_NOT_FOUND');
  return row;
}

/** A team of the jurisdiction with its members, leader first. */
export async function teamDetail(db: Db, scope: Scope, id: string) {
  const team = await getTeam(db, scope, id);
  return { team: toTeam(team), members: (await listTeamMembers(db, id)).map(toTeamMember) };
}

/** The jurisdiction's active teams, filtered by kind, skill and name. */
export async function listTeams(db: Db, scope: Scope, q: TeamQuery) {
  return listTeamsInScope(db, scope, {
    kind: q.kind,
    skill: q.skill,
    name: q.q,
    after: decodeCursor(q.cursor, CursorId),
    limit: q.limit,
  });
}

/**
 * The registry person a member reference means. A picked person must be in the actor's
 * jurisdiction. An ID number goes through the registry's identity rules (one ID number, one person):
 * the registered holder, or — for a number the registry has never seen — a new person registered at
 * the team's base and marked 未核验身份 until a household registration verifies them. A number held
 * under another name is refused.
 */
async function personFor(db: Db, clock: Clock, scope: Scope, team: TeamRow, ref: MemberRef): Promise<string> {
  if ('personId' in ref) {
    const p = await findPersonInScope(db, scope, ref.personId);
    if (!p) throw new AppError('PERSON_NOT_FOUND');
    return p.id;
  }
  if (ref.idNumber.length === 18 ? idCardProblem(ref.idNumber) : !/^[A-Z0-9]{5,20}$/.test(ref.idNumber))
    throw new AppError('ID_NUMBER_INVALID', { field: 'idNumber' });
  const [person] = await identifyPersons(db, clock, [
    {
      name: ref.name,
      idNumber: ref.idNumber,
      phone: ref.phone ?? null,
      place: {
        regionId: team.region_id,
        regionPath: team.region_path,
        note: `登记于队伍：${team.name}`,
        tagFor: () => null, // registered by a cadre who knows them: no checkpoint tag
        source: 'callouts',
      },
    },
  ]);
  if (!person) throw new AppError('PERSON_NOT_FOUND');
  if (person.name !== ref.name) throw new AppError('ID_NUMBER_NAME_MISMATCH', { field: 'name' });
  return person.id;
}

async function addMember(
  trx: Db,
  clock: Clock,
  actor: Actor,
  team: TeamRow,
  input: { person: MemberRef; role: 'leader' | 'member'; skills: Skill[] },
): Promise<string> {
  const personId = await personFor(trx, clock, scopeOf(actor), team, input.person);
  if (await findMembership(trx, team.id, personId)) throw new AppError('TEAM_MEMBER_EXISTS', { personId });
  if (input.role === 'leader') await demoteLeaders(trx, team.id);
  const now = clock.now();
  const id = uuidv7(now.getTime());
  await insertTeamMember(trx, {
    id,
    team_id: team.id,
    person_id: personId,
    region_path: team.region_path,
    role: input.role,
    skills: input.skills.join(','),
    created_at: now.toISOString(),
  });
  await updateTeam(trx, team.id, { updated_at: now.toISOString() });
  await audit(trx, clock, actor, {
    action: 'team.member_add',
    entityType: 'team',
    entityId: team.id,
    regionPath: team.region_path,
    details: { memberId: id, personId, role: input.role },
  });
  return id;
}

/** Set up a team based in a region of the jurisdiction; its leader, if given, is its first member. */
export async function createTeam(db: Db, clock: Clock, actor: Actor, input: TeamInput): Promise<TeamRow> {
  const scope = scopeOf(actor);
  const id = await db.transaction().execute(async (trx) => {
    const region = await getRegionInScope(trx, scope, input.regionId);
    const now = clock.now();
    const at = now.toISOString();
    const teamId = uuidv7(now.getTime());
    await insertTeam(trx, {
      id: teamId,
      region_id: region.id,
      region_path: region.path,
      name: input.name,
      kind: input.kind,
      skills: input.skills.join(','),
      note: input.note ?? null,
      status: 'active',
      created_by: actor.id,
      created_at: at,
      updated_at: at,
    });
    await audit(trx, clock, actor, {
      action: 'team.create',
      entityType: 'team',
      entityId: teamId,
      regionPath: region.path,
      details: { name: input.name, kind: input.kind },
    });
    if (input.leader) {
      const team = await getTeam(trx, scope, teamId);
      await addMember(trx, clock, actor, team, { person: input.leader, role: 'leader', skills: [] });
    }
    return teamId;
  });
  return getTeam(db, scope, id);
}

/** Rename a team, change its kind, skills or note. */
export async function changeTeam(db: Db, clock: Clock, actor: Actor, id: string, patch: TeamPatch) {
  const scope = scopeOf(actor);
  await db.transaction().execute(async (trx) => {
    const team = await getTeam(trx, scope, id);
    await updateTeam(trx, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.kind !== undefined ? { kind: patch.kind } : {}),
      ...(patch.skills !== undefined ? { skills: patch.skills.join(',') } : {}),
      ...(patch.note !== undefined ? { note: patch.note } : {}),
      updated_at: clock.now().toISOString(),
    });
    await audit(trx, clock, actor, {
      action: 'team.change',
      entityType: 'team',
      entityId: id,
      regionPath: team.region_path,
      details: { ...patch },
    });
  });
  return getTeam(db, scope, id);
}

/** Disband a team: it leaves every list, its rows stay (the audit log and later call-outs refer to them). */
export async function disbandTeam(db: Db, clock: Clock, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const team = await getTeam(trx, scopeOf(actor), id);
    await updateTeam(trx, id, { status: 'disbanded', updated_at: clock.now().toISOString() });
    await audit(trx, clock, actor, {
      action: 'team.disband',
      entityType: 'team',
      entityId: id,
      regionPath: team.region_path,
      details: { name: team.name },
    });
  });
}

/** Add a member (a picked registry person, or one identified by ID number); a new leader replaces the old. */
export async function addTeamMember(db: Db, clock: Clock, actor: Actor, teamId: string, input: MemberInput) {
  const memberId = await db.transaction().execute(async (trx) => {
    const team = await getTeam(trx, scopeOf(actor), teamId);
    return addMember(trx, clock, actor, team, input);
  });
  return toTeamMember((await findTeamMember(db, teamId, memberId))!);
}

async function getMember(db: Db, scope: Scope, teamId: string, memberId: string) {
  const team = await getTeam(db, scope, teamId);
  const member = await findTeamMember(db, teamId, memberId);
  if (!member) throw new AppError('TEAM_MEMBER_NOT_FOUND');
  return { team, member };
}

/** Change a member's role or skills; making someone leader makes the old leader a member. */
export async function changeTeamMember(
  db: Db,
  clock: Clock,
  actor: Actor,
  teamId: string,
  memberId: string,
  patch: MemberPatch,
) {
  await db.transaction().execute(async (trx) => {
    const { team } = await getMember(trx, scopeOf(actor), teamId, memberId);
    if (patch.role === 'leader') await demoteLeaders(trx, teamId);
    await updateTeamMember(trx, memberId, {
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(patch.skills !== undefined ? { skills: patch.skills.join(',') } : {}),
    });
    await updateTeam(trx, teamId, { updated_at: clock.now().toISOString() });
    await audit(trx, clock, actor, {
      action: 'team.member_change',
      entityType: 'team',
      entityId: teamId,
      regionPath: team.region_path,
      details: { memberId, ...patch },
    });
  });
  return toTeamMember((await findTeamMember(db, teamId, memberId))!);
}

/** Take a member off the team (the person stays in the registry). */
export async function removeTeamMember(db: Db, clock: Clock, actor: Actor, teamId: string, memberId: string) {
  await db.transaction().execute(async (trx) => {
    const { team, member } = await getMember(trx, scopeOf(actor), teamId, memberId);
    await deleteTeamMember(trx, memberId);
    await updateTeam(trx, teamId, { updated_at: clock.now().toISOString() });
    await audit(trx, clock, actor, {
      action: 'team.member_remove',
      entityType: 'team',
      entityId: teamId,
      regionPath: team.region_path,
      details: { memberId, personId: member.person_id },
    });
  });
}

/** A member's full phone, to call them; every reveal is in the audit log. */
export async function revealMemberPhone(db: Db, clock: Clock, actor: Actor, teamId: string, memberId: string) {
  const { team, member } = await getMember(db, scopeOf(actor), teamId, memberId);
  await audit(db, clock, actor, {
    action: 'team.member_reveal',
    entityType: 'team',
    entityId: teamId,
    regionPath: team.region_path,
    details: { memberId, personId: member.person_id, field: 'phone' },
  });
  return { field: 'phone' as const, value: member.phone };
}
