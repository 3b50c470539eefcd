import type { Db } from '../../db/database';
import { addDays, startOfLocalDay, type Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf, type Scope } from '../../access/scope';
import { CursorId, decodeCursor } from '../../http/pagination';
import { maskIdNumber } from '../../../shared/validators';
import {
  STAR_HOURS,
  starsFor,
  type CheckInInput,
  type HoursDecision,
  type HoursEntry,
  type HoursStatus,
  type Recognition,
  type Totals,
  type TotalsQuery,
} from '../../../shared/volunteer-tasks';
import { audit } from '../audit';
import { findShiftInScope, personsOnDutyBetween } from '../checkpoints';
import { getRegionInScope, listTownshipsOverlapping } from '../regions';
import {
  closeStaleCheckIn,
  findHoursInScope,
  findOpenCheckIn,
  findStaleCheckIns,
  insertHours,
  listHoursInScope,
  minutesPerPerson,
  sumMinutes,
  updateHours,
  type HoursRow,
} from './hours.repository';
import { findTaskInScope, isTaskAssignee, updateTask, type TaskRow } from './tasks.repository';
import { assertMayDecide } from './approvers.service';

/** A check-in left open this long is closed by the rule and flagged for the lead (issue 16). */
export const OPEN_CHECK_IN_LIMIT_MS = 12 * 3600_000;

export function toHoursEntry(r: HoursRow): HoursEntry {
  return {
    id: r.id,
    personId: r.person_id,
    name: r.name,
    idNumber: maskIdNumber(r.id_number),
    taskId: r.task_id,
    taskTitle: r.task_title ?? null,
    shiftId: r.shift_id,
    kind: r.kind,
    checkInAt: r.check_in_at,
    checkOutAt: r.check_out_at,
    minutes: Number(r.minutes),
    autoClosed: Number(r.auto_closed) === 1,
    status: r.status,
    refusalReason: r.refusal_reason,
    decidedAt: r.decided_at,
  };
}

/**
 * The 12-hour rule: a check-in still open 12 hours after it began is closed at check-in + 12 h,
 * flagged (auto_closed) and left pending for the lead to approve or refuse. Run by the server's
 * ticker and before every read of hours, so nothing depends on the timer.
 */
export async function closeStaleCheckIns(db: Db, clock: Clock): Promise<number> {
  const now = clock.now().getTime();
  const stale = await findStaleCheckIns(db, new Date(now - OPEN_CHECK_IN_LIMIT_MS).toISOString());
  let closed = 0;
  for (const h of stale) {
    const out = new Date(new Date(h.check_in_at).getTime() + OPEN_CHECK_IN_LIMIT_MS).toISOString();
    if (await closeStaleCheckIn(db, h.id, out, OPEN_CHECK_IN_LIMIT_MS / 60_000)) closed++;
  }
  return closed;
}

export async function getHours(db: Db, scope: Scope, id: string): Promise<HoursRow> {
  const row = await findHoursInScope(db, scope, id);
  if (!row) throw new AppError('VOLUNTEER_HOURS_NOT_FOUND');
  return row;
}

/** The jurisdiction's hours, newest first (the 12-hour rule applied first). */
export async function listHours(
  db: Db,
  clock: Clock,
  scope: Scope,
  q: { status?: HoursStatus; personId?: string; taskId?: string; cursor?: string; limit: number },
) {
  await closeStaleCheckIns(db, clock);
  return listHoursInScope(db, scope, {
    status: q.status,
    personId: q.personId,
    taskId: q.taskId,
    before: decodeCursor(q.cursor, CursorId),
    limit: q.limit,
  });
}

/**
 * Check a volunteer in, by their lead: for a task they are on (not done or cancelled; the task
 * turns 进行中), or for a checkpoint shift whose roster names them. One open check-in per person.
 */
export async function checkIn(db: Db, clock: Clock, actor: Actor, input: CheckInInput): Promise<HoursRow> {
  const scope = scopeOf(actor);
  await closeStaleCheckIns(db, clock);
  const id = await db.transaction().execute(async (trx) => {
    if ('taskId' in input) {
      const task = await findTaskInScope(trx, scope, input.taskId);
      if (!task) throw new AppError('VOLUNTEER_TASK_NOT_FOUND');
      return checkInForTask(trx, clock, actor, task, input.personId);
    }
    const shift = await findShiftInScope(trx, scope, input.shiftId);
    if (!shift) throw new AppError('SHIFT_NOT_FOUND');
    const roster = await personsOnDutyBetween(trx, scope, shift.starts_at, shift.ends_at);
    if (!roster.some((r) => r.shift_id === shift.id && r.person_id === input.personId))
      throw new AppError('VOLUNTEER_NOT_ASSIGNED');
    return insertCheckIn(trx, clock, actor, input.personId, {
      region_path: shift.region_path,
      task_id: null,
      shift_id: shift.id,
      group_id: null,
      team_id: null,
      kind: 'checkpoint_duty',
    });
  });
  return getHours(db, scope, id);
}

