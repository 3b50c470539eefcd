import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf, type Scope } from '../../access/scope';
import { maskPhone } from '../../../shared/validators';
import type { IsolationSite, IsolationSiteInput, Room, RoomsInput } from '../../../shared/isolation';
import { audit } from '../audit';
import { getRegionInScope } from '../regions';
import {
  countOccupants,
  findAvailableRoomsWithOccupancy,
  findOccupantsOfSite,
  findRoomInScope,
  findRoomOfSite,
  findRoomsOfSite,
  findSiteInScope,
  findSitesInScope,
  findTakenRoomLabels,
  insertRooms,
  insertSite,
  type IsolationSiteRow,
  lockRoom,
  repathRoomsOfSite,
  siteCounts,
  updateRoomRow,
  updateSite,
} from './isolation-sites.repository';
import { repathStaffOfSite } from './site-staff.repository';

/** Who runs centralised isolation sites (集中隔离点) and assigns rooms. */
export const ROLES_THAT_MANAGE_ISOLATION_SITES = ['admin', 'command', 'township'] as const;

/** A site the actor may see, or 404. */
export async function getIsolationSite(db: Db, scope: Scope, id: string): Promise<IsolationSiteRow> {
  const site = await findSiteInScope(db, scope, id);
  if (!site) throw new AppError('ISOLATION_SITE_NOT_FOUND');
  return site;
}

/** Rooms, capacity and current occupancy of sites, keyed by site id. */
async function occupancy(db: Db, siteIds: string[]) {
  const map = new Map<string, { rooms: number; capacity: number; occupied: number }>();
  if (siteIds.length === 0) return map;
  const { rooms, occupied } = await siteCounts(db, siteIds);
  for (const id of siteIds) map.set(id, { rooms: 0, capacity: 0, occupied: 0 });
  for (const r of rooms)
    Object.assign(map.get(r.site_id!)!, { rooms: Number(r.rooms), capacity: Number(r.capacity ?? 0) });
  for (const o of occupied) map.get(o.site_id!)!.occupied = Number(o.n);
  return map;
}

/** The sites in the actor's jurisdiction with their rooms, beds and occupancy. */
export async function listIsolationSites(db: Db, scope: Scope): Promise<IsolationSite[]> {
  const rows = await findSitesInScope(db, scope);
  const occ = await occupancy(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toIsolationSite(r, occ.get(r.id)!));
}

/** One site as the API shows it: with its rooms, beds and occupancy. */
export async function isolationSiteWithOccupancy(db: Db, row: IsolationSiteRow): Promise<IsolationSite> {
  return toIsolationSite(row, (await occupancy(db, [row.id])).get(row.id)!);
}

function toIsolationSite(
  r: IsolationSiteRow,
  occ: { rooms: number; capacity: number; occupied: number },
): IsolationSite {
  return {
    id: r.id,
    name: r.name,
    regionId: r.region_id,
    regionName: r.region_name ?? null,
    regionPath: r.region_path,
    address: r.address,
    contactName: r.contact_name,
    contactPhone: maskPhone(r.contact_phone),
    status: r.status,
    createdAt: r.created_at,
    ...occ,
  };
}

/** Register or change a centralised isolation site (a hotel or similar) in the actor's jurisdiction. */
export async function saveIsolationSite(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: IsolationSiteInput,
  id?: string,
): Promise<IsolationSiteRow> {
  const scope = scopeOf(actor);
  const siteId = await db.transaction().execute(async (trx) => {
    const region = await getRegionInScope(trx, scope, input.regionId);
    const now = clock.now().toISOString();
    const columns = {
      name: input.name,
      region_id: region.id,
      region_path: region.path,
      address: input.address ?? null,
      contact_name: input.contactName ?? null,
      status: input.status,
      updated_at: now,
    };
    if (id) {
      const current = await getIsolationSite(trx, scope, id);
      await updateSite(trx, id, {
        ...columns,
        ...(input.contactPhone !== undefined && { contact_phone: input.contactPhone }),
      });
      if (current.region_path !== region.path) {
        await repathRoomsOfSite(trx, id, region.path);
        await repathStaffOfSite(trx, id, region.path);
      }
      await audit(trx, clock, actor, {
        action: 'isolation.site_update',
        entityType: 'isolation_site',
        entityId: id,
        regionPath: region.path,
      });
      return id;
    }
    const newId = uuidv7();
    await insertSite(trx, { id: newId, ...columns, contact_phone: input.contactPhone ?? null, created_at: now });
    await audit(trx, clock, actor, {
      action: 'isolation.site_create',
      entityType: 'isolation_site',
      entityId: newId,
      regionPath: region.path,
      details: { name: input.name },
    });
    return newId;
  });
  return getIsolationSite(db, scope, siteId);
}

