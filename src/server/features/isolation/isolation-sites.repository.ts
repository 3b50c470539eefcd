import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '../../db/database';
import { inScope, type Scope } from '../../access/scope';
import type { IsolationRoomTable, IsolationSiteTable } from './isolation-sites.table';

/** Sites with their region's name (a display column read from regions). */
function selectSites(db: Db) {
  return db
    .selectFrom('isolation_sites')
    .leftJoin('regions', 'regions.id', 'isolation_sites.region_id')
    .selectAll('isolation_sites')
    .select('regions.name as region_name');
}
export type IsolationSiteRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectSites>['executeTakeFirst']>>>;

export async function findSiteInScope(db: Db, scope: Scope, id: string): Promise<IsolationSiteRow | undefined> {
  return inScope(
    selectSites(db).where('isolation_sites.id', '=', id),
    'isolation_sites.region_path',
    scope,
  ).executeTakeFirst();
}

/** Sites in scope by place and name (at most 1000: a county has a few dozen). */
export async function findSitesInScope(db: Db, scope: Scope): Promise<IsolationSiteRow[]> {
  return inScope(selectSites(db), 'isolation_sites.region_path', scope)
    .orderBy('isolation_sites.region_path')
    .orderBy('isolation_sites.name')
    .limit(1000)
    .execute();
}

export async function insertSite(db: Db, row: Insertable<IsolationSiteTable>): Promise<void> {
  await db.insertInto('isolation_sites').values(row).execute();
}

export async function updateSite(db: Db, id: string, set: Updateable<IsolationSiteTable>): Promise<void> {
  await db.updateTable('isolation_sites').set(set).where('id', '=', id).execute();
}

/** Per site: how many available rooms and beds it has, and how many people are isolated there now. */
export async function siteCounts(db: Db, siteIds: string[]) {
  const rooms = await db
    .selectFrom('isolation_rooms')
    .select(['site_id', sql<number>`count(*)`.as('rooms'), sql<number>`sum(capacity)`.as('capacity')])
    .where('site_id', 'in', siteIds)
    .where('status', '=', 'available')
    .groupBy('site_id')
    .execute();
  const occupied = await db
    .selectFrom('isolation_episodes')
    .select(['site_id', sql<number>`count(*)`.as('n')])
    .where('site_id', 'in', siteIds)
    .where('status', '=', 'active')
    .groupBy('site_id')
    .execute();
  return { rooms, occupied };
}

/** A site's rooms follow it when it moves to another region. */
export async function repathRoomsOfSite(db: Db, siteId: string, regionPath: string): Promise<void> {
  await db.updateTable('isolation_rooms').set({ region_path: regionPath }).where('site_id', '=', siteId).execute();
}

/** Which of these labels a site already uses. */
export async function findTakenRoomLabels(db: Db, siteId: string, labels: string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('isolation_rooms')
    .select('label')
    .where('site_id', '=', siteId)
    .where('label', 'in', labels)
    .execute();
  return rows.map((r) => r.label);
}

export async function insertRooms(db: Db, rows: Insertable<IsolationRoomTable>[]): Promise<void> {
  // 7 columns a row: 200 rows a statement stays under both engines' bound-parameter limits
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('isolation_rooms')
      .values(rows.slice(i, i + 200))
      .execute();
  }
}

export async function findRoomInScope(db: Db, scope: Scope, id: string) {
  return inScope(
    db.selectFrom('isolation_rooms').selectAll().where('id', '=', id),
    'region_path',
    scope,
  ).executeTakeFirst();
}

export async function updateRoomRow(db: Db, id: string, set: Updateable<IsolationRoomTable>): Promise<void> {
  await db.updateTable('isolation_rooms').set(set).where('id', '=', id).execute();
}

export async function findRoomsOfSite(db: Db, siteId: string) {
  return db.selectFrom('isolation_rooms').selectAll().where('site_id', '=', siteId).execute();
}

/** Who is isolated at a site now, with the room each is in (the person's name read from persons). */
export async function findOccupantsOfSite(db: Db, siteId: string) {
  return db
    .selectFrom('isolation_episodes')
    .innerJoin('persons', 'persons.id', 'isolation_episodes.person_id')
    .select([
      'isolation_episodes.id',
      'isolation_episodes.room_id',
      'isolation_episodes.person_id',
      'persons.name',
      'isolation_episodes.start_day',
      'isolation_episodes.planned_end_day',
    ])
    .where('isolation_episodes.site_id', '=', siteId)
    .where('isolation_episodes.status', '=', 'active')
    .execute();
}

/** How many active episodes are in a room. */
export async function countOccupants(db: Db, roomId: string): Promise<number> {
  const row = await db
    .selectFrom('isolation_episodes')
    .select(sql<number>`count(*)`.as('n'))
    .where('room_id', '=', roomId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One room of a site; with `lock`, its row is locked for the rest of the transaction (PostgreSQL). */
export async function findRoomOfSite(db: Db, siteId: string, roomId: string, lock: boolean) {
  let q = db.selectFrom('isolation_rooms').selectAll().where('id', '=', roomId).where('site_id', '=', siteId);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Lock a room's row for the rest of the transaction and read it again (PostgreSQL). */
export async function lockRoom(db: Db, roomId: string) {
  return db
    .selectFrom('isolation_rooms')
    .select(['id', 'label', 'capacity'])
    .where('id', '=', roomId)
    .forUpdate()
    .executeTakeFirstOrThrow();
}

/** A site's available rooms, each with how many active episodes are in it. */
export async function findAvailableRoomsWithOccupancy(db: Db, siteId: string) {
  return db
    .selectFrom('isolation_rooms')
    .select(['isolation_rooms.id', 'isolation_rooms.label', 'isolation_rooms.capacity'])
    .select((eb) =>
      eb
        .selectFrom('isolation_episodes')
        .select(sql<number>`count(*)`.as('n'))
        .whereRef('isolation_episodes.room_id', '=', 'isolation_rooms.id')
        .where('isolation_episodes.status', '=', 'active')
        .as('occupied'),
    )
    .where('site_id', '=', siteId)
    .where('status', '=', 'available')
    .execute();
}
