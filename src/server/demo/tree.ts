import type { RegionRow } from '../features/regions';
import { apportion, type DemoIds, type Rng } from './random';
import { cachedNameColumns } from './search-keys';

/**
 * The part of the tree below the official division table: grids (网格) under villages and
 * communities, and buildings (楼栋) or courtyards (院) under grids. Codes follow the platform's
 * scheme — a grid is its village's 12 digits + 3, a building its grid's 15 digits + 3.
 */
export interface BuildingPlan {
  row: RegionRow;
  /** 东城村, 海子街社区 …: the address reads township + village + building + room. */
  addressPrefix: string;
  rooms: string[];
}

export interface GridPlan {
  row: RegionRow;
  village: RegionRow;
  buildings: BuildingPlan[];
}

export interface TreeShape {
  /** Villages/communities that get grids, in code order. */
  villages: RegionRow[];
  /** Grids per village (same order), or one number for all. */
  gridsPerVillage: number[];
  /** Households per grid, flattened over all grids in order. */
  householdsPerGrid: number[];
  /** Households per building: [min, max], urban and rural. */
  buildingSize: { urban: [number, number]; rural: [number, number] };
}

/** Communities (社区) and villages under a street office (街道) are urban: buildings, not courtyards. */
function isUrban(village: RegionRow, township: RegionRow | undefined): boolean {
  return village.name.endsWith('社区') || (township?.name.endsWith('街道') ?? false);
}

/**
 * The county shape: `totalGrids` grids spread over the villages (communities get about four times
 * a village's share, every village at least 2) and `totalHouseholds` households spread over the
 * grids (urban grids a little denser).
 */
export function countyShape(
  rng: Rng,
  villages: RegionRow[],
  townships: Map<string, RegionRow>,
  totalGrids: number,
  totalHouseholds: number,
): TreeShape {
  const urban = villages.map((v) => isUrban(v, townships.get(v.parent_id!)));
  const gridsPerVillage = apportion(
    totalGrids,
    urban.map((u) => (u ? 4.5 : 0.6 + rng.next() * 0.8)),
    2,
  );
  const gridUrban = villages.flatMap((_, i) => Array.from({ length: gridsPerVillage[i]! }, () => urban[i]!));
  const householdsPerGrid = apportion(
    totalHouseholds,
    gridUrban.map((u) => (u ? 1.3 : 1) * (0.7 + rng.next() * 0.6)),
    10,
  );
  return { villages, gridsPerVillage, householdsPerGrid, buildingSize: { urban: [12, 30], rural: [5, 14] } };
}

/** Split a grid's households into buildings of a plausible size; no runt building at the end. */
function buildingSizes(rng: Rng, households: number, [lo, hi]: [number, number]): number[] {
  const out: number[] = [];
  let left = households;
  while (left > 0) {
    let n = Math.min(left, rng.int(lo, hi));
    if (left - n < lo) n = left;
    out.push(n);
    left -= n;
  }
  return out;
}

/** Rooms of an urban building: 5–7 floors, 2 flats a floor per unit (单元): 1单元101, 1单元102, 1单元201 … */
function flatRooms(rng: Rng, n: number): string[] {
  const perUnit = rng.int(5, 7) * 2;
  return Array.from({ length: n }, (_, i) => {
    const unit = Math.floor(i / perUnit) + 1;
    const j = i % perUnit;
    return `${unit}单元${Math.floor(j / 2) + 1}0${(j % 2) + 1}`;
  });
}

/** Doors of a rural courtyard compound, by house number (门牌号): 1号, 2号 … */
function courtyardRooms(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `${i + 1}号`);
}

function childRow(
  ids: DemoIds,
  parent: RegionRow,
  level: 'grid' | 'building',
  code: string,
  name: string,
  now: string,
): RegionRow {
  return {
    id: ids.next(),
    parent_id: parent.id,
    level,
    code,
    ...cachedNameColumns(name, code),
    path: parent.path + code + '/',
    depth: parent.depth + 1,
    status: 'active',
    created_at: now,
    updated_at: now,
    retired_at: null,
  };
}

/**
 * Grid and building rows for a shape, with each building's rooms. Grids are named after their
 * village (东城村第3网格); buildings 3号楼 in towns, 12号院 in villages.
 */
export function planGrids(
  rng: Rng,
  ids: DemoIds,
  shape: TreeShape,
  townships: Map<string, RegionRow>,
  now: string,
): GridPlan[] {
  const grids: GridPlan[] = [];
  let g = 0;
  shape.villages.forEach((village, vi) => {
    const township = townships.get(village.parent_id!);
    const urban = isUrban(village, township);
    const addressPrefix = (township?.name ?? '') + village.name;
    for (let k = 1; k <= shape.gridsPerVillage[vi]!; k++) {
      const code = village.code + String(k).padStart(3, '0');
      const row = childRow(ids, village, 'grid', code, `${village.name}第${k}网格`, now);
      const sizes = buildingSizes(
        rng,
        shape.householdsPerGrid[g++]!,
        urban ? shape.buildingSize.urban : shape.buildingSize.rural,
      );
      const buildings = sizes.map((n, b) => {
        const bcode = code + String(b + 1).padStart(3, '0');
        const name = urban ? `${b + 1}号楼` : `${b + 1}号院`;
        return {
          row: childRow(ids, row, 'building', bcode, name, now),
          addressPrefix,
          rooms: urban ? flatRooms(rng, n) : courtyardRooms(n),
        };
      });
      grids.push({ row, village, buildings });
    }
  });
  return grids;
}
