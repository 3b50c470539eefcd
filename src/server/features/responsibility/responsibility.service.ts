import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf, type Scope } from '../../access/scope';
import type { Responsibility, ResponsibilityInput, ResponsibilityUpdateInput } from '../../../shared/responsibility';
import { maskPhone } from '../../../shared/validators';
import { audit } from '../audit';
import { getRegionInScope } from '../regions';
import { findUserInScope } from '../users';
import {
  deleteResponsibility,
  findResponsibilityInScope,
  insertResponsibility,
  updateResponsibilityRow,
} from './responsibility.repository';

type Row = NonNullable<Awaited<ReturnType<typeof findResponsibilityInScope>>>;

export function toResponsibility(row: Row): Responsibility {
  return {
    id: row.id,
    regionId: row.region_id,
    regionName: row.region_name,
    regionLevel: row.region_level,
    regionPath: row.region_path,
    personName: row.person_name,
    post: row.post,
    phone: maskPhone(row.phone),
    userId: row.user_id,
    userName: row.user_name ?? null,
    note: row.note,
    createdAt: row.created_at,
  };
}

async function getInScope(db: Db, scope: Scope, id: string): Promise<Row> {
  const row = await findResponsibilityInScope(db, scope, id);
  if (!row) throw new AppError('RESPONSIBILITY_NOT_FOUND');
  return row;
}

/** The optional linked user must be someone the actor can see. */
async function checkLinkedUser(db: Db, scope: Scope, userId: string | null | undefined) {
  if (userId && !(await findUserInScope(db, scope, userId))) throw new AppError('USER_NOT_FOUND');
}

/**
 * Name someone answerable for a region (包保责任人): a county leader for a township, a township
 * cadre for a village, a village cadre for a grid. A node may have several.
 */
export async function assignResponsibility(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: ResponsibilityInput,
): Promise<Row> {
  const scope = scopeOf(actor);
  const id = await db.transaction().execute(async (trx) => {
    const region = await getRegionInScope(trx, scope, input.regionId);
    if (region.status !== 'active') throw new AppError('REGION_RETIRED');
    await checkLinkedUser(trx, scope, input.userId);
    const now = clock.now().toISOString();
    const id = uuidv7();
    await insertResponsibility(trx, {
      id,
      region_id: region.id,
      region_path: region.path,
      person_name: input.personName,
      post: input.post,
      phone: input.phone ?? null,
      user_id: input.userId ?? null,
      note: input.note ?? null,
      created_at: now,
      updated_at: now,
    });
    await audit(trx, clock, actor, {
      action: 'responsibility.assign',
      entityType: 'responsibility',
      entityId: id,
      regionPath: region.path,
      details: { personName: input.personName, post: input.post },
    });
    return id;
  });
  return getInScope(db, scope, id);
}

export async function updateResponsibility(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  input: ResponsibilityUpdateInput,
): Promise<Row> {
  const scope = scopeOf(actor);
  await db.transaction().execute(async (trx) => {
    const current = await getInScope(trx, scope, id);
    const region =
      input.regionId === undefined || input.regionId === current.region_id
        ? null
        : await getRegionInScope(trx, scope, input.regionId);
    if (region && region.status !== 'active') throw new AppError('REGION_RETIRED');
    await checkLinkedUser(trx, scope, input.userId);
    await updateResponsibilityRow(trx, id, {
      ...(region && { region_id: region.id, region_path: region.path }),
      ...(input.personName !== undefined && { person_name: input.personName }),
      ...(input.post !== undefined && { post: input.post }),
      ...(input.phone !== undefined && { phone: input.phone }),
      ...(input.userId !== undefined && { user_id: input.userId }),
      ...(input.note !== undefined && { note: input.note }),
      updated_at: clock.now().toISOString(),
    });
    await audit(trx, clock, actor, {
      action: 'responsibility.update',
      entityType: 'responsibility',
      entityId: id,
      regionPath: region?.path ?? current.region_path,
      details: { ...input, phone: input.phone ? maskPhone(input.phone) : input.phone },
    });
  });
  return getInScope(db, scope, id);
}

export async function removeResponsibility(db: Db, clock: Clock, actor: Actor, id: string): Promise<void> {
  const scope = scopeOf(actor);
  await db.transaction().execute(async (trx) => {
    const current = await getInScope(trx, scope, id);
    await deleteResponsibility(trx, id);
    await audit(trx, clock, actor, {
      action: 'responsibility.remove',
      entityType: 'responsibility',
      entityId: id,
      regionPath: current.region_path,
      details: { personName: current.person_name, post: current.post },
    });
  });
}

export async function revealResponsibilityPhone(db: Db, clock: Clock, actor: Actor, id: string) {
  const row = await getInScope(db, scopeOf(actor), id);
  await audit(db, clock, actor, {
    action: 'responsibility.reveal',
    entityType: 'responsibility',
    entityId: id,
    regionPath: row.region_path,
    details: { field: 'phone' },
  });
  return { field: 'phone', value: row.phone };
}
