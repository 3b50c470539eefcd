import type { Db } from '../../db/database';
import { inScope, overlapsScope, type Scope } from '../../access/scope';
import type { ZeroReportUnitType } from '../../../shared/zero-reports';

/**
 * A reporting unit of the daily zero report: an active village/community (a region of level
 * 'village'), an active checkpoint, or an active centralised isolation site. `since` is when it
 * began to owe reports: a site from its registration; a village always (the region tree is often
 * loaded after the fact, and a village existed long before it was entered).
 */
export interface ReportingUnit {
  unitType: ZeroReportUnitType;
  unitId: string;
  name: string;
  regionPath: string;
  since: string | null;
}

/**
 * The active units of the given kinds in a jurisdiction. With `enclosingVillage`, also the village
 * that contains the jurisdiction's own node — a grid worker files the report of their village.
 */
export async function listReportingUnits(
  db: Db,
  scope: Scope,
  kinds: readonly ZeroReportUnitType[],
  opts: { enclosingVillage?: boolean } = {},
): Promise<ReportingUnit[]> {
  const none = Promise.resolve([]);
  const villagesQuery = db
    .selectFrom('regions')
    .select(['id', 'name', 'path'])
    .where('level', '=', 'village')
    .where('status', '=', 'active');
  const [villages, checkpoints, isolationSites] = await Promise.all([
    kinds.includes('village')
      ? (opts.enclosingVillage
          ? villagesQuery.where((eb) => overlapsScope(eb, 'path', scope))
          : inScope(villagesQuery, 'path', scope)
        )
          .orderBy('path')
          .execute()
      : none,
    kinds.includes('checkpoint_site')
      ? inScope(
          db
            .selectFrom('checkpoint_sites')
            .select(['id', 'name', 'region_path', 'created_at'])
            .where('status', '=', 'active'),
          'region_path',
          scope,
        )
          .orderBy('region_path')
          .orderBy('name')
          .execute()
      : none,
    kinds.includes('isolation_site')
      ? inScope(
          db
            .selectFrom('isolation_sites')
            .select(['id', 'name', 'region_path', 'created_at'])
            .where('status', '=', 'active'),
          'region_path',
          scope,
        )
          .orderBy('region_path')
          .orderBy('name')
          .execute()
      : none,
  ]);
  return [
    ...villages.map(
      (v): ReportingUnit => ({ unitType: 'village', unitId: v.id, name: v.name, regionPath: v.path, since: null }),
    ),
    ...checkpoints.map(
      (s): ReportingUnit => ({
        unitType: 'checkpoint_site',
        unitId: s.id,
        name: s.name,
        regionPath: s.region_path,
        since: s.created_at,
      }),
    ),
    ...isolationSites.map(
      (s): ReportingUnit => ({
        unitType: 'isolation_site',
        unitId: s.id,
        name: s.name,
        regionPath: s.region_path,
        since: s.created_at,
      }),
    ),
  ];
}

/** One active unit by type and id, wherever it is (the caller checks jurisdiction). */
export async function findReportingUnit(
  db: Db,
  unitType: ZeroReportUnitType,
  unitId: string,
): Promise<ReportingUnit | undefined> {
  if (unitType === 'village') {
    const v = await db
      .selectFrom('regions')
      .select(['id', 'name', 'path'])
      .where('id', '=', unitId)
      .where('level', '=', 'village')
      .where('status', '=', 'active')
      .executeTakeFirst();
    return v && { unitType, unitId: v.id, name: v.name, regionPath: v.path, since: null };
  }
  const table = unitType === 'checkpoint_site' ? 'checkpoint_sites' : 'isolation_sites';
  const s = await db
    .selectFrom(table)
    .select(['id', 'name', 'region_path', 'created_at'])
    .where('id', '=', unitId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return s && { unitType, unitId: s.id, name: s.name, regionPath: s.region_path, since: s.created_at };
}

/** The townships/streets a jurisdiction lies in or contains, for grouping units. */
export async function townshipsOverlapping(db: Db, scope: Scope) {
  return db
    .selectFrom('regions')
    .select(['id', 'name', 'path'])
    .where('level', '=', 'township')
    .where((eb) => overlapsScope(eb, 'path', scope))
    .orderBy('path')
    .execute();
}

/**
 * 包保: the nearest answerable person of each path — on the node itself, else on the closest
 * ancestor that has one (a village without a 包村干部 falls to its township's county leader).
 * One query over every prefix of the given paths.
 */
export async function nearestAnswerable(db: Db, paths: readonly string[]) {
  const prefixes = new Set<string>();
  for (const path of paths) {
    let end = path.indexOf('/', 1);
    while (end > 0) {
      prefixes.add(path.slice(0, end + 1));
      end = path.indexOf('/', end + 1);
    }
  }
  const byPath = new Map<string, { name: string; post: string; phone: string | null; regionName: string | null }>();
  if (prefixes.size === 0)
    return new Map<string, { name: string; post: string; phone: string | null; regionName: string | null }>();
  const rows = await db
    .selectFrom('responsibilities')
    .innerJoin('regions', 'regions.id', 'responsibilities.region_id')
    .select([
      'responsibilities.region_path',
      'responsibilities.person_name',
      'responsibilities.post',
      'responsibilities.phone',
      'regions.name as region_name',
    ])
    .where('responsibilities.region_path', 'in', [...prefixes])
    .orderBy('responsibilities.created_at')
    .orderBy('responsibilities.id')
    .execute();
  for (const r of rows) {
    if (!byPath.has(r.region_path))
      byPath.set(r.region_path, { name: r.person_name, post: r.post, phone: r.phone, regionName: r.region_name });
  }
  const out = new Map<string, { name: string; post: string; phone: string | null; regionName: string | null }>();
  for (const path of paths) {
    let candidate = path;
    while (candidate.length > 1) {
      const hit = byPath.get(candidate);
      if (hit) {
        out.set(path, hit);
        break;
      }
      candidate = candidate.slice(0, candidate.lastIndexOf('/', candidate.length - 2) + 1);
    }
  }
  return out;
}
