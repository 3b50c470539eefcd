import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/database';
import { inScope, type Scope } from '../../access/scope';
import type { DispatchSlot } from '../../../shared/dispatch';
import type { DispatchItemTable, DispatchTable } from './dispatch.table';

/** Sheets of the jurisdiction with their region's name and how many lines each has, and how many are done. */
function selectSheets(db: Db, scope: Scope) {
  return inScope(
    db
      .selectFrom('dispatches')
      .leftJoin('regions', 'regions.id', 'dispatches.region_id')
      .selectAll('dispatches')
      .select('regions.name as region_name')
      .select((eb) => [
        eb
          .selectFrom('dispatch_items')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('dispatch_items.dispatch_id', '=', 'dispatches.id')
          .as('total'),
        eb
          .selectFrom('dispatch_items')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('dispatch_items.dispatch_id', '=', 'dispatches.id')
          .where('dispatch_items.status', '=', 'done')
          .as('done'),
      ]),
    'dispatches.region_path',
    scope,
  );
}
export type SheetRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectSheets>['executeTakeFirst']>>>;

/** A sheet of the jurisdiction, or undefined. */
export async function findSheetInScope(db: Db, scope: Scope, id: string): Promise<SheetRow | undefined> {
  return selectSheets(db, scope).where('dispatches.id', '=', id).executeTakeFirst();
}

