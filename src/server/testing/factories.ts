import type { Db } from '../db/database';
import type { RegionRow } from '../features/regions';
import type { Clock } from '../clock';
import type { Role } from '../../shared/enums';
import { createRegion } from '../features/regions';
import { createUser } from '../features/users';
import { systemActor } from './test-app';

export const PASSWORD = 'Tulip-Harbor-29';

export async function makeRegion(
  db: Db,
  clock: Clock,
  parent: RegionRow | null,
  level: RegionRow['level'],
  name: string,
  code?: string,
) {
  return createRegion(db, clock, systemActor, { parentId: parent?.id ?? null, level, name, code });
}

/**
 * A small tree under Pingyao: county 平遥县 → 古陶镇 → 东城村 and 西城村, each village with a grid,
 * each grid with a building; and 段村镇 → 段村.
 */
export async function makeTree(db: Db, clock: Clock) {
  const county = await makeRegion(db, clock, null, 'county', '平遥县', '140728000000');
  const gutao = await makeRegion(db, clock, county, 'township', '古陶镇', '140728100000');
  const dongcheng = await makeRegion(db, clock, gutao, 'village', '东城村', '140728100200');
  const xicheng = await makeRegion(db, clock, gutao, 'village', '西城村', '140728100201');
  const gridA = await makeRegion(db, clock, dongcheng, 'grid', '东城村第一网格');
  const gridB = await makeRegion(db, clock, xicheng, 'grid', '西城村第一网格');
  const buildingA = await makeRegion(db, clock, gridA, 'building', '1号院');
  const buildingB = await makeRegion(db, clock, gridB, 'building', '2号院');
  const duancun = await makeRegion(db, clock, county, 'township', '段村镇', '140728101000');
  const duancunVillage = await makeRegion(db, clock, duancun, 'village', '段村', '140728101200');
  return { county, gutao, dongcheng, xicheng, gridA, gridB, buildingA, buildingB, duancun, duancunVillage };
}

export async function makeUser(
  db: Db,
  clock: Clock,
  username: string,
  role: Role,
  region: RegionRow | null,
  extra: { phone?: string } = {},
) {
  return createUser(db, clock, systemActor, {
    username,
    displayName: username,
    role,
    regionId: region?.id ?? null,
    password: PASSWORD,
    locale: 'zh-CN',
    phone: extra.phone ?? null,
  });
}
