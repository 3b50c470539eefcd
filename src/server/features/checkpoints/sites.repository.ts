import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/database';
import { inScope, type Scope, subtreeCondition } from '../../access/scope';
import type { CheckpointSiteTable, DutyAssignmentTable, DutyShiftTable } from './sites.table';

/** Sites with the name of their region (a display column read from regions). */
function selectSites(db: Db) {
  return db
    .selectFrom('checkpoint_sites')
    .leftJoin('regions', 'regions.id', 'checkpoint_sites.region_id')
    .selectAll('checkpoint_sites')
    .select('regions.name as region_name');
}
export type SiteRow = NonNullable<Awaited<ReturnType<typeof findSiteInScope>>>;

export async function findSiteInScope(db: Db, scope: Scope, id: string) {
  return inScope(
    selectSites(db).where('checkpoint_sites.id', '=', id),
    'checkpoint_sites.region_path',
    scope,
  ).executeTakeFirst();
}

/** Sites in scope (optionally under a region, of a kind, open or closed), by region then name. */
export async function listSitesInScope(
  db: Db,
  scope: Scope,
  f: { regionPath?: string; kind?: string; status?: string },
) {
  let qb = inScope(selectSites(db), 'checkpoint_sites.region_path', scope);
  if (f.regionPath) qb = inScope(qb, 'checkpoint_sites.region_path', { prefix: f.regionPath });
  return qb
    .$if(f.kind !== undefined, (q) => q.where('checkpoint_sites.kind', '=', f.kind!))
    .$if(f.status !== undefined, (q) => q.where('checkpoint_sites.status', '=', f.status as 'active'))
    .orderBy('checkpoint_sites.region_path')
    .orderBy('checkpoint_sites.name')
    .limit(2000)
    .execute();
}

export async function insertSite(db: Db, row: Insertable<CheckpointSiteTable>): Promise<void> {
  await db.insertInto('checkpoint_sites').values(row).execute();
}

export async function updateSite(db: Db, id: string, set: Updateable<CheckpointSiteTable>): Promise<void> {
  await db.updateTable('checkpoint_sites').set(set).where('id', '=', id).execute();
}

/** A site moved to another region takes its shifts along (they are scoped by the site's path). */
export async function repathShiftsOfSite(db: Db, siteId: string, regionPath: string): Promise<void> {
  await db.updateTable('duty_shifts').set({ region_path: regionPath }).where('site_id', '=', siteId).execute();
}

/** The start instants of a site's shifts from `first` to `last` (both included). */
export async function shiftStartsOfSite(db: Db, siteId: string, first: string, last: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('duty_shifts')
    .select('starts_at')
    .where('site_id', '=', siteId)
    .where('starts_at', '>=', first)
    .where('starts_at', '<=', last)
    .execute();
  return new Set(rows.map((s) => s.starts_at));
}

export async function insertShifts(db: Db, rows: Insertable<DutyShiftTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('duty_shifts').values(rows).execute();
}

export async function findShiftInScope(db: Db, scope: Scope, id: string) {
  return inScope(
    db.selectFrom('duty_shifts').selectAll().where('id', '=', id),
    'region_path',
    scope,
  ).executeTakeFirst();
}

/** Shifts overlapping a time window, in scope (one site or all), with their site's name, by start. */
export async function shiftsBetween(db: Db, scope: Scope, from: string, to: string, siteId?: string) {
  return inScope(
    db
      .selectFrom('duty_shifts')
      .innerJoin('checkpoint_sites as s', 's.id', 'duty_shifts.site_id')
      .selectAll('duty_shifts')
      .select('s.name as site_name'),
    'duty_shifts.region_path',
    scope,
  )
    .where('duty_shifts.ends_at', '>', from)
    .where('duty_shifts.starts_at', '<', to)
    .$if(siteId !== undefined, (q) => q.where('duty_shifts.site_id', '=', siteId!))
    .orderBy('duty_shifts.starts_at')
    .limit(5000)
    .execute();
}

export async function insertAssignment(db: Db, row: Insertable<DutyAssignmentTable>): Promise<void> {
  await db.insertInto('duty_assignments').values(row).execute();
}

export async function findAssignment(db: Db, id: string) {
  return db.selectFrom('duty_assignments').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateAssignment(db: Db, id: string, set: Updateable<DutyAssignmentTable>): Promise<void> {
  await db.updateTable('duty_assignments').set(set).where('id', '=', id).execute();
}

/**
 * The assignments of these shifts, each with the home branch of a person who is a party member
 * now (`party_branch`, for 亮身份 on the roster): a read-only display join of party's roll.
 */
export async function assignmentsWithPartyBranch(db: Db, shiftIds: string[]) {
  if (shiftIds.length === 0) return [];
  return db
    .selectFrom('duty_assignments as a')
    .leftJoin('party_members as m', (j) => j.onRef('m.person_id', '=', 'a.person_id').on('m.removed_at', 'is', null))
    .leftJoin('party_organisations as o', 'o.id', 'm.organisation_id')
    .selectAll('a')
    .select('o.name as party_branch')
    .where('a.shift_id', 'in', shiftIds)
    .execute();
}

/** The shifts a user is on at an instant, with their site's name. */
export async function shiftsOfUserAt(db: Db, userId: string, at: string) {
  return db
    .selectFrom('duty_assignments as a')
    .innerJoin('duty_shifts as s', 's.id', 'a.shift_id')
    .innerJoin('checkpoint_sites as site', 'site.id', 's.site_id')
    .select([
      'a.id as assignment_id',
      's.id as shift_id',
      's.site_id',
      'site.name as site_name',
      's.starts_at',
      's.ends_at',
      'a.checked_in_at',
      'a.checked_out_at',
    ])
    .where('a.user_id', '=', userId)
    .where('s.starts_at', '<=', at)
    .where('s.ends_at', '>', at)
    .orderBy('s.starts_at')
    .execute();
}

/**
 * Registered persons on a checkpoint duty roster whose shift overlaps [from, to) — who is on duty
 * right now (from = to = now works as "at"), or who stood at a site in the last days; one row per
 * assignment, within the scope (GLOBAL_SCOPE for everything).
 */
export async function personsOnDutyBetween(db: Db, scope: Scope, from: string, to: string) {
  return db
    .selectFrom('duty_assignments as a')
    .innerJoin('duty_shifts as s', 's.id', 'a.shift_id')
    .innerJoin('checkpoint_sites as site', 'site.id', 's.site_id')
    .select([
      'a.id as assignment_id',
      'a.person_id',
      'a.name',
      's.id as shift_id',
      's.site_id',
      'site.name as site_name',
      'site.region_path',
      's.starts_at',
      's.ends_at',
      'a.checked_in_at',
      'a.checked_out_at',
    ])
    .where('a.person_id', 'is not', null)
    .where((eb) => subtreeCondition(eb, 'a.region_path', scope.prefix))
    .where('s.starts_at', '<=', to)
    .where('s.ends_at', '>', from)
    .orderBy('s.starts_at')
    .execute();
}
