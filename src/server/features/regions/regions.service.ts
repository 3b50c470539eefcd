import type { Db } from '../../db/database';
import type { RegionRow } from './regions.table';
import type { Clock } from '../../clock';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { pathInScope, scopeOf, type Scope } from '../../access/scope';
import { significantDigits } from '../../../shared/validators';
import type { RegionCreateInput, RegionMoveInput } from '../../../shared/regions';
import { audit } from '../audit';
import { codesOfPath, nameColumns, newRegionRow } from './regions.mapper';
import {
  findRegionByCode,
  findRegionById,
  findRegionsByCodes,
  deleteRegionRow,
  insertRegions,
  maxChildCode,
  regionHoldsData,
  repathSubtree,
  updateRegionRow,
  updateSubtreeStatus,
} from './regions.repository';
import { assertCodeFits, assertLevelFits, codeIsGenerated } from './regions.rules';

/** A region the actor may see, or 404 (never revealing that a node outside the jurisdiction exists). */
export async function getRegionInScope(db: Db, scope: Scope, id: string): Promise<RegionRow> {
  const row = await findRegionById(db, id);
  if (!row || !pathInScope(row.path, scope)) throw new AppError('REGION_NOT_FOUND');
  return row;
}

/**
 * A region the actor may change: inside their jurisdiction and strictly below their own node
 * (a township cadre manages the villages and grids of the township, not the township itself).
 */
async function getRegionToChange(db: Db, actor: Actor, id: string): Promise<RegionRow> {
  const scope = scopeOf(actor);
  const row = await getRegionInScope(db, scope, id);
  if (row.path === scope.prefix) throw new AppError('OUT_OF_SCOPE');
  return row;
}

/** The ancestors of a node, top first (names for breadcrumbs). */
export async function ancestorsOf(db: Db, row: RegionRow) {
  const codes = codesOfPath(row.path).slice(0, -1);
  const rows = await findRegionsByCodes(db, codes);
  return rows.sort((a, b) => a.depth - b.depth).map((r) => ({ id: r.id, name: r.name, level: r.level, code: r.code }));
}

/** Next free generated code under a village (grids) or grid (buildings): parent digits + 3. */
async function nextChildCode(db: Db, parent: RegionRow): Promise<string> {
  const prefix = parent.code.slice(0, significantDigits(parent.level));
  const max = await maxChildCode(db, prefix);
  const next = max ? Number(max.slice(prefix.length)) + 1 : 1;
  if (next > 999) throw new AppError('REGION_CODE_INVALID', { reason: 'no free code left under this parent' });
  return prefix + String(next).padStart(3, '0');
}

/**
 * Create a node. Top-level nodes (a province, city or county root) need a global admin; below,
 * the parent must be active, in the actor's jurisdiction, and of the level this one hangs under.
 */
export async function createRegion(db: Db, clock: Clock, actor: Actor, input: RegionCreateInput): Promise<RegionRow> {
  const scope = scopeOf(actor);
  return db.transaction().execute(async (trx) => {
    let parent: RegionRow | null = null;
    if (input.parentId === null) {
      if (scope.prefix !== '/') throw new AppError('OUT_OF_SCOPE');
    } else {
      parent = await getRegionInScope(trx, scope, input.parentId);
      if (parent.status !== 'active') throw new AppError('REGION_RETIRED');
    }
    assertLevelFits(input.level, parent);
    let code = input.code;
    if (!code) {
      if (!codeIsGenerated(input.level) || !parent)
        throw new AppError('VALIDATION', {
          issues: [{ path: ['code'], message: 'code is required for administrative levels' }],
        });
      code = await nextChildCode(trx, parent);
    }
    assertCodeFits(input.level, code, parent);
    if (await findRegionByCode(trx, code)) throw new AppError('REGION_CODE_TAKEN', { code });
    const row = newRegionRow(parent, input.level, code, input.name, clock.now().toISOString());
    await insertRegions(trx, [row]);
    await audit(trx, clock, actor, {
      action: 'region.create',
      entityType: 'region',
      entityId: row.id,
      regionPath: row.path,
      details: { code, name: row.name, level: row.level },
    });
    return row;
  });
}

export async function renameRegion(db: Db, clock: Clock, actor: Actor, id: string, name: string): Promise<RegionRow> {
  return db.transaction().execute(async (trx) => {
    const row = await getRegionToChange(trx, actor, id);
    const now = clock.now().toISOString();
    const columns = nameColumns(name, row.code);
    await updateRegionRow(trx, id, { ...columns, updated_at: now });
    await audit(trx, clock, actor, {
      action: 'region.rename',
      entityType: 'region',
      entityId: id,
      regionPath: row.path,
      details: { from: row.name, to: name },
    });
    return { ...row, ...columns, updated_at: now };
  });
}