/**
 * Check a person in for a task they are on (by a lead, or by themselves from their personal link:
 * `by` null): not for a done or cancelled task; an open task turns 进行中.
 */
export async function checkInForTask(
  trx: Db,
  clock: Clock,
  by: Actor | null,
  task: Pick<TaskRow, 'id' | 'status' | 'region_path' | 'shift_id' | 'group_id' | 'team_id' | 'kind'>,
  personId: string,
): Promise<string> {
  if (task.status === 'done' || task.status === 'cancelled') throw new AppError('VOLUNTEER_TASK_CLOSED');
  if (!(await isTaskAssignee(trx, task.id, personId))) throw new AppError('VOLUNTEER_NOT_ASSIGNED');
  const id = await insertCheckIn(trx, clock, by, personId, {
    region_path: task.region_path,
    task_id: task.id,
    shift_id: task.shift_id,
    group_id: task.group_id,
    team_id: task.team_id,
    kind: task.kind,
  });
  if (task.status === 'open')
    await updateTask(trx, task.id, { status: 'in_progress', updated_at: clock.now().toISOString() });
  return id;
}

async function insertCheckIn(
  trx: Db,
  clock: Clock,
  by: Actor | null,
  personId: string,
  row: {
    region_path: string;
    task_id: string | null;
    shift_id: string | null;
    group_id: string | null;
    team_id: string | null;
    kind: HoursEntry['kind'];
  },
): Promise<string> {
  if (await findOpenCheckIn(trx, personId)) throw new AppError('VOLUNTEER_ALREADY_CHECKED_IN');
  const now = clock.now();
  const at = now.toISOString();
  const hoursId = uuidv7(now.getTime());
  await insertHours(trx, {
    id: hoursId,
    person_id: personId,
    ...row,
    check_in_at: at,
    check_out_at: null,
    minutes: 0,
    auto_closed: 0,
    status: 'open',
    refusal_reason: null,
    checked_in_by: by?.id ?? null,
    checked_out_by: null,
    decided_by: null,
    decided_at: null,
    created_at: at,
  });
  await audit(trx, clock, by, {
    action: by ? 'volunteer_hours.check_in' : 'volunteer_hours.self_check_in',
    entityType: 'volunteer_hours',
    entityId: hoursId,
    regionPath: row.region_path,
    details: { personId, taskId: row.task_id, shiftId: row.shift_id },
  });
  return hoursId;
}

/** Check a volunteer out: the minutes served are counted and wait for the lead's approval. */
export async function checkOut(db: Db, clock: Clock, actor: Actor, id: string): Promise<HoursRow> {
  const scope = scopeOf(actor);
  await closeStaleCheckIns(db, clock);
  await db.transaction().execute(async (trx) => checkOutRow(trx, clock, actor, await getHours(trx, scope, id)));
  return getHours(db, scope, id);
}

/** Closes an open check-in now (by a lead, or by the volunteer from their link: `by` null). */
export async function checkOutRow(trx: Db, clock: Clock, by: Actor | null, h: HoursRow): Promise<void> {
  if (h.status !== 'open') throw new AppError('VOLUNTEER_NOT_CHECKED_IN');
  const now = clock.now();
  const minutes = Math.max(0, Math.round((now.getTime() - new Date(h.check_in_at).getTime()) / 60_000));
  await updateHours(trx, h.id, {
    check_out_at: now.toISOString(),
    minutes,
    status: 'pending',
    checked_out_by: by?.id ?? null,
  });
  await audit(trx, clock, by, {
    action: by ? 'volunteer_hours.check_out' : 'volunteer_hours.self_check_out',
    entityType: 'volunteer_hours',
    entityId: h.id,
    regionPath: h.region_path,
    details: { personId: h.person_id, minutes },
  });
}

/**
 * The lead approves the hours, or refuses them with a reason; the record stays either way. Only
 * the hours' approvers may (see `assertMayDecide`): a cadre account here, a group or team leader
 * from their personal link.
 */
export async function decideHours(db: Db, clock: Clock, actor: Actor, id: string, d: HoursDecision) {
  const scope = scopeOf(actor);
  await closeStaleCheckIns(db, clock);
  await db.transaction().execute(async (trx) => {
    const h = await getHours(trx, scope, id);
    await assertMayDecide(trx, { actor }, h);
    await decideRow(trx, clock, actor, h, d);
  });
  return getHours(db, scope, id);
}

