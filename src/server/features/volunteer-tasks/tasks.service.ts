import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf, type Scope } from '../../access/scope';
import { CursorId, decodeCursor } from '../../http/pagination';
import type { Role } from '../../../shared/enums';
import { maskIdNumber, maskPhone } from '../../../shared/validators';
import type { Task, TaskDetail, TaskInput, TaskQuery } from '../../../shared/volunteer-tasks';
import { audit } from '../audit';
import { findTeamInScope, listTeamMembers } from '../callouts';
import { findShiftInScope, getSite } from '../checkpoints';
import { findGatheringInScope } from '../gatherings';
import { findNecessityRequestInScope } from '../isolation';
import { getRegionInScope } from '../regions';
import { findPersonInScope } from '../residents';
import { findGroupInScope } from '../volunteers';
import { closeStaleCheckIns, toHoursEntry } from './hours.service';
import { listHoursOfTask } from './hours.repository';
import {
  findTaskInScope,
  insertTask,
  insertTaskAssignees,
  listTaskAssignees,
  listTasksInScope,
  updateTask,
  type TaskRow,
} from './tasks.repository';

/**
 * Who hands out volunteer tasks, checks volunteers in and out and approves their hours: the
 * command centre, townships, the organisation department and grid workers (who lead the village's
 * volunteers), besides the administrator — each in their own subtree.
 */
export const ROLES_THAT_LEAD_VOLUNTEERS: readonly Role[] = ['admin', 'command', 'township', 'organisation', 'grid'];

/** A task as lists show it. */
export function toTask(r: TaskRow): Task {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    regionId: r.region_id,
    regionName: r.region_name ?? null,
    regionPath: r.region_path,
    place: r.place,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    assigneeKind: r.assignee_kind,
    assigneeName:
      (r.assignee_kind === 'group' ? r.group_name : r.assignee_kind === 'team' ? r.team_name : r.person_name) ?? null,
    groupId: r.group_id,
    teamId: r.team_id,
    gatheringId: r.gathering_id,
    necessityId: r.necessity_id,
    siteId: r.site_id,
    shiftId: r.shift_id,
    status: r.status,
    note: r.note,
    doneNote: r.done_note,
    hasPhoto: !!r.photo_file,
    doneAt: r.done_at,
    cancelReason: r.cancel_reason,
    persons: Number(r.persons ?? 0),
    createdAt: r.created_at,
  };
}

export async function getTask(db: Db, scope: Scope, id: string): Promise<TaskRow> {
  const row = await findTaskInScope(db, scope, id);
  if (!row) throw new AppError('VOLUNTEER_TASK_NOT_FOUND');
  return row;
}

/** The jurisdiction's tasks, newest first, filtered by status, kind, group or team. */
export async function listTasks(db: Db, scope: Scope, q: TaskQuery) {
  return listTasksInScope(db, scope, {
    status: q.status,
    kind: q.kind,
    groupId: q.groupId,
    teamId: q.teamId,
    before: decodeCursor(q.cursor, CursorId),
    limit: q.limit,
  });
}

/** A task with its persons (ID numbers and phones masked) and every check-in on it. */
export async function taskDetail(db: Db, clock: Clock, scope: Scope, id: string): Promise<TaskDetail> {
  await closeStaleCheckIns(db, clock);
  const task = await getTask(db, scope, id);
  const assignees = await listTaskAssignees(db, id);
  return {
    task: toTask(task),
    assignees: assignees.map((a) => ({
      personId: a.person_id,
      name: a.name,
      idNumber: maskIdNumber(a.id_number),
      phone: maskPhone(a.phone),
    })),
    hours: (await listHoursOfTask(db, id)).map(toHoursEntry),
  };
}

/**
 * The persons a task is for. A person must be in the jurisdiction; a volunteer group (志愿小组) or a
 * team (突击队 / 志愿服务队) is resolved to its members as they are now — a member who joins later
 * is not on an earlier task, one who leaves keeps the tasks they had.
 */
async function personsOf(db: Db, scope: Scope, input: TaskInput) {
  const a = input.assignee;
  if ('personId' in a) {
    const p = await findPersonInScope(db, scope, a.personId);
    if (!p) throw new AppError('PERSON_NOT_FOUND');
    return { kind: 'person' as const, personIds: [p.id], groupId: null, teamId: null };
  }
  if ('groupId' in a) {
    const g = await findGroupInScope(db, scope, a.groupId);
    if (!g) throw new AppError('VOLUNTEER_GROUP_NOT_FOUND');
    return { kind: 'group' as const, personIds: g.memberPersonIds, groupId: g.id, teamId: null };
  }
  const team = await findTeamInScope(db, scope, a.teamId);
  if (!team) throw new AppError('TEAM_NOT_FOUND');
  const members = await listTeamMembers(db, team.id);
  return { kind: 'team' as const, personIds: members.map((m) => m.person_id), groupId: null, teamId: team.id };
}

/**
 * The record a task serves, checked in the jurisdiction: 劝阻聚集 may link a gathering, 代购代送 an
 * isolated person's necessity request, 卡口值守 a checkpoint site or one of its shifts; no other
 * kind links anything (VOLUNTEER_TASK_LINK_INVALID). A linked record that does not exist or lies
 * outside the user's jurisdiction is "not found" (404), as everywhere else.
 */
