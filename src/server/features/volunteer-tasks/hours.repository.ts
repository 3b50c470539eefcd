import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/database';
import { inScope, subtreeCondition, type Scope } from '../../access/scope';
import type { HoursStatus } from '../../../shared/volunteer-tasks';
import type { VolunteerCertificateTable, VolunteerHoursTable } from './hours.table';

/** Hours with the person's name and ID number and the task's title (read-only display joins). */
function selectHours(db: Db) {
  return db
    .selectFrom('volunteer_hours as h')
    .innerJoin('persons as p', 'p.id', 'h.person_id')
    .leftJoin('volunteer_tasks as t', 't.id', 'h.task_id')
    .selectAll('h')
    .select(['p.name', 'p.id_number', 't.title as task_title']);
}
export type HoursRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectHours>['executeTakeFirst']>>>;

export async function findHoursInScope(db: Db, scope: Scope, id: string): Promise<HoursRow | undefined> {
  return inScope(selectHours(db).where('h.id', '=', id), 'h.region_path', scope).executeTakeFirst();
}

export interface HoursFilter {
  status?: HoursStatus;
  personId?: string;
  taskId?: string;
  before?: string;
  limit: number;
}

/** A page of the jurisdiction's hours, newest first (one row more than `limit`). */
export async function listHoursInScope(db: Db, scope: Scope, f: HoursFilter): Promise<HoursRow[]> {
  return inScope(selectHours(db), 'h.region_path', scope)
    .$if(f.status !== undefined, (b) => b.where('h.status', '=', f.status!))
    .$if(f.personId !== undefined, (b) => b.where('h.person_id', '=', f.personId!))
    .$if(f.taskId !== undefined, (b) => b.where('h.task_id', '=', f.taskId!))
    .$if(f.before !== undefined, (b) => b.where('h.id', '<', f.before!))
    .orderBy('h.id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

/** Every check-in of a task, oldest first. */
export async function listHoursOfTask(db: Db, taskId: string): Promise<HoursRow[]> {
  return selectHours(db).where('h.task_id', '=', taskId).orderBy('h.id').execute();
}

/** The person's check-in still open, anywhere (one person is in one place at a time). */
export async function findOpenCheckIn(db: Db, personId: string) {
  return db
    .selectFrom('volunteer_hours')
    .selectAll()
    .where('person_id', '=', personId)
    .where('status', '=', 'open')
    .executeTakeFirst();
}

export async function insertHours(db: Db, row: Insertable<VolunteerHoursTable>): Promise<void> {
  await db.insertInto('volunteer_hours').values(row).execute();
}

export async function updateHours(db: Db, id: string, set: Updateable<VolunteerHoursTable>): Promise<void> {
  await db.updateTable('volunteer_hours').set(set).where('id', '=', id).execute();
}

/** Check-ins still open that began before `cutoff` (the 12-hour rule), anywhere. */
export async function findStaleCheckIns(db: Db, cutoff: string) {
  return db
    .selectFrom('volunteer_hours')
    .select(['id', 'check_in_at', 'region_path', 'person_id'])
    .where('status', '=', 'open')
    .where('check_in_at', '<', cutoff)
    .limit(5000)
    .execute();
}

/** Closes one stale check-in, if it is still open (a second process closing it too changes nothing). */
export async function closeStaleCheckIn(db: Db, id: string, checkOutAt: string, minutes: number) {
  const res = await db
    .updateTable('volunteer_hours')
    .set({ check_out_at: checkOutAt, minutes, auto_closed: 1, status: 'pending' })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}

/**
 * Minutes per key and status for hours begun in [from, to) in the jurisdiction, refused ones left
 * out; the key is the person, group, team or the row's region path (rolled up to townships by the
 * service). Names come from read-only display joins.
 */
export async function sumMinutes(
  db: Db,
  scope: Scope,
  by: 'person' | 'group' | 'team' | 'region',
  from: string,
  to: string,
) {
  const base = db
    .selectFrom('volunteer_hours as h')
    .where((eb) => subtreeCondition(eb, 'h.region_path', scope.prefix))
    .where('h.check_in_at', '>=', from)
    .where('h.check_in_at', '<', to)
    .where('h.status', '!=', 'refused');
  if (by === 'person')
    return base
      .innerJoin('persons as p', 'p.id', 'h.person_id')
      .select(['h.person_id as key', 'p.name', 'h.status'])
      .select((eb) => [eb.fn.sum<number>('h.minutes').as('minutes'), eb.fn.countAll<number>().as('n')])
      .groupBy(['h.person_id', 'p.name', 'h.status'])
      .execute();
  if (by === 'group')
    return base
      .innerJoin('volunteer_groups as g', 'g.id', 'h.group_id')
      .select(['h.group_id as key', 'g.name', 'h.status'])
      .select((eb) => [eb.fn.sum<number>('h.minutes').as('minutes'), eb.fn.countAll<number>().as('n')])
      .groupBy(['h.group_id', 'g.name', 'h.status'])
      .execute();
  if (by === 'team')
    return base
      .innerJoin('callout_teams as tm', 'tm.id', 'h.team_id')
      .select(['h.team_id as key', 'tm.name', 'h.status'])
      .select((eb) => [eb.fn.sum<number>('h.minutes').as('minutes'), eb.fn.countAll<number>().as('n')])
      .groupBy(['h.team_id', 'tm.name', 'h.status'])
      .execute();
  return base
    .select(['h.region_path as key', 'h.region_path as name', 'h.status'])
    .select((eb) => [eb.fn.sum<number>('h.minutes').as('minutes'), eb.fn.countAll<number>().as('n')])
    .groupBy(['h.region_path', 'h.status'])
    .execute();
}

/**
 * Approved and pending minutes of every person with hours in the jurisdiction (all time), with
 * their name, ID number and the path of their latest hours (where they serve).
 */
export async function minutesPerPerson(db: Db, scope: Scope) {
  return db
    .selectFrom('volunteer_hours as h')
    .innerJoin('persons as p', 'p.id', 'h.person_id')
    .where((eb) => subtreeCondition(eb, 'h.region_path', scope.prefix))
    .where('h.status', 'in', ['approved', 'pending', 'open'])
    .select(['h.person_id', 'p.name', 'p.id_number', 'h.status'])
    .select((eb) => [eb.fn.sum<number>('h.minutes').as('minutes'), eb.fn.max('h.region_path').as('region_path')])
    .groupBy(['h.person_id', 'p.name', 'p.id_number', 'h.status'])
    .execute();
}

/** A person's approved hours begun in [from, to), for a certificate. */
export async function approvedHoursOfPerson(db: Db, personId: string, from: string, to: string) {
  return db
    .selectFrom('volunteer_hours')
    .select(['kind', 'check_in_at', 'minutes', 'region_path'])
    .where('person_id', '=', personId)
    .where('status', '=', 'approved')
    .where('check_in_at', '>=', from)
    .where('check_in_at', '<', to)
    .orderBy('check_in_at')
    .execute();
}

/** Distinct persons checked in, and approved minutes, per region path for hours begun in [from, to). */
export async function serviceOfDay(db: Db, scope: Scope, from: string, to: string) {
  return db
    .selectFrom('volunteer_hours')
    .where((eb) => subtreeCondition(eb, 'region_path', scope.prefix))
    .where('check_in_at', '>=', from)
    .where('check_in_at', '<', to)
    .select(['region_path', 'person_id', 'status'])
    .select((eb) => eb.fn.sum<number>('minutes').as('minutes'))
    .groupBy(['region_path', 'person_id', 'status'])
    .execute();
}

export async function insertCertificate(db: Db, row: Insertable<VolunteerCertificateTable>): Promise<void> {
  await db.insertInto('volunteer_certificates').values(row).execute();
}

/** How many certificates have been issued with a serial starting `prefix` (the year's count). */
export async function countCertificatesWithSerial(db: Db, prefix: string): Promise<number> {
  const row = await db
    .selectFrom('volunteer_certificates')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('serial', 'like', `${prefix}%`)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** A certificate of the jurisdiction with the person's name and ID number (for printing). */
export async function findCertificateInScope(db: Db, scope: Scope, id: string) {
  return inScope(
    db
      .selectFrom('volunteer_certificates as c')
      .innerJoin('persons as p', 'p.id', 'c.person_id')
      .selectAll('c')
      .select(['p.name', 'p.id_number'])
      .where('c.id', '=', id),
    'c.region_path',
    scope,
  ).executeTakeFirst();
}

/** A certificate by its public check code, with the person's name. */
export async function findCertificateByCode(db: Db, code: string) {
  return db
    .selectFrom('volunteer_certificates as c')
    .innerJoin('persons as p', 'p.id', 'c.person_id')
    .selectAll('c')
    .select(['p.name'])
    .where('c.code', '=', code)
    .executeTakeFirst();
}

export async function findHoursById(db: Db, id: string): Promise<HoursRow | undefined> {
  return selectHours(db).where('h.id', '=', id).executeTakeFirst();
}

/** A person's latest hours, newest first. */
export async function recentHoursOfPerson(db: Db, personId: string, limit: number): Promise<HoursRow[]> {
  return selectHours(db).where('h.person_id', '=', personId).orderBy('h.id', 'desc').limit(limit).execute();
}

/**
 * Pending hours a leader may be asked to decide on: of these persons, groups or tasks (the service
 * then checks each with the approver rule).
 */
export async function pendingHoursAmong(
  db: Db,
  c: { personIds: readonly string[]; groupIds: readonly string[]; taskIds: readonly string[] },
  limit: number,
): Promise<HoursRow[]> {
  if (!c.personIds.length && !c.groupIds.length && !c.taskIds.length) return [];
  return selectHours(db)
    .where('h.status', '=', 'pending')
    .where((eb) =>
      eb.or([
        ...(c.personIds.length ? [eb('h.person_id', 'in', c.personIds)] : []),
        ...(c.groupIds.length ? [eb('h.group_id', 'in', c.groupIds)] : []),
        ...(c.taskIds.length ? [eb('h.task_id', 'in', c.taskIds)] : []),
      ]),
    )
    .orderBy('h.id')
    .limit(limit)
    .execute();
}
