import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf, type Scope } from '../../access/scope';
import { maskPhone } from '../../../shared/validators';
import type { Household, HouseholdInput, HouseholdPatch } from '../../../shared/residents';
import { audit } from '../audit';
import { ancestorsOf, getRegionInScope } from '../regions';
import { findHouseholdInScope, insertHousehold, setHouseholdColumns, type HouseholdRow } from './households.repository';
import { moveHouseholdMembers } from './persons.repository';
import { moveHouseholdTags } from './person-tags.repository';
import { moveOpenRecords } from './person-move';

export function toHousehold(row: HouseholdRow): Household {
  return {
    id: row.id,
    regionId: row.region_id,
    regionPath: row.region_path,
    regionName: row.region_name ?? null,
    address: row.address,
    room: row.room,
    phone: maskPhone(row.phone),
    headPersonId: row.head_person_id,
    headName: row.head_name ?? null,
    vacant: row.vacant === 1,
    note: row.note,
    memberCount: Number(row.member_count ?? 0),
    createdAt: row.created_at,
  };
}

export async function getHouseholdInScope(db: Db, scope: Scope, id: string): Promise<HouseholdRow> {
  const row = await findHouseholdInScope(db, scope, id);
  if (!row) throw new AppError('HOUSEHOLD_NOT_FOUND');
  return row;
}

/** The building a household lives in: a building node, active, in the actor's jurisdiction. */
async function buildingFor(db: Db, actor: Actor, regionId: string) {
  const building = await getRegionInScope(db, scopeOf(actor), regionId);
  if (building.level !== 'building') throw new AppError('REGION_NOT_BUILDING');
  if (building.status !== 'active') throw new AppError('REGION_RETIRED');
  return building;
}

/** "古陶镇东城村1号院 2单元301": the names from the township down to the building, then the room. */
async function addressOf(db: Db, building: Awaited<ReturnType<typeof buildingFor>>, room: string | null | undefined) {
  const names = (await ancestorsOf(db, building))
    .filter((a) => a.level === 'township' || a.level === 'village')
    .map((a) => a.name);
  return `${names.join('')}${building.name}${room ? ' ' + room : ''}`;
}

export async function createHousehold(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: HouseholdInput,
): Promise<HouseholdRow> {
  const id = await db.transaction().execute(async (trx) => {
    const building = await buildingFor(trx, actor, input.regionId);
    const now = clock.now().toISOString();
    const id = uuidv7();
    await insertHousehold(trx, {
      id,
      region_id: building.id,
      region_path: building.path,
      address: input.address || (await addressOf(trx, building, input.room)),
      room: input.room ?? null,
      head_person_id: null,
      phone: input.phone ?? null,
      vacant: input.vacant ? 1 : 0,
      note: input.note ?? null,
      created_at: now,
      updated_at: now,
    });
    await audit(trx, clock, actor, {
      action: 'household.create',
      entityType: 'household',
      entityId: id,
      regionPath: building.path,
    });
    return id;
  });
  return getHouseholdInScope(db, scopeOf(actor), id);
}

/** Change a household; a new building moves its members with it, and their open isolation, case …; a left-out phone is kept. */
export async function updateHousehold(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  input: HouseholdPatch,
): Promise<HouseholdRow> {
  const scope = scopeOf(actor);
  await db.transaction().execute(async (trx) => {
    const current = await getHouseholdInScope(trx, scope, id);
    // a field left out keeps its value
    const building = await buildingFor(trx, actor, input.regionId ?? current.region_id);
    const room = input.room === undefined ? current.room : input.room;
    const moved = building.id !== current.region_id;
    const address =
      input.address || (moved || room !== current.room ? await addressOf(trx, building, room) : current.address);
    await setHouseholdColumns(trx, id, {
      region_id: building.id,
      region_path: building.path,
      address,
      room: room ?? null,
      phone: input.phone === undefined ? current.phone : input.phone,
      vacant: input.vacant === undefined ? current.vacant : input.vacant ? 1 : 0,
      note: input.note === undefined ? current.note : input.note,
      updated_at: clock.now().toISOString(),
    });
    if (moved) {
      const members = await moveHouseholdMembers(trx, id, current.region_id, {
        regionId: building.id,
        path: building.path,
      });
      // what is still being handled about the members moves with them (see person-move.ts)
      for (const personId of members)
        await moveOpenRecords(trx, personId, { regionId: building.id, path: building.path, householdId: id });
      await moveHouseholdTags(trx, id, building.path);
    }
    await audit(trx, clock, actor, {
      action: 'household.update',
      entityType: 'household',
      entityId: id,
      regionPath: building.path,
      details: moved ? { fromPath: current.region_path } : undefined,
    });
  });
  return getHouseholdInScope(db, scope, id);
}

/** A household's full phone; reading it is audited. */
export async function revealHouseholdPhone(db: Db, clock: Clock, actor: Actor, id: string) {
  const row = await getHouseholdInScope(db, scopeOf(actor), id);
  await audit(db, clock, actor, {
    action: 'household.reveal',
    entityType: 'household',
    entityId: id,
    regionPath: row.region_path,
    details: { field: 'phone' },
  });
  return { field: 'phone', value: row.phone };
}