/** Add rooms to a site: given labels, or a numbered range ("101" … "120"). A label already there is refused. */
export async function addRooms(db: Db, clock: Clock, actor: Actor, siteId: string, input: RoomsInput): Promise<number> {
  const labels = input.labels ?? [];
  if (input.from !== undefined || input.to !== undefined) {
    if (input.from === undefined || input.to === undefined || input.to < input.from || input.to - input.from >= 2000) {
      throw new AppError('VALIDATION', {
        issues: [{ path: ['to'], message: 'a range needs from ≤ to, at most 2000 rooms' }],
      });
    }
    for (let n = input.from; n <= input.to; n++) labels.push(String(n));
  }
  const unique = [...new Set(labels)];
  if (unique.length === 0)
    throw new AppError('VALIDATION', { issues: [{ path: ['labels'], message: 'give labels or a from–to range' }] });
  return db.transaction().execute(async (trx) => {
    const site = await getIsolationSite(trx, scopeOf(actor), siteId);
    const taken = await findTakenRoomLabels(trx, site.id, unique);
    if (taken.length) throw new AppError('ROOM_LABEL_TAKEN', { labels: taken });
    const now = clock.now().toISOString();
    await insertRooms(
      trx,
      unique.map((label) => ({
        id: uuidv7(),
        site_id: site.id,
        region_path: site.region_path,
        label,
        capacity: input.capacity,
        status: 'available' as const,
        created_at: now,
      })),
    );
    await audit(trx, clock, actor, {
      action: 'isolation.rooms_add',
      entityType: 'isolation_site',
      entityId: site.id,
      regionPath: site.region_path,
      details: { count: unique.length },
    });
    return unique.length;
  });
}

/** Change a room's capacity or close it (a closed room takes nobody new). */
export async function updateRoom(
  db: Db,
  clock: Clock,
  actor: Actor,
  roomId: string,
  change: { capacity?: number; status?: 'available' | 'closed' },
) {
  await db.transaction().execute(async (trx) => {
    const room = await findRoomInScope(trx, scopeOf(actor), roomId);
    if (!room) throw new AppError('ROOM_NOT_FOUND');
    await updateRoomRow(trx, roomId, {
      ...(change.capacity !== undefined && { capacity: change.capacity }),
      ...(change.status && { status: change.status }),
    });
    await audit(trx, clock, actor, {
      action: 'isolation.room_update',
      entityType: 'isolation_room',
      entityId: roomId,
      regionPath: room.region_path,
      details: change,
    });
  });
}

/** A site's rooms with who is in each and when they leave (集中隔离点房间一览). */
export async function roomsOf(db: Db, siteId: string): Promise<Room[]> {
  const rooms = await findRoomsOfSite(db, siteId);
  const occupants = await findOccupantsOfSite(db, siteId);
  const byRoom = new Map<string, Room['occupants']>();
  for (const o of occupants) {
    if (!o.room_id) continue;
    byRoom.set(o.room_id, [
      ...(byRoom.get(o.room_id) ?? []),
      {
        episodeId: o.id,
        personId: o.person_id,
        personName: o.name,
        startDay: o.start_day,
        plannedEndDay: o.planned_end_day,
      },
    ]);
  }
  return rooms
    .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN', { numeric: true }))
    .map((r) => ({
      id: r.id,
      label: r.label,
      capacity: r.capacity,
      status: r.status,
      occupants: byRoom.get(r.id) ?? [],
    }));
}

/**
 * A room for a new episode at a site: the one asked for if it has space, else the first room (in
 * label order) with space. On PostgreSQL the chosen room's row is locked so two assignments
 * cannot overfill it; SQLite writers are serialised already.
 */
export async function roomFor(
  trx: Db,
  site: IsolationSiteRow,
  roomId: string | undefined,
  lock: boolean,
): Promise<{ id: string; label: string }> {
  if (roomId) {
    const room = await findRoomOfSite(trx, site.id, roomId, lock);
    if (room?.status !== 'available') throw new AppError('ROOM_NOT_FOUND');
    if ((await countOccupants(trx, room.id)) >= room.capacity) throw new AppError('ROOM_FULL', { room: room.label });
    return room;
  }
  const free = await findAvailableRoomsWithOccupancy(trx, site.id);
  const candidates = free
    .filter((r) => Number(r.occupied) < r.capacity)
    .sort((a, b) => a.label.localeCompare(b.label, 'zh-CN', { numeric: true }));
  for (const c of candidates) {
    if (!lock) return c;
    const locked = await lockRoom(trx, c.id);
    if ((await countOccupants(trx, locked.id)) < locked.capacity) return locked;
  }
  throw new AppError('SITE_FULL', { site: site.name });
}
