import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf, type Scope } from '../../access/scope';
import { CursorId, decodeCursor } from '../../http/pagination';
import { maskPhone } from '../../../shared/validators';
import {
  GROUP_MAX,
  GROUP_MIN,
  skillsOf,
  type VolunteerGroup,
  type VolunteerGroupDetail,
  type VolunteerGroupInput,
  type VolunteerGroupPatch,
  type VolunteerGroupQuery,
} from '../../../shared/volunteers';
import { audit } from '../audit';
import { getRegionInScope } from '../regions';
import { findVolunteersInScope, type VolunteerRow } from './volunteers.repository';
import {
  currentGroupsOf,
  findGroupRowInScope,
  groupMembers,
  insertGroup,
  joinGroup,
  leaveAnyGroup,
  leaveGroup,
  listGroupsInScope,
  lockGroup,
  updateGroup,
  type GroupRow,
} from './groups.repository';

/**
 * Groups of 3–5 volunteers under a leader (志愿服务小组), as one village formed them to put up
 * posters and persuade families to cancel banquets. The rules, decided here:
 * - a group is **forming** while it is put together: 0–5 members, the leader optional;
 * - **activating** it needs 3–5 members and a leader among them (else VOLUNTEER_GROUP_SIZE /
 *   VOLUNTEER_GROUP_LEADER); an active group never goes above 5 or below 3 by a cadre's hand —
 *   removing its third-last member is refused; a volunteer who leaves the registry takes their
 *   place with them, and an active group left with fewer than 3 goes back to forming;
 * - a volunteer is in one group at a time (VOLUNTEER_IN_GROUP), and one who left cannot join;
 * - the leader is a member: removing the leader needs another leader first;
 * - disbanding keeps the group and its member rows (past tasks still name them).
 */

