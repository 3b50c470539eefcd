import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { AppError } from '../../errors';
import { maskName } from '../../../shared/validators';
import type { HoursDecision, SelfView } from '../../../shared/volunteer-tasks';
import { audit } from '../audit';
import { groupsLedBy, volunteerOfSelfLink } from '../volunteers';
import { leads } from './approvers.service';
import { checkInForTask, checkOutRow, closeStaleCheckIns, decideRow } from './hours.service';
import {
  findHoursById,
  findOpenCheckIn,
  pendingHoursAmong,
  recentHoursOfPerson,
  type HoursRow,
} from './hours.repository';
import { storeTaskPhoto } from './photos.service';
import {
  findTaskById,
  isTaskAssignee,
  openTasksOfPerson,
  teamTaskIdsOfPerson,
  updateTask,
  type TaskRow,
} from './tasks.repository';

const toSelfHours = (h: HoursRow) => ({
  id: h.id,
  name: maskName(h.name),
  taskTitle: h.task_title ?? null,
  kind: h.kind,
  checkInAt: h.check_in_at,
  checkOutAt: h.check_out_at,
  minutes: Number(h.minutes),
  autoClosed: Number(h.auto_closed) === 1,
  status: h.status,
  refusalReason: h.refusal_reason,
});

/** The pending hours a leader may decide on: their groups' members', their groups' tasks', their teams' tasks'. */
async function hoursToDecide(db: Db, personId: string): Promise<HoursRow[]> {
  const groups = await groupsLedBy(db, personId);
  const candidates = await pendingHoursAmong(
    db,
    {
      personIds: groups.flatMap((g) => g.memberPersonIds).filter((p) => p !== personId),
      groupIds: groups.map((g) => g.id),
      taskIds: await teamTaskIdsOfPerson(db, personId, 200),
    },
    200,
  );
  const out: HoursRow[] = [];
  for (const h of candidates) if (h.person_id !== personId && (await leads(db, personId, h))) out.push(h);
  return out;
}

/**
 * What a volunteer's personal link shows (the 12-hour rule applied first): their tasks not yet
 * finished, their open check-in, their latest hours, and the hours waiting for them as a leader.
 */
export async function selfView(db: Db, clock: Clock, token: string): Promise<SelfView> {
  const v = await volunteerOfSelfLink(db, clock, token);
  await closeStaleCheckIns(db, clock);
  const open = await findOpenCheckIn(db, v.personId);
  return {
    name: maskName(v.name),
    expiresAt: v.expiresAt,
    tasks: (await openTasksOfPerson(db, v.personId, 50)).map((t) => ({
      id: t.id,
      kind: t.kind,
      title: t.title,
      place: t.place,
      regionName: t.region_name ?? null,
      startsAt: t.starts_at,
      endsAt: t.ends_at,
      status: t.status,
    })),
    openCheckIn: open ? { id: open.id, taskId: open.task_id, checkInAt: open.check_in_at } : null,
    recentHours: (await recentHoursOfPerson(db, v.personId, 10)).map(toSelfHours),
    toDecide: (await hoursToDecide(db, v.personId)).map(toSelfHours),
  };
}

/** A task the link's volunteer is on (any other task is "not found", wherever it is). */
async function ownTask(db: Db, personId: string, taskId: string): Promise<TaskRow> {
  const task = await findTaskById(db, taskId);
  if (!task || !(await isTaskAssignee(db, task.id, personId))) throw new AppError('VOLUNTEER_TASK_NOT_FOUND');
  return task;
}

/** 签到: the volunteer checks themselves in for one of their tasks (one open check-in at a time). */
export async function selfCheckIn(db: Db, clock: Clock, token: string, taskId: string): Promise<void> {
  const v = await volunteerOfSelfLink(db, clock, token);
  await closeStaleCheckIns(db, clock);
  await db.transaction().execute(async (trx) => {
    await checkInForTask(trx, clock, null, await ownTask(trx, v.personId, taskId), v.personId);
  });
}

/** 签退: the volunteer closes their open check-in; the minutes wait for their leader's decision. */
export async function selfCheckOut(db: Db, clock: Clock, token: string): Promise<void> {
  const v = await volunteerOfSelfLink(db, clock, token);
  await closeStaleCheckIns(db, clock);
  await db.transaction().execute(async (trx) => {
    const open = await findOpenCheckIn(trx, v.personId);
    const h = open && (await findHoursById(trx, open.id));
    if (!h) throw new AppError('VOLUNTEER_NOT_CHECKED_IN');
    await checkOutRow(trx, clock, null, h);
  });
}

/**
 * 完成: the volunteer marks their task done with a note of what was done (checking out first if
 * they are still checked in on it); a photo may follow.
 */
export async function selfCompleteTask(db: Db, clock: Clock, token: string, taskId: string, note: string) {
  const v = await volunteerOfSelfLink(db, clock, token);
  await closeStaleCheckIns(db, clock);
  await db.transaction().execute(async (trx) => {
    const task = await ownTask(trx, v.personId, taskId);
    if (task.status === 'done' || task.status === 'cancelled') throw new AppError('VOLUNTEER_TASK_CLOSED');
    const open = await findOpenCheckIn(trx, v.personId);
    if (open?.task_id === task.id) await checkOutRow(trx, clock, null, (await findHoursById(trx, open.id))!);
    const at = clock.now().toISOString();
    await updateTask(trx, task.id, { status: 'done', done_note: note, done_at: at, done_by: null, updated_at: at });
    await audit(trx, clock, null, {
      action: 'volunteer_task.self_done',
      entityType: 'volunteer_task',
      entityId: task.id,
      regionPath: task.region_path,
      details: { note, personId: v.personId },
    });
  });
}

/** The photo of a task the volunteer marked done (the same checks as a lead's upload). */
export async function selfTaskPhoto(db: Db, clock: Clock, dir: string, token: string, taskId: string, bytes: Buffer) {
  const v = await volunteerOfSelfLink(db, clock, token);
  await storeTaskPhoto(db, clock, dir, null, await ownTask(db, v.personId, taskId), bytes);
}

/** A group or team leader approves or refuses hours from their own link (never their own hours). */
export async function selfDecideHours(
  db: Db,
  clock: Clock,
  token: string,
  hoursId: string,
  d: HoursDecision,
): Promise<void> {
  const v = await volunteerOfSelfLink(db, clock, token);
  await closeStaleCheckIns(db, clock);
  await db.transaction().execute(async (trx) => {
    const h = await findHoursById(trx, hoursId);
    if (!h) throw new AppError('VOLUNTEER_HOURS_NOT_FOUND');
    if (!(await leads(trx, v.personId, h))) throw new AppError('VOLUNTEER_HOURS_NOT_APPROVER');
    await decideRow(trx, clock, null, h, d, v.personId);
  });
}
