import { z } from 'zod';

/**
 * Levels of the region tree, top to bottom. Administrative levels (province … village) carry the
 * 12-digit statistics code (GB/T 2260 + 3 township + 3 village digits); grids and buildings get our
 * own codes under their village. A county deployment starts at `county`; a province at `province`.
 */
export const RegionLevel = z.enum(['province', 'city', 'county', 'township', 'village', 'grid', 'building']);
export type RegionLevel = z.infer<typeof RegionLevel>;
export const REGION_LEVELS = RegionLevel.options;

export const ADMIN_LEVELS: readonly RegionLevel[] = ['province', 'city', 'county', 'township', 'village'];

/** The level a child of `level` must have; grids sit under villages, buildings under grids. */
export function childLevelOf(level: RegionLevel): RegionLevel | null {
  const i = REGION_LEVELS.indexOf(level);
  return i >= 0 && i < REGION_LEVELS.length - 1 ? REGION_LEVELS[i + 1]! : null;
}

export const RegionStatus = z.enum(['active', 'retired']);
export type RegionStatus = z.infer<typeof RegionStatus>;

/**
 * Roles from the domain: 管理员, 指挥部, 乡镇街道干部, 网格员, 卡口值守, 观察员, 组织部, 物资组.
 * Every user but a global admin is bound to one region node and sees only that subtree.
 */
export const Role = z.enum([
  'admin',
  'command',
  'township',
  'grid',
  'checkpoint',
  'observer',
  'organisation',
  'supplies',
]);
export type Role = z.infer<typeof Role>;
export const ROLES = Role.options;

export const UserStatus = z.enum(['active', 'disabled']);
export type UserStatus = z.infer<typeof UserStatus>;

export const Locale = z.enum(['zh-CN', 'en', 'zh-TW']);
export type Locale = z.infer<typeof Locale>;
