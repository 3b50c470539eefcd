import type { Db } from '../../db/database';
import { GLOBAL_SCOPE, type Scope } from '../../access/scope';
import { codesOfPath } from '../regions';
import type { CoverageRow } from '../../../shared/screening';
import { coverageByBuilding, listRegionUnits } from './coverage.repository';
import { openRoundPaths } from './rounds.repository';

/**
 * Screening coverage per unit of one level (township, village or grid) in the user's jurisdiction:
 * households, visited, "not home" without a successful revisit, never visited. Units with no
 * household at all are listed too (0 of 0) — an empty grid is itself worth a look.
 */
export async function coverage(
  db: Db,
  scope: Scope,
  roundId: string,
  roundPaths: string[],
  level: 'township' | 'village' | 'grid',
  underPath?: string,
): Promise<CoverageRow[]> {
  const buildings = await coverageByBuilding(db, scope, roundId, roundPaths, underPath);
  const units = (await listRegionUnits(db, scope, level, underPath)).filter((u) =>
    roundPaths.some((p) => u.path.startsWith(p) || p.startsWith(u.path)),
  );
  const byPath = new Map(
    units.map((u) => [
      u.path,
      {
        regionId: u.id,
        name: u.name,
        code: u.code,
        level: u.level,
        households: 0,
        visited: 0,
        notHome: 0,
        never: 0,
        rate: 0,
      },
    ]),
  );
  for (const b of buildings) {
    const codes = codesOfPath(b.path);
    for (let n = codes.length; n > 0; n--) {
      const unit = byPath.get('/' + codes.slice(0, n).join('/') + '/');
      if (!unit) continue;
      const total = Number(b.total);
      const visited = Number(b.visited ?? 0);
      const notHome = Number(b.not_home ?? 0);
      unit.households += total;
      unit.visited += visited;
      unit.notHome += notHome;
      unit.never += total - visited - notHome;
      break;
    }
  }
  return [...byPath.values()].map((u) => ({ ...u, rate: u.households ? u.visited / u.households : 0 }));
}

/**
 * Screening coverage of every open round over the whole county, per place (a building, or wherever
 * households are registered): the round's households and how many were visited — the big screen's
 * roundHouseholds and roundVisited. The same count as `coverage`, without a jurisdiction.
 */
export async function openRoundsCoverage(
  db: Db,
): Promise<{ roundId: string; path: string; households: number; visited: number }[]> {
  const out = [];
  for (const [roundId, paths] of await openRoundPaths(db)) {
    for (const b of await coverageByBuilding(db, GLOBAL_SCOPE, roundId, paths)) {
      out.push({ roundId, path: b.path, households: Number(b.total), visited: Number(b.visited ?? 0) });
    }
  }
  return out;
}
