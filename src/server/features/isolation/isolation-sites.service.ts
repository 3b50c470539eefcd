import { sql } from 'kysely';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { inScope, scopeOf, type Scope } from '../../access/scope';
import { maskPhone } from '../../../shared/validators';
import type { IsolationSite, IsolationSiteInput, Room, RoomsInput } from '../../../shared/isolation';
import { audit } from '../audit';
import { getRegionInScope } from '../regions';

/** Who runs centralised isolation sites (集中隔离点) and assigns rooms. */
export const ROLES_THAT_MANAGE_ISOLATION_SITES = ['admin', 'command', 'township'] as const;

function selectSites(db: Db) {
  return db.selectFrom('isolation_sites').leftJoin('regions', 'regions.id', 'isolation_sites.region_id')
    .selectAll('isolation_sites').select('regions.name as region_name');
}
export type IsolationSiteRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectSites>['executeTakeFirst']>>>;

export async function getIsolationSite(db: Db, scope: Scope, id: string): Promise<IsolationSiteRow> {
  const site = await inScope(selectSites(db).where('isolation_sites.id', '=', id), 'isolation_sites.region_path', scope).executeTakeFirst();
  if (!site) throw new AppError('ISOLATION_SITE_NOT_FOUND');
  return site;
}

/** Rooms, capacity and current occupancy of sites, keyed by site id. */
async function occupancy(db: Db, siteIds: string[]) {
  const map = new Map<string, { rooms: number; capacity: number; occupied: number }>();
  if (siteIds.length === 0) return map;
  const rooms = await db.selectFrom('isolation_rooms').select(['site_id', sql<number>`count(*)`.as('rooms'), sql<number>`sum(capacity)`.as('capacity')])
    .where('site_id', 'in', siteIds).where('status', '=', 'available').groupBy('site_id').execute();
  const occupied = await db.selectFrom('isolation_episodes').select(['site_id', sql<number>`count(*)`.as('n')])
    .where('site_id', 'in', siteIds).where('status', '=', 'active').groupBy('site_id').execute();
  for (const id of siteIds) map.set(id, { rooms: 0, capacity: 0, occupied: 0 });
  for (const r of rooms) Object.assign(map.get(r.site_id!)!, { rooms: Number(r.rooms), capacity: Number(r.capacity ?? 0) });
  for (const o of occupied) map.get(o.site_id!)!.occupied = Number(o.n);
  return map;
}

export async function listIsolationSites(db: Db, scope: Scope): Promise<IsolationSite[]> {
  const rows = await inScope(selectSites(db), 'isolation_sites.region_path', scope).orderBy('isolation_sites.region_path').orderBy('isolation_sites.name').limit(1000).execute();
  const occ = await occupancy(db, rows.map((r) => r.id));
  return rows.map((r) => toIsolationSite(r, occ.get(r.id)!));
}

export async function isolationSiteWithOccupancy(db: Db, row: IsolationSiteRow): Promise<IsolationSite> {
  return toIsolationSite(row, (await occupancy(db, [row.id])).get(row.id)!);
}

function toIsolationSite(r: IsolationSiteRow, occ: { rooms: number; capacity: number; occupied: number }): IsolationSite {
  return {
    id: r.id, name: r.name, regionId: r.region_id, regionName: r.region_name ?? null, regionPath: r.region_path, address: r.address,
    contactName: r.contact_name, contactPhone: maskPhone(r.contact_phone), status: r.status, createdAt: r.created_at, ...occ,
  };
}

/** Register or change a centralised isolation site (a hotel or similar) in the actor's jurisdiction. */
export async function saveIsolationSite(db: Db, clock: Clock, actor: Actor, input: IsolationSiteInput, id?: string): Promise<IsolationSiteRow> {
  const scope = scopeOf(actor);
  const siteId = await db.transaction().execute(async (trx) => {
    const region = await getRegionInScope(trx, scope, input.regionId);
    const now = clock.now().toISOString();
    const columns = {
      name: input.name, region_id: region.id, region_path: region.path, address: input.address ?? null,
      contact_name: input.contactName ?? null, status: input.status, updated_at: now,
    };
    if (id) {
      const current = await getIsolationSite(trx, scope, id);
      await trx.updateTable('isolation_sites').set({ ...columns, ...(input.contactPhone !== undefined && { contact_phone: input.contactPhone }) }).where('id', '=', id).execute();
      if (current.region_path !== region.path) {
        await trx.updateTable('isolation_rooms').set({ region_path: region.path }).where('site_id', '=', id).execute();
      }
      await audit(trx, clock, actor, { action: 'isolation.site_update', entityType: 'isolation_site', entityId: id, regionPath: region.path });
      return id;
    }
    const newId = uuidv7();
    await trx.insertInto('isolation_sites').values({ id: newId, ...columns, contact_phone: input.contactPhone ?? null, created_at: now }).execute();
    await audit(trx, clock, actor, { action: 'isolation.site_create', entityType: 'isolation_site', entityId: newId, regionPath: region.path, details: { name: input.name } });
    return newId;
  });
  return getIsolationSite(db, scope, siteId);
}

