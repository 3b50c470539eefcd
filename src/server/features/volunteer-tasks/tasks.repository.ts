import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/database';
import { inScope, subtreeCondition, type Scope } from '../../access/scope';
import type { TaskKind, TaskStatus } from '../../../shared/volunteer-tasks';
import type { VolunteerTaskAssigneeTable, VolunteerTaskTable } from './tasks.table';

/**
 * Tasks with their place's name, the assignee's name (a person's, a group's or a team's: read-only
 * display joins) and how many persons they are for.
 */
function selectTasks(db: Db) {
  return db
    .selectFrom('volunteer_tasks as t')
    .leftJoin('regions', 'regions.id', 't.region_id')
    .leftJoin('volunteer_groups as g', 'g.id', 't.group_id')
    .leftJoin('callout_teams as tm', 'tm.id', 't.team_id')
    .selectAll('t')
    .select(['regions.name as region_name', 'g.name as group_name', 'tm.name as team_name'])
    .select((eb) => [
      eb
        .selectFrom('volunteer_task_assignees as a')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('a.task_id', '=', 't.id')
        .as('persons'),
      eb
        .selectFrom('volunteer_task_assignees as a')
        .innerJoin('persons as p', 'p.id', 'a.person_id')
        .select('p.name')
        .whereRef('a.task_id', '=', 't.id')
        .limit(1)
        .as('person_name'),
    ]);
}
export type TaskRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectTasks>['executeTakeFirst']>>>;

/** A task of the jurisdiction, or undefined. */
export async function findTaskInScope(db: Db, scope: Scope, id: string): Promise<TaskRow | undefined> {
  return inScope(selectTasks(db).where('t.id', '=', id), 't.region_path', scope).executeTakeFirst();
}

export interface TaskFilter {
  status?: TaskStatus;
  kind?: TaskKind;
  groupId?: string;
  teamId?: string;
  /** the id of the last row of the previous page (newest first) */
  before?: string;
  limit: number;
}

/** A page of the jurisdiction's tasks, newest first (one row more than `limit`: there is a next page). */
export async function listTasksInScope(db: Db, scope: Scope, f: TaskFilter): Promise<TaskRow[]> {
  return inScope(selectTasks(db), 't.region_path', scope)
    .$if(f.status !== undefined, (b) => b.where('t.status', '=', f.status!))
    .$if(f.kind !== undefined, (b) => b.where('t.kind', '=', f.kind!))
    .$if(f.groupId !== undefined, (b) => b.where('t.group_id', '=', f.groupId!))
    .$if(f.teamId !== undefined, (b) => b.where('t.team_id', '=', f.teamId!))
    .$if(f.before !== undefined, (b) => b.where('t.id', '<', f.before!))
    .orderBy('t.id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

export async function insertTask(db: Db, row: Insertable<VolunteerTaskTable>): Promise<void> {
  await db.insertInto('volunteer_tasks').values(row).execute();
}

export async function updateTask(db: Db, id: string, set: Updateable<VolunteerTaskTable>): Promise<void> {
  await db.updateTable('volunteer_tasks').set(set).where('id', '=', id).execute();
}

export async function insertTaskAssignees(db: Db, rows: Insertable<VolunteerTaskAssigneeTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('volunteer_task_assignees')
      .values(rows.slice(i, i + 200))
      .execute();
}

/** A task's persons with their name, ID number and phone from the registry (read-only display join). */
export async function listTaskAssignees(db: Db, taskId: string) {
  return db
    .selectFrom('volunteer_task_assignees as a')
    .innerJoin('persons as p', 'p.id', 'a.person_id')
    .select(['a.person_id', 'p.name', 'p.id_number', 'p.phone'])
    .where('a.task_id', '=', taskId)
    .orderBy('p.name')
    .execute();
}

export async function isTaskAssignee(db: Db, taskId: string, personId: string): Promise<boolean> {
  return !!(await db
    .selectFrom('volunteer_task_assignees')
    .select('person_id')
    .where('task_id', '=', taskId)
    .where('person_id', '=', personId)
    .executeTakeFirst());
}

/** Tasks done in [from, to), counted per region path of the jurisdiction. */
export async function countTasksDone(db: Db, scope: Scope, from: string, to: string) {
  return db
    .selectFrom('volunteer_tasks')
    .select(['region_path', (eb) => eb.fn.countAll<number>().as('n')])
    .where((eb) => subtreeCondition(eb, 'region_path', scope.prefix))
    .where('status', '=', 'done')
    .where('done_at', '>=', from)
    .where('done_at', '<', to)
    .groupBy('region_path')
    .execute();
}

/** Who assigned a task (the cadre's user id). */
export async function taskCreator(db: Db, taskId: string): Promise<string | null> {
  const row = await db.selectFrom('volunteer_tasks').select('created_by').where('id', '=', taskId).executeTakeFirst();
  return row?.created_by ?? null;
}

/** A task by id, whatever the jurisdiction (the personal link checks the person is on it). */
export async function findTaskById(db: Db, id: string): Promise<TaskRow | undefined> {
  return selectTasks(db).where('t.id', '=', id).executeTakeFirst();
}

/** The tasks a person is on that are not finished, soonest first. */
export async function openTasksOfPerson(db: Db, personId: string, limit: number): Promise<TaskRow[]> {
  return selectTasks(db)
    .innerJoin('volunteer_task_assignees as me', 'me.task_id', 't.id')
    .where('me.person_id', '=', personId)
    .where('t.status', 'in', ['open', 'in_progress'])
    .orderBy('t.starts_at')
    .limit(limit)
    .execute();
}

/** Tasks assigned to a team that this person is on (a team leader's tasks). */
export async function teamTaskIdsOfPerson(db: Db, personId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('volunteer_tasks as t')
    .innerJoin('volunteer_task_assignees as a', 'a.task_id', 't.id')
    .select('t.id')
    .where('a.person_id', '=', personId)
    .where('t.team_id', 'is not', null)
    .orderBy('t.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