/** Records a decision on pending hours (`by` null: a leader from their personal link, named in the audit). */
export async function decideRow(
  trx: Db,
  clock: Clock,
  by: Actor | null,
  h: HoursRow,
  d: HoursDecision,
  leaderPersonId?: string,
): Promise<void> {
  if (h.status === 'open') throw new AppError('VOLUNTEER_NOT_CHECKED_OUT');
  if (h.status !== 'pending') throw new AppError('VOLUNTEER_HOURS_DECIDED');
  const at = clock.now().toISOString();
  await updateHours(trx, h.id, {
    status: d.decision === 'approve' ? 'approved' : 'refused',
    refusal_reason: d.decision === 'refuse' ? d.reason : null,
    decided_by: by?.id ?? null,
    decided_at: at,
  });
  await audit(trx, clock, by, {
    action: `volunteer_hours.${d.decision}`,
    entityType: 'volunteer_hours',
    entityId: h.id,
    regionPath: h.region_path,
    details: {
      personId: h.person_id,
      minutes: Number(h.minutes),
      ...(leaderPersonId ? { byLeader: leaderPersonId } : {}),
      ...(d.decision === 'refuse' ? { reason: d.reason } : {}),
    },
  });
}

/**
 * Hours over a period of local days, per person, group, team or township: approved minutes count,
 * pending (and still open) ones are shown apart, refused ones not at all.
 */
export async function hoursTotals(
  db: Db,
  clock: Clock,
  timeZone: string,
  scope: Scope,
  q: TotalsQuery,
): Promise<Totals> {
  await closeStaleCheckIns(db, clock);
  const from = startOfLocalDay(q.from, timeZone).toISOString();
  const to = startOfLocalDay(addDays(q.to, 1), timeZone).toISOString();
  const sums = await sumMinutes(db, scope, q.by === 'township' ? 'region' : q.by, from, to);
  const townships = q.by === 'township' ? await listTownshipsOverlapping(db, scope.prefix) : [];
  const rows = new Map<string, Totals['rows'][number]>();
  for (const s of sums) {
    let key = String(s.key);
    let name = String(s.name);
    if (q.by === 'township') {
      const t = townships.find((x) => key.startsWith(x.path));
      key = t?.path ?? '—';
      name = t?.name ?? '—';
    }
    const row = rows.get(key) ?? { key, name, approvedMinutes: 0, pendingMinutes: 0, entries: 0 };
    const minutes = Number(s.minutes ?? 0);
    if (s.status === 'approved') row.approvedMinutes += minutes;
    else row.pendingMinutes += minutes;
    row.entries += Number(s.n);
    rows.set(key, row);
  }
  return {
    from: q.from,
    to: q.to,
    by: q.by,
    rows: [...rows.values()].sort((a, b) => b.approvedMinutes - a.approvedMinutes || a.name.localeCompare(b.name)),
  };
}

/**
 * 志愿服务星级 of everyone with hours in the jurisdiction (or one township of it), most hours first:
 * 一星 at 100 approved hours, then 300, 600, 1,000 and 五星 at 1,500.
 */
export async function recognition(db: Db, clock: Clock, scope: Scope, regionId?: string): Promise<Recognition[]> {
  await closeStaleCheckIns(db, clock);
  const within = regionId ? { prefix: (await getRegionInScope(db, scope, regionId)).path } : scope;
  const byPerson = new Map<string, Recognition>();
  for (const r of await minutesPerPerson(db, within)) {
    const row = byPerson.get(r.person_id) ?? {
      personId: r.person_id,
      name: r.name,
      idNumber: maskIdNumber(r.id_number),
      regionPath: String(r.region_path),
      approvedMinutes: 0,
      pendingMinutes: 0,
      stars: 0,
      nextStarHours: null,
    };
    if (r.status === 'approved') row.approvedMinutes += Number(r.minutes ?? 0);
    else row.pendingMinutes += Number(r.minutes ?? 0);
    byPerson.set(r.person_id, row);
  }
  const out = [...byPerson.values()];
  for (const r of out) {
    r.stars = starsFor(r.approvedMinutes);
    const next = STAR_HOURS[r.stars];
    r.nextStarHours = next === undefined ? null : Math.ceil((next * 60 - r.approvedMinutes) / 60);
  }
  return out.sort((a, b) => b.approvedMinutes - a.approvedMinutes || a.name.localeCompare(b.name));
}