/**
 * Move a node (and its whole subtree) under a new parent, re-pathing every region and every scoped
 * row below it in one transaction. A node cannot move under itself or a descendant. An optional new
 * code (an official re-coding after an administrative adjustment) must fit the new parent.
 */
export async function moveRegion(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  input: RegionMoveInput,
): Promise<RegionRow> {
  const scope = scopeOf(actor);
  return db.transaction().execute(async (trx) => {
    const row = await getRegionToChange(trx, actor, id);
    const parent = await getRegionInScope(trx, scope, input.parentId);
    if (parent.path.startsWith(row.path)) throw new AppError('REGION_MOVE_CYCLE');
    if (parent.status !== 'active') throw new AppError('REGION_RETIRED');
    assertLevelFits(row.level, parent);
    const code = input.code ?? row.code;
    if (input.code !== undefined && input.code !== row.code) {
      assertCodeFits(row.level, code, parent);
      if (await findRegionByCode(trx, code)) throw new AppError('REGION_CODE_TAKEN', { code });
    }
    const now = clock.now().toISOString();
    const newPath = parent.path + code + '/';
    if (code !== row.code) {
      await updateRegionRow(trx, id, { code, ...nameColumns(row.name, code) });
    }
    await updateRegionRow(trx, id, { parent_id: parent.id, updated_at: now });
    await repathSubtree(trx, row.path, newPath, parent.depth + 1 - row.depth, now);
    await audit(trx, clock, actor, {
      action: 'region.move',
      entityType: 'region',
      entityId: id,
      regionPath: newPath,
      details: { fromPath: row.path, toPath: newPath, fromParentId: row.parent_id, toParentId: parent.id, code },
    });
    return (await findRegionById(trx, id))!;
  });
}

/**
 * Retire a node and everything under it: it disappears from active lists and takes no new data,
 * while everything recorded against it stays. Nodes are retired, not deleted, once they hold data.
 */
export async function retireRegion(db: Db, clock: Clock, actor: Actor, id: string): Promise<RegionRow> {
  return setSubtreeStatus(db, clock, actor, id, 'retired');
}

/** Restore a retired node and its subtree; its parent must be active. */
export async function restoreRegion(db: Db, clock: Clock, actor: Actor, id: string): Promise<RegionRow> {
  return setSubtreeStatus(db, clock, actor, id, 'active');
}

async function setSubtreeStatus(db: Db, clock: Clock, actor: Actor, id: string, status: 'active' | 'retired') {
  return db.transaction().execute(async (trx) => {
    const row = await getRegionToChange(trx, actor, id);
    if (status === 'active' && row.parent_id) {
      const parent = await findRegionById(trx, row.parent_id);
      if (parent?.status !== 'active') throw new AppError('REGION_RETIRED', { parentId: row.parent_id });
    }
    const now = clock.now().toISOString();
    await updateSubtreeStatus(trx, row.path, status, now);
    await audit(trx, clock, actor, {
      action: status === 'retired' ? 'region.retire' : 'region.restore',
      entityType: 'region',
      entityId: id,
      regionPath: row.path,
    });
    return (await findRegionById(trx, id))!;
  });
}

/** Delete a node created by mistake. A node with children or any data is refused: retire it instead. */
export async function deleteRegion(db: Db, clock: Clock, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await getRegionToChange(trx, actor, id);
    if (await regionHoldsData(trx, row)) throw new AppError('REGION_HAS_DATA');
    await deleteRegionRow(trx, id);
    await audit(trx, clock, actor, {
      action: 'region.delete',
      entityType: 'region',
      entityId: id,
      regionPath: row.path,
      details: { code: row.code, name: row.name },
    });
  });
}

/** "古陶镇 / 东城村" — the names along a path, for search results and the gaps list. */
export async function pathNamesOf(db: Db, paths: string[]): Promise<Map<string, string>> {
  const codes = [...new Set(paths.flatMap(codesOfPath))];
  const names = new Map<string, string>();
  for (let i = 0; i < codes.length; i += 500) {
    for (const r of await findRegionsByCodes(db, codes.slice(i, i + 500))) names.set(r.code, r.name);
  }
  return new Map(
    paths.map((p) => [
      p,
      codesOfPath(p)
        .map((c) => names.get(c) ?? c)
        .join(' / '),
    ]),
  );
}