export function toGroup(r: GroupRow): VolunteerGroup {
  return {
    id: r.id,
    name: r.name,
    regionId: r.region_id,
    regionName: r.region_name ?? null,
    regionPath: r.region_path,
    status: r.status,
    leaderPersonId: r.leader_person_id,
    leaderName: r.leader_name ?? null,
    note: r.note,
    size: Number(r.size ?? 0),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function getGroup(db: Db, scope: Scope, id: string): Promise<GroupRow> {
  const row = await findGroupRowInScope(db, scope, id);
  if (!row) throw new AppError('VOLUNTEER_GROUP_NOT_FOUND');
  return row;
}

/** A group with its members (phones masked), leader first. */
export async function groupDetail(db: Db, scope: Scope, id: string): Promise<VolunteerGroupDetail> {
  const row = await getGroup(db, scope, id);
  const members = (await groupMembers(db, id)).map((m) => ({
    volunteerId: m.volunteer_id,
    personId: m.person_id,
    name: m.name,
    phone: maskPhone(m.phone),
    status: m.status,
    skills: skillsOf(m.skills),
    leader: m.person_id === row.leader_person_id,
    joinedAt: m.joined_at,
  }));
  members.sort((a, b) => Number(b.leader) - Number(a.leader));
  return { ...toGroup(row), members };
}

/** The volunteers behind these ids, all in the actor's jurisdiction, none left, none in another group. */
async function joiners(
  trx: Db,
  scope: Scope,
  volunteerIds: readonly string[],
  groupId: string,
): Promise<VolunteerRow[]> {
  const ids = [...new Set(volunteerIds)];
  const rows = await findVolunteersInScope(trx, scope, ids);
  if (rows.length !== ids.length) throw new AppError('VOLUNTEER_NOT_FOUND');
  const left = rows.find((r) => r.status === 'left');
  if (left) throw new AppError('VOLUNTEER_NOT_AVAILABLE', { volunteerId: left.id });
  const elsewhere = (
    await currentGroupsOf(
      trx,
      rows.map((r) => r.person_id),
    )
  ).find((g) => g.group_id !== groupId);
  if (elsewhere) {
    const v = rows.find((r) => r.person_id === elsewhere.person_id)!;
    throw new AppError('VOLUNTEER_IN_GROUP', { volunteerId: v.id });
  }
  return rows;
}

/** Form a group in a region of the jurisdiction, with up to 5 first members and perhaps its leader (it starts forming). */
export async function createGroup(db: Db, clock: Clock, actor: Actor, input: VolunteerGroupInput) {
  const scope = scopeOf(actor);
  const region = await getRegionInScope(db, scope, input.regionId);
  const id = await db.transaction().execute(async (trx) => {
    const now = clock.now();
    const at = now.toISOString();
    const groupId = uuidv7(now.getTime());
    const members = await joiners(trx, scope, input.memberIds, groupId);
    if (members.length > GROUP_MAX) throw new AppError('VOLUNTEER_GROUP_SIZE', { size: members.length });
    const leader = input.leaderId ? members.find((m) => m.id === input.leaderId) : undefined;
    if (input.leaderId && !leader) throw new AppError('VOLUNTEER_GROUP_LEADER');
    await insertGroup(trx, {
      id: groupId,
      region_id: region.id,
      region_path: region.path,
      name: input.name,
      leader_person_id: leader?.person_id ?? null,
      status: 'forming',
      note: input.note ?? null,
      disbanded_at: null,
      created_by: actor.id,
      created_at: at,
      updated_at: at,
    });
    for (const m of members)
      await joinGroup(trx, {
        group_id: groupId,
        person_id: m.person_id,
        region_path: region.path,
        joined_at: at,
        left_at: null,
      });
    await audit(trx, clock, actor, {
      action: 'volunteer_group.create',
      entityType: 'volunteer_group',
      entityId: groupId,
      regionPath: region.path,
      details: { name: input.name, members: members.map((m) => m.id), leader: leader?.id ?? null },
    });
    return groupId;
  });
  return groupDetail(db, scope, id);
}

async function changeGroup(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  action: string,
  change: (trx: Db, group: GroupRow, at: string) => Promise<Record<string, unknown>>,
) {
  const scope = scopeOf(actor);
  await db.transaction().execute(async (trx) => {
    await lockGroup(trx, id);
    const group = await getGroup(trx, scope, id);
    const at = clock.now().toISOString();
    const details = await change(trx, group, at);
    await updateGroup(trx, id, { updated_at: at });
    await audit(trx, clock, actor, {
      action: `volunteer_group.${action}`,
      entityType: 'volunteer_group',
      entityId: id,
      regionPath: group.region_path,
      details,
    });
  });
}

/** Rename a group, change its note, or name another member its leader. */
export async function patchGroup(db: Db, clock: Clock, actor: Actor, id: string, input: VolunteerGroupPatch) {
  await changeGroup(db, clock, actor, id, 'update', async (trx, group) => {
    let leaderPersonId: string | undefined;
    if (input.leaderId) {
      const m = (await groupMembers(trx, id)).find((x) => x.volunteer_id === input.leaderId);
      if (!m) throw new AppError('VOLUNTEER_GROUP_LEADER');
      leaderPersonId = m.person_id;
    }
    await updateGroup(trx, id, {
      ...(input.name ? { name: input.name } : {}),
      ...(input.note !== undefined ? { note: input.note } : {}),
      ...(leaderPersonId ? { leader_person_id: leaderPersonId } : {}),
    });
    return {
      changed: Object.keys(input),
      from: group.leader_person_id,
      leader: leaderPersonId ?? group.leader_person_id,
    };
  });
  return groupDetail(db, scopeOf(actor), id);
}

/** Add volunteers to a group: never above 5. */
export async function addGroupMembers(db: Db, clock: Clock, actor: Actor, id: string, volunteerIds: string[]) {
  await changeGroup(db, clock, actor, id, 'add_members', async (trx, group, at) => {
    const rows = await joiners(trx, scopeOf(actor), volunteerIds, id);
    const current = new Set((await groupMembers(trx, id)).map((m) => m.person_id));
    const newcomers = rows.filter((r) => !current.has(r.person_id));
    if (current.size + newcomers.length > GROUP_MAX)
      throw new AppError('VOLUNTEER_GROUP_SIZE', { size: current.size + newcomers.length });
    for (const m of newcomers)
      await joinGroup(trx, {
        group_id: id,
        person_id: m.person_id,
        region_path: group.region_path,
        joined_at: at,
        left_at: null,
      });
    return { added: newcomers.map((m) => m.id) };
  });
  return groupDetail(db, scopeOf(actor), id);
}

/** Take a volunteer out of a group: not its leader (name another first), and an active group keeps 3. */
export async function removeGroupMember(db: Db, clock: Clock, actor: Actor, id: string, volunteerId: string) {
  await changeGroup(db, clock, actor, id, 'remove_member', async (trx, group, at) => {
    const members = await groupMembers(trx, id);
    const m = members.find((x) => x.volunteer_id === volunteerId);
    if (!m) throw new AppError('VOLUNTEER_NOT_FOUND');
    if (m.person_id === group.leader_person_id) throw new AppError('VOLUNTEER_GROUP_LEADER');
    if (group.status === 'active' && members.length - 1 < GROUP_MIN)
      throw new AppError('VOLUNTEER_GROUP_SIZE', { size: members.length - 1 });
    await leaveGroup(trx, id, at, [m.person_id]);
    return { removed: volunteerId };
  });
  return groupDetail(db, scopeOf(actor), id);
}

/** Activate a forming group: 3–5 members, a leader among them. */
export async function activateGroup(db: Db, clock: Clock, actor: Actor, id: string) {
  await changeGroup(db, clock, actor, id, 'activate', async (trx, group) => {
    const members = await groupMembers(trx, id);
    if (members.length < GROUP_MIN || members.length > GROUP_MAX)
      throw new AppError('VOLUNTEER_GROUP_SIZE', { size: members.length });
    if (!group.leader_person_id || !members.some((m) => m.person_id === group.leader_person_id))
      throw new AppError('VOLUNTEER_GROUP_LEADER');
    await updateGroup(trx, id, { status: 'active' });
    return { size: members.length };
  });
  return groupDetail(db, scopeOf(actor), id);
}

/** Disband a group: its members are free to join another; the group and its rows are kept. */
export async function disbandGroup(db: Db, clock: Clock, actor: Actor, id: string) {
  await changeGroup(db, clock, actor, id, 'disband', async (trx, _group, at) => {
    await leaveGroup(trx, id, at);
    await updateGroup(trx, id, { disbanded_at: at });
    return {};
  });
}

/**
 * A volunteer who leaves the registry leaves their group; an active group left with fewer than 3
 * goes back to forming, and loses its leader if it was them (both audited).
 */
export async function leaveVolunteerFromGroup(trx: Db, clock: Clock, actor: Actor, personId: string): Promise<void> {
  const [membership] = await currentGroupsOf(trx, [personId]);
  if (!membership) return;
  const at = clock.now().toISOString();
  await leaveAnyGroup(trx, personId, at);
  const group = await findGroupRowInScope(trx, { prefix: '/' }, membership.group_id);
  if (!group) return;
  const size = Number(group.size ?? 0);
  const backToForming = group.status === 'active' && size < GROUP_MIN;
  await updateGroup(trx, group.id, {
    ...(backToForming ? { status: 'forming' } : {}),
    ...(group.leader_person_id === personId ? { leader_person_id: null } : {}),
    updated_at: at,
  });
  await audit(trx, clock, actor, {
    action: 'volunteer_group.member_left',
    entityType: 'volunteer_group',
    entityId: group.id,
    regionPath: group.region_path,
    details: { personId, size, backToForming },
  });
}

/** Groups of the jurisdiction in id order. */
export async function listGroups(db: Db, scope: Scope, q: VolunteerGroupQuery) {
  const region = q.regionId ? await getRegionInScope(db, scope, q.regionId) : null;
  return listGroupsInScope(db, scope, {
    status: q.status,
    regionPath: region?.path,
    q: q.q,
    after: decodeCursor(q.cursor, CursorId),
    limit: q.limit,
  });
}