/** A page of the jurisdiction's sheets (one day's, or all), newest first; one row more than `limit` when there is a next page. */
export async function listSheetsInScope(
  db: Db,
  scope: Scope,
  f: { day?: string; beforeId?: string; limit: number },
): Promise<SheetRow[]> {
  return selectSheets(db, scope)
    .$if(f.day !== undefined, (qb) => qb.where('dispatches.day', '=', f.day!))
    .$if(f.beforeId !== undefined, (qb) => qb.where('dispatches.id', '<', f.beforeId!))
    .orderBy('dispatches.id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

/** A sheet's lines in the jurisdiction, by kind. */
export async function listItemsOfSheet(db: Db, scope: Scope, dispatchId: string) {
  return inScope(db.selectFrom('dispatch_items').selectAll(), 'region_path', scope)
    .where('dispatch_id', '=', dispatchId)
    .orderBy('kind')
    .orderBy('id')
    .execute();
}

/** A line whose sheet and place both lie in the jurisdiction, or undefined. */
export async function findItemInScope(db: Db, scope: Scope, id: string) {
  return inScope(
    inScope(
      db
        .selectFrom('dispatch_items')
        .innerJoin('dispatches', 'dispatches.id', 'dispatch_items.dispatch_id')
        .selectAll('dispatch_items'),
      'dispatches.region_path',
      scope,
    ),
    'dispatch_items.region_path',
    scope,
  )
    .where('dispatch_items.id', '=', id)
    .executeTakeFirst();
}

/** The lines among `ids` whose sheet and place both lie in the jurisdiction (fewer than asked when some do not). */
export async function findItemsInScope(db: Db, scope: Scope, ids: readonly string[]) {
  return inScope(
    inScope(
      db
        .selectFrom('dispatch_items')
        .innerJoin('dispatches', 'dispatches.id', 'dispatch_items.dispatch_id')
        .selectAll('dispatch_items'),
      'dispatches.region_path',
      scope,
    ),
    'dispatch_items.region_path',
    scope,
  )
    .where('dispatch_items.id', 'in', [...ids])
    .orderBy('dispatch_items.id')
    .execute();
}

/** The same change to many lines (a bulk 交办 or 办结). */
export async function updateItems(db: Db, ids: readonly string[], set: Updateable<DispatchItemTable>): Promise<void> {
  for (let i = 0; i < ids.length; i += 500)
    await db
      .updateTable('dispatch_items')
      .set(set)
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
}

export async function updateItem(db: Db, id: string, set: Updateable<DispatchItemTable>): Promise<void> {
  await db.updateTable('dispatch_items').set(set).where('id', '=', id).execute();
}

/** The id of the jurisdiction's sheet of a day and slot, if drawn. */
export async function findSheetId(
  db: Db,
  regionPath: string,
  day: string,
  slot: DispatchSlot,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('dispatches')
    .select('id')
    .where('region_path', '=', regionPath)
    .where('day', '=', day)
    .where('slot', '=', slot)
    .executeTakeFirst();
  return row?.id;
}

/** The jurisdiction's latest sheet drawn by `at`. */
export async function findPreviousSheet(db: Db, regionPath: string, at: string) {
  return db
    .selectFrom('dispatches')
    .select(['id', 'drawn_at'])
    .where('region_path', '=', regionPath)
    .where('drawn_at', '<=', at)
    .orderBy('drawn_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The open lines of a sheet that were handed to someone. */
export async function listAssignedOpenItems(db: Db, dispatchId: string) {
  return db
    .selectFrom('dispatch_items')
    .select(['kind', 'source_type', 'source_id', 'assignee_user_id', 'assignee_name', 'due_at'])
    .where('dispatch_id', '=', dispatchId)
    .where('status', '=', 'open')
    .where('assignee_name', 'is not', null)
    .execute();
}

/** Stores a sheet unless the jurisdiction already has one of that day and slot: whether it did. */
export async function insertSheetOnce(db: Db, sheet: Insertable<DispatchTable>): Promise<boolean> {
  const inserted = await db
    .insertInto('dispatches')
    .values(sheet)
    .onConflict((oc) => oc.columns(['region_path', 'day', 'slot']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return inserted !== undefined;
}

/** Stores a sheet's lines, 100 at a time. */
export async function insertItems(db: Db, rows: readonly Insertable<DispatchItemTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 100)
    await db
      .insertInto('dispatch_items')
      .values(rows.slice(i, i + 100))
      .execute();
}

/*
 * What a sheet lists that other features own (read-only): new cases with the person's and place's
 * names (tracing, residents, regions), new fever alerts (alerts) and published seek notices (tracing).
 */

/** Cases recorded in (since, until] in the jurisdiction, oldest first. */
export async function listNewCases(db: Db, scope: Scope, since: string, until: string, limit: number) {
  return inScope(
    db
      .selectFrom('cases')
      .innerJoin('persons', 'persons.id', 'cases.person_id')
      .leftJoin('regions', 'regions.id', 'persons.region_id')
      .select([
        'cases.id',
        'cases.region_path',
        'cases.classification',
        'persons.name as person_name',
        'regions.name as region_name',
      ]),
    'cases.region_path',
    scope,
  )
    .where('cases.created_at', '>', since)
    .where('cases.created_at', '<=', until)
    .orderBy('cases.created_at')
    .limit(limit)
    .execute();
}

/** Fever alerts raised in (since, until] in the jurisdiction, oldest first. */
export async function listNewFeverAlerts(db: Db, scope: Scope, since: string, until: string, limit: number) {
  return inScope(
    db.selectFrom('alerts').select(['alerts.id', 'alerts.region_path', 'alerts.message']),
    'alerts.region_path',
    scope,
  )
    .where('alerts.kind', '=', 'fever')
    .where('alerts.created_at', '>', since)
    .where('alerts.created_at', '<=', until)
    .orderBy('alerts.created_at')
    .limit(limit)
    .execute();
}

/** Seek notices still published in the jurisdiction, oldest first. */
export async function listPublishedSeekNotices(db: Db, scope: Scope, limit: number) {
  return inScope(
    db.selectFrom('seek_notices').select(['id', 'region_path', 'title', 'published_at']),
    'seek_notices.region_path',
    scope,
  )
    .where('seek_notices.status', '=', 'published')
    .orderBy('seek_notices.published_at')
    .limit(limit)
    .execute();
}
