import type { Db } from '../../db/database';
import type { RegionRow } from './regions.table';
import type { Clock } from '../../clock';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { pathInScope, scopeOf } from '../../access/scope';
import { audit } from '../audit';
import { readDivisionCounty } from './division-table';
import { nameColumns, newRegionRow } from './regions.mapper';
import { findRegionByCode, findRegionsByCodes, insertRegions, updateRegionRow } from './regions.repository';

export type LoadProgress = (done: number, total: number) => void;

/**
 * Load a real county's tree from the national division table: the county (under its city or
 * province node if those exist here), its townships/streets (9-digit code + 000) and its
 * villages/communities (12 digits). Existing codes are renamed if the table's name differs;
 * nothing is deleted. Returns how many nodes were created and renamed.
 */
export async function loadCountyFromDivisionTable(
  db: Db,
  clock: Clock,
  actor: Actor | null,
  countyCode: string,
  progress?: LoadProgress,
) {
  const table = await readDivisionCounty(countyCode);
  if (!table) throw new AppError('DIVISION_NOT_FOUND', { countyCode });
  const scope = actor ? scopeOf(actor) : { prefix: '/' };
  const now = clock.now().toISOString();

  return db.transaction().execute(async (trx) => {
    const countyFull = countyCode + '000000';
    let county = await findRegionByCode(trx, countyFull);
    if (county && !pathInScope(county.path, scope)) throw new AppError('OUT_OF_SCOPE');
    let created = 0;
    let updated = 0;
    if (!county) {
      // Hang under the city or province if this database already has it; else a new root.
      const [parent] = (
        await findRegionsByCodes(trx, [countyCode.slice(0, 4) + '00000000', countyCode.slice(0, 2) + '0000000000'])
      ).sort((a, b) => b.depth - a.depth);
      if (parent ? !pathInScope(parent.path, scope) : scope.prefix !== '/') throw new AppError('OUT_OF_SCOPE');
      county = newRegionRow(parent ?? null, 'county', countyFull, table.county.name, now);
      await insertRegions(trx, [county]);
      created++;
    }
    const existing = new Map<string, RegionRow>();
    const codes = [...table.townships.map((t) => t.code + '000'), ...table.villages.map((v) => v.code)];
    for (let i = 0; i < codes.length; i += 500) {
      for (const r of await findRegionsByCodes(trx, codes.slice(i, i + 500))) existing.set(r.code, r);
    }
    const total = table.townships.length + table.villages.length;
    let done = 0;
    const townships = new Map<string, RegionRow>();
    const fresh: RegionRow[] = [];
    const upsert = async (parent: RegionRow, level: 'township' | 'village', code: string, name: string) => {
      const found = existing.get(code);
      done++;
      if (found) {
        if (found.name !== name) {
          await updateRegionRow(trx, found.id, { ...nameColumns(name, code), updated_at: now });
          updated++;
        }
        return found;
      }
      const row = newRegionRow(parent, level, code, name, now);
      fresh.push(row);
      created++;
      return row;
    };
    for (const t of table.townships) townships.set(t.code, await upsert(county, 'township', t.code + '000', t.name));
    progress?.(done, total);
    for (const v of table.villages) {
      const township = townships.get(v.townshipCode);
      if (township) await upsert(township, 'village', v.code, v.name);
      if (done % 100 === 0) progress?.(done, total);
    }
    await insertRegions(trx, fresh);
    progress?.(total, total);
    await audit(trx, clock, actor, {
      action: 'region.load_division',
      entityType: 'region',
      entityId: county.id,
      regionPath: county.path,
      details: { countyCode, created, updated },
    });
    return { created, updated, countyId: county.id };
  });
}
