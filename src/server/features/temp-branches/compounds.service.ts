import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf, type Scope } from '../../access/scope';
import { CursorId, decodeCursor } from '../../http/pagination';
import type { Compound, CompoundInput, CompoundPatch, CompoundQuery } from '../../../shared/temp-branches';
import { audit } from '../audit';
import { getRegionInScope } from '../regions';
import {
  findCompoundByRegion,
  findCompoundInScope,
  insertCompound,
  listCompoundsInScope,
  updateCompound,
  type CompoundRow,
} from './temp-branches.repository';

/** A compound as lists show it, with the registry's counts under its node. */
export function toCompound(r: CompoundRow): Compound {
  return {
    id: r.id,
    regionId: r.region_id,
    regionName: r.region_name ?? null,
    regionPath: r.region_path,
    name: r.name,
    propertyManagement: Number(r.property_management) === 1,
    propertyCompany: r.property_company,
    note: r.note,
    households: Number(r.households ?? 0),
    residents: Number(r.residents ?? 0),
    branchId: r.branch_id ?? null,
    updatedAt: r.updated_at,
  };
}

export async function getCompound(db: Db, scope: Scope, id: string): Promise<CompoundRow> {
  const row = await findCompoundInScope(db, scope, id);
  if (!row) throw new AppError('COMPOUND_NOT_FOUND');
  return row;
}

export async function listCompounds(db: Db, scope: Scope, q: CompoundQuery) {
  return listCompoundsInScope(db, scope, { q: q.q, after: decodeCursor(q.cursor, CursorId), limit: q.limit });
}

/**
 * Mark a region node of the jurisdiction as a compound (小区), with or without property management
 * (物业管理). A compound is a village (community) or a grid: its households are the registry's under
 * that node, so rule (b) counts them without copying anything. One compound per node.
 */
export async function markCompound(db: Db, clock: Clock, actor: Actor, input: CompoundInput): Promise<CompoundRow> {
  const scope = scopeOf(actor);
  const id = await db.transaction().execute(async (trx) => {
    const region = await getRegionInScope(trx, scope, input.regionId);
    if (region.level !== 'village' && region.level !== 'grid') throw new AppError('COMPOUND_REGION_INVALID');
    if (await findCompoundByRegion(trx, region.id)) throw new AppError('COMPOUND_EXISTS');
    const now = clock.now();
    const compoundId = uuidv7(now.getTime());
    await insertCompound(trx, {
      id: compoundId,
      region_id: region.id,
      region_path: region.path,
      name: input.name ?? region.name,
      property_management: input.propertyManagement ? 1 : 0,
      property_company: input.propertyCompany ?? null,
      note: input.note ?? null,
      created_by: actor.id,
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    });
    await audit(trx, clock, actor, {
      action: 'compound.mark',
      entityType: 'compound',
      entityId: compoundId,
      regionPath: region.path,
      details: { name: input.name ?? region.name, propertyManagement: input.propertyManagement },
    });
    return compoundId;
  });
  return getCompound(db, scope, id);
}

/** Rename a compound or change its property management. */
export async function changeCompound(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  patch: CompoundPatch,
): Promise<CompoundRow> {
  const scope = scopeOf(actor);
  await db.transaction().execute(async (trx) => {
    const compound = await getCompound(trx, scope, id);
    await updateCompound(trx, id, {
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.propertyManagement !== undefined ? { property_management: patch.propertyManagement ? 1 : 0 } : {}),
      ...(patch.propertyCompany !== undefined ? { property_company: patch.propertyCompany } : {}),
      ...(patch.note !== undefined ? { note: patch.note } : {}),
      updated_at: clock.now().toISOString(),
    });
    await audit(trx, clock, actor, {
      action: 'compound.change',
      entityType: 'compound',
      entityId: id,
      regionPath: compound.region_path,
      details: { ...patch },
    });
  });
  return getCompound(db, scope, id);
}