async function checkLinks(db: Db, scope: Scope, input: TaskInput) {
  const wrong = (field: string) => new AppError('VOLUNTEER_TASK_LINK_INVALID', { field });
  if (input.gatheringId) {
    if (input.kind !== 'dissuade_gathering') throw wrong('gatheringId');
    if (!(await findGatheringInScope(db, scope, input.gatheringId)))
      throw new AppError('GATHERING_NOT_FOUND', { field: 'gatheringId' });
  }
  if (input.necessityId) {
    if (input.kind !== 'errands') throw wrong('necessityId');
    if (!(await findNecessityRequestInScope(db, scope, input.necessityId)))
      throw new AppError('NECESSITY_NOT_FOUND', { field: 'necessityId' });
  }
  let siteId = input.siteId ?? null;
  if (input.shiftId) {
    if (input.kind !== 'checkpoint_duty') throw wrong('shiftId');
    const shift = await findShiftInScope(db, scope, input.shiftId);
    if (!shift) throw new AppError('SHIFT_NOT_FOUND', { field: 'shiftId' });
    if (siteId && shift.site_id !== siteId) throw wrong('shiftId');
    siteId = shift.site_id;
  }
  if (siteId) {
    if (input.kind !== 'checkpoint_duty') throw wrong('siteId');
    await getSite(db, scope, siteId);
  }
  return siteId;
}

/** Hand out a task in a place of the jurisdiction; its assignee is resolved to persons and kept per person. */
export async function createTask(db: Db, clock: Clock, actor: Actor, input: TaskInput): Promise<TaskRow> {
  const scope = scopeOf(actor);
  const id = await db.transaction().execute(async (trx) => {
    const region = await getRegionInScope(trx, scope, input.regionId);
    const siteId = await checkLinks(trx, scope, input);
    const who = await personsOf(trx, scope, input);
    if (who.personIds.length === 0) throw new AppError('VOLUNTEER_TASK_NO_PERSONS');
    const now = clock.now();
    const at = now.toISOString();
    const taskId = uuidv7(now.getTime());
    await insertTask(trx, {
      id: taskId,
      region_id: region.id,
      region_path: region.path,
      kind: input.kind,
      title: input.title,
      place: input.place,
      starts_at: new Date(input.startsAt).toISOString(),
      ends_at: new Date(input.endsAt).toISOString(),
      assignee_kind: who.kind,
      group_id: who.groupId,
      team_id: who.teamId,
      gathering_id: input.gatheringId ?? null,
      necessity_id: input.necessityId ?? null,
      site_id: siteId,
      shift_id: input.shiftId ?? null,
      status: 'open',
      note: input.note ?? null,
      done_note: null,
      photo_file: null,
      photo_type: null,
      done_at: null,
      done_by: null,
      cancel_reason: null,
      created_by: actor.id,
      created_at: at,
      updated_at: at,
    });
    await insertTaskAssignees(
      trx,
      [...new Set(who.personIds)].map((personId) => ({
        task_id: taskId,
        person_id: personId,
        region_path: region.path,
        created_at: at,
      })),
    );
    await audit(trx, clock, actor, {
      action: 'volunteer_task.create',
      entityType: 'volunteer_task',
      entityId: taskId,
      regionPath: region.path,
      details: { kind: input.kind, title: input.title, assignee: input.assignee, persons: who.personIds.length },
    });
    return taskId;
  });
  return getTask(db, scope, id);
}

/** Start (进行中) or cancel a task that is not finished; a cancelled task takes no more check-ins. */
export async function setTaskStatus(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  input: { status: 'in_progress' | 'cancelled'; reason?: string | null },
) {
  const scope = scopeOf(actor);
  await db.transaction().execute(async (trx) => {
    const task = await getTask(trx, scope, id);
    if (task.status === 'done' || task.status === 'cancelled') throw new AppError('VOLUNTEER_TASK_CLOSED');
    await updateTask(trx, id, {
      status: input.status,
      cancel_reason: input.status === 'cancelled' ? (input.reason ?? null) : null,
      updated_at: clock.now().toISOString(),
    });
    await audit(trx, clock, actor, {
      action: `volunteer_task.${input.status === 'cancelled' ? 'cancel' : 'start'}`,
      entityType: 'volunteer_task',
      entityId: id,
      regionPath: task.region_path,
      details: { reason: input.reason ?? null },
    });
  });
  return getTask(db, scope, id);
}

/** Mark a task done with a note of what was done (a photo may follow). */
export async function completeTask(db: Db, clock: Clock, actor: Actor, id: string, note: string) {
  const scope = scopeOf(actor);
  await db.transaction().execute(async (trx) => {
    const task = await getTask(trx, scope, id);
    if (task.status === 'done' || task.status === 'cancelled') throw new AppError('VOLUNTEER_TASK_CLOSED');
    const at = clock.now().toISOString();
    await updateTask(trx, id, { status: 'done', done_note: note, done_at: at, done_by: actor.id, updated_at: at });
    await audit(trx, clock, actor, {
      action: 'volunteer_task.done',
      entityType: 'volunteer_task',
      entityId: id,
      regionPath: task.region_path,
      details: { note },
    });
  });
  return getTask(db, scope, id);
}