/** Add rooms to a site: given labels, or a numbered range ("101" … "120"). A label already there is refused. */
export async function addRooms(db: Db, clock: Clock, actor: Actor, siteId: string, input: RoomsInput): Promise<number> {
  const labels = input.labels ?? [];
  if (input.from !== undefined || input.to !== undefined) {
    if (input.from === undefined || input.to === undefined || input.to < input.from || input.to - input.from >= 2000) {
      throw new AppError('VALIDATION', { issues: [{ path: ['to'], message: 'a range needs from ≤ to, at most 2000 rooms' }] });
    }
    for (let n = input.from; n <= input.to; n++) labels.push(String(n));
  }
  const unique = [...new Set(labels)];
  if (unique.length === 0) throw new AppError('VALIDATION', { issues: [{ path: ['labels'], message: 'give labels or a from–to range' }] });
  return db.transaction().execute(async (trx) => {
    const site = await getIsolationSite(trx, scopeOf(actor), siteId);
    const taken = await trx.selectFrom('isolation_rooms').select('label').where('site_id', '=', site.id).where('label', 'in', unique).execute();
    if (taken.length) throw new AppError('ROOM_LABEL_TAKEN', { labels: taken.map((t) => t.label) });
    const now = clock.now().toISOString();
    for (let i = 0; i < unique.length; i += 200) {
      await trx.insertInto('isolation_rooms').values(unique.slice(i, i + 200).map((label) => ({
        id: uuidv7(), site_id: site.id, region_path: site.region_path, label, capacity: input.capacity, status: 'available' as const, created_at: now,
      }))).execute();
    }
    await audit(trx, clock, actor, { action: 'isolation.rooms_add', entityType: 'isolation_site', entityId: site.id, regionPath: site.region_path, details: { count: unique.length } });
    return unique.length;
  });
}

/** Change a room's capacity or close it (a closed room takes nobody new). */
export async function updateRoom(db: Db, clock: Clock, actor: Actor, roomId: string, change: { capacity?: number; status?: 'available' | 'closed' }) {
  await db.transaction().execute(async (trx) => {
    const room = await inScope(trx.selectFrom('isolation_rooms').selectAll().where('id', '=', roomId), 'region_path', scopeOf(actor)).executeTakeFirst();
    if (!room) throw new AppError('ROOM_NOT_FOUND');
    await trx.updateTable('isolation_rooms').set({ ...(change.capacity !== undefined && { capacity: change.capacity }), ...(change.status && { status: change.status }) }).where('id', '=', roomId).execute();
    await audit(trx, clock, actor, { action: 'isolation.room_update', entityType: 'isolation_room', entityId: roomId, regionPath: room.region_path, details: change });
  });
}

/** A site's rooms with who is in each and when they leave (集中隔离点房间一览). */
export async function roomsOf(db: Db, siteId: string): Promise<Room[]> {
  const rooms = await db.selectFrom('isolation_rooms').selectAll().where('site_id', '=', siteId).execute();
  const occupants = await db.selectFrom('isolation_episodes').innerJoin('persons', 'persons.id', 'isolation_episodes.person_id')
    .select(['isolation_episodes.id', 'isolation_episodes.room_id', 'isolation_episodes.person_id', 'persons.name', 'isolation_episodes.start_day', 'isolation_episodes.planned_end_day'])
    .where('isolation_episodes.site_id', '=', siteId).where('isolation_episodes.status', '=', 'active').execute();
  const byRoom = new Map<string, Room['occupants']>();
  for (const o of occupants) {
    if (!o.room_id) continue;
    byRoom.set(o.room_id, [...(byRoom.get(o.room_id) ?? []), { episodeId: o.id, personId: o.person_id, personName: o.name, startDay: o.start_day, plannedEndDay: o.planned_end_day }]);
  }
  return rooms
    .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN', { numeric: true }))
    .map((r) => ({ id: r.id, label: r.label, capacity: r.capacity, status: r.status, occupants: byRoom.get(r.id) ?? [] }));
}

/**
 * A room for a new episode at a site: the one asked for if it has space, else the first room (in
 * label order) with space. On PostgreSQL the chosen room's row is locked so two assignments
 * cannot overfill it; SQLite writers are serialised already.
 */
export async function roomFor(trx: Db, site: IsolationSiteRow, roomId: string | undefined, lock: boolean): Promise<{ id: string; label: string }> {
  const occupiedOf = async (id: string) => Number((await trx.selectFrom('isolation_episodes').select(sql<number>`count(*)`.as('n'))
    .where('room_id', '=', id).where('status', '=', 'active').executeTakeFirstOrThrow()).n);
  if (roomId) {
    let q = trx.selectFrom('isolation_rooms').selectAll().where('id', '=', roomId).where('site_id', '=', site.id);
    if (lock) q = q.forUpdate();
    const room = await q.executeTakeFirst();
    if (!room || room.status !== 'available') throw new AppError('ROOM_NOT_FOUND');
    if (await occupiedOf(room.id) >= room.capacity) throw new AppError('ROOM_FULL', { room: room.label });
    return room;
  }
  const free = await trx.selectFrom('isolation_rooms')
    .select(['isolation_rooms.id', 'isolation_rooms.label', 'isolation_rooms.capacity'])
    .select((eb) => eb.selectFrom('isolation_episodes').select(sql<number>`count(*)`.as('n'))
      .whereRef('isolation_episodes.room_id', '=', 'isolation_rooms.id').where('isolation_episodes.status', '=', 'active').as('occupied'))
    .where('site_id', '=', site.id).where('status', '=', 'available').execute();
  const candidates = free.filter((r) => Number(r.occupied) < r.capacity).sort((a, b) => a.label.localeCompare(b.label, 'zh-CN', { numeric: true }));
  for (const c of candidates) {
    if (!lock) return c;
    const locked = await trx.selectFrom('isolation_rooms').select(['id', 'label', 'capacity']).where('id', '=', c.id).forUpdate().executeTakeFirstOrThrow();
    if (await occupiedOf(locked.id) < locked.capacity) return locked;
  }
  throw new AppError('SITE_FULL', { site: site.name });
}
