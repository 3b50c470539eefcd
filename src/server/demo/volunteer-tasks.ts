import type { Insertable } from 'kysely';
import type { Db } from '../db/database';
import type { Clock } from '../clock';
import { insertMany } from '../db/bulk-writes';
import { findGroupInScope } from '../features/volunteers';
import { GLOBAL_SCOPE } from '../access/scope';
import { TASK_KINDS, type TaskKind } from '../../shared/volunteer-tasks';
import type { VolunteerHoursTable, VolunteerTaskAssigneeTable, VolunteerTaskTable } from '../features/volunteer-tasks';
import { Rng, TimedIds } from './random';

/**
 * The demo county's volunteer service over the week before now: for up to 150 of the volunteer
 * groups (the volunteers feature's demo; none yet → nothing is written), a task every day or two of
 * every kind — posters on the main streets, 倡议书 door to door, disinfecting stairwells and markets,
 * persuading families to cancel banquets, shopping for isolated households, helping the door-to-door
 * screening, standing at the checkpoints — and the hours of their members: most checked out and
 * approved, today's waiting for approval, a few refused with a reason, and a few check-ins left open
 * that the 12-hour rule closed and flagged. 劝阻聚集 tasks name a gathering of the group's village and
 * 代购代送 tasks an isolated household's request there, where the demo has one.
 */
export interface VolunteerTasksDemoSummary {
  tasks: number;
  hours: number;
}

const TITLES: Record<TaskKind, string[]> = {
  posters: ['张贴防控标语', '更新村口宣传栏'],
  leaflets: ['发放《致全体村民的倡议书》', '入户发放防疫明白纸'],
  disinfection: ['楼道及公共区域消杀', '集贸市场消杀'],
  dissuade_gathering: ['劝导取消婚宴', '劝阻村口聚集聊天'],
  errands: ['为居家观察户代购生活物资', '代送药品'],
  home_help: ['协助入户排查登记', '帮扶独居老人'],
  checkpoint_duty: ['村口卡口值守', '协助卡口测温登记'],
  other: ['协助核酸采样秩序维护', '协助物资分发'],
};
const PLACES = ['村委会', '主街', '村口', '文化广场', '集贸市场', '各巷道'];
const HOUR = 3600_000;
const MAX_GROUPS = 150;

export async function buildVolunteerTasksDemo(db: Db, clock: Clock): Promise<VolunteerTasksDemoSummary> {
  // the groups there are: enumerated by id (read only), each read through volunteers' index
  const groupIds = await db
    .selectFrom('volunteer_groups')
    .select('id')
    .where('disbanded_at', 'is', null)
    .orderBy('id')
    .limit(MAX_GROUPS)
    .execute();
  if (groupIds.length === 0) return { tasks: 0, hours: 0 };
  // what 劝阻聚集 and 代购代送 tasks serve: the gatherings and necessity requests of the group's village
  // (enumerated read-only; the gatherings and isolation demos ran first)
  const gatherings = await db.selectFrom('gatherings').select(['id', 'region_path']).orderBy('id').execute();
  const necessities = await db.selectFrom('necessity_requests').select(['id', 'region_path']).orderBy('id').execute();
  const linkIn = (rows: { id: string; region_path: string }[], path: string) =>
    rows.find((r) => r.region_path.startsWith(path))?.id ?? null;
  const rng = new Rng(20200127);
  const ids = new TimedIds(rng);
  const now = clock.now().getTime();
  const tasks: Insertable<VolunteerTaskTable>[] = [];
  const assignees: Insertable<VolunteerTaskAssigneeTable>[] = [];
  const hours: Insertable<VolunteerHoursTable>[] = [];
  let kindIndex = 0;
  for (const { id: groupId } of groupIds) {
    const group = await findGroupInScope(db, GLOBAL_SCOPE, groupId);
    if (!group || group.memberPersonIds.length === 0) continue;
    for (let day = 7; day >= 0; day--) {
      if (!rng.chance(0.6)) continue;
      const kind = TASK_KINDS[kindIndex++ % TASK_KINDS.length]!;
      const startMs = now - day * 24 * HOUR - rng.int(2, 10) * HOUR;
      const endMs = startMs + rng.int(3, 6) * HOUR;
      const finished = endMs < now;
      const taskId = ids.at(startMs - HOUR);
      const at = new Date(startMs - HOUR).toISOString();
      tasks.push({
        id: taskId,
        region_id: group.region_id,
        region_path: group.region_path,
        kind,
        title: rng.pick(TITLES[kind]),
        place: rng.pick(PLACES),
        starts_at: new Date(startMs).toISOString(),
        ends_at: new Date(endMs).toISOString(),
        assignee_kind: 'group',
        group_id: group.id,
        team_id: null,
        gathering_id: kind === 'dissuade_gathering' ? linkIn(gatherings, group.region_path) : null,
        necessity_id: kind === 'errands' ? linkIn(necessities, group.region_path) : null,
        site_id: null,
        shift_id: null,
        status: finished ? 'done' : startMs < now ? 'in_progress' : 'open',
        note: null,
        done_note: finished ? '已按要求完成' : null,
        photo_file: null,
        photo_type: null,
        done_at: finished ? new Date(endMs).toISOString() : null,
        done_by: null,
        cancel_reason: null,
        created_by: null,
        created_at: at,
        updated_at: finished ? new Date(endMs).toISOString() : at,
      });
      for (const personId of group.memberPersonIds) {
        assignees.push({ task_id: taskId, person_id: personId, region_path: group.region_path, created_at: at });
        if (startMs > now || rng.chance(0.1)) continue; // not begun, or did not come
        const inMs = startMs + rng.int(0, 20) * 60_000;
        const forgot = day >= 1 && rng.chance(0.03);
        const outMs = forgot ? inMs + 12 * HOUR : Math.min(endMs + rng.int(-20, 20) * 60_000, now);
        const open = !forgot && outMs >= now;
        const status: VolunteerHoursTable['status'] = open
          ? 'open'
          : forgot || day === 0
            ? 'pending'
            : rng.chance(0.03)
              ? 'refused'
              : 'approved';
        hours.push({
          id: ids.at(inMs),
          person_id: personId,
          region_path: group.region_path,
          task_id: taskId,
          shift_id: null,
          group_id: group.id,
          team_id: null,
          kind,
          check_in_at: new Date(inMs).toISOString(),
          check_out_at: open ? null : new Date(outMs).toISOString(),
          minutes: open ? 0 : Math.round((outMs - inMs) / 60_000),
          auto_closed: forgot ? 1 : 0,
          status,
          refusal_reason: status === 'refused' ? '签到后未在岗，经核实不予认定' : null,
          checked_in_by: null,
          checked_out_by: null,
          decided_by: null,
          decided_at: status === 'approved' || status === 'refused' ? new Date(outMs + 2 * HOUR).toISOString() : null,
          created_at: new Date(inMs).toISOString(),
        });
      }
    }
  }
  await db.transaction().execute(async (trx) => {
    await insertMany(trx, 'volunteer_tasks', tasks);
    await insertMany(trx, 'volunteer_task_assignees', assignees);
    await insertMany(trx, 'volunteer_hours', hours);
  });
  return { tasks: tasks.length, hours: hours.length };
}
