import type { RegionLevel } from '../../../shared/enums';
import { codeFitsParent, regionCodeProblem, significantDigits } from '../../../shared/validators';
import { AppError } from '../../errors';
import type { RegionRow } from './regions.table';

/**
 * Which parent levels a level may hang under. Counties sit under a city or directly under a
 * province (省直辖县); grids only under villages/communities; buildings only under grids.
 */
const ALLOWED_PARENTS: Record<RegionLevel, readonly (RegionLevel | null)[]> = {
  province: [null],
  city: [null, 'province'],
  county: [null, 'province', 'city'],
  township: ['county'],
  village: ['township'],
  grid: ['village'],
  building: ['grid'],
};

export function levelFits(level: RegionLevel, parentLevel: RegionLevel | null): boolean {
  return ALLOWED_PARENTS[level].includes(parentLevel);
}

export function assertLevelFits(level: RegionLevel, parent: RegionRow | null): void {
  if (!levelFits(level, parent ? parent.level : null)) {
    throw new AppError('REGION_LEVEL_INVALID', { level, parentLevel: parent?.level ?? null });
  }
}

/** Format of the code for its level, and that it continues its parent's code. */
export function assertCodeFits(level: RegionLevel, code: string, parent: RegionRow | null): void {
  const problem = regionCodeProblem(level, code);
  if (problem) throw new AppError('REGION_CODE_INVALID', { code, reason: problem });
  if (parent && !codeFitsParent(parent.level, parent.code, code)) {
    throw new AppError('REGION_CODE_PARENT_MISMATCH', {
      code,
      parentCode: parent.code,
      expectedPrefix: parent.code.slice(0, significantDigits(parent.level)),
    });
  }
}

/** Whether codes of this level are ours to generate (grids, buildings) rather than official. */
export function codeIsGenerated(level: RegionLevel): boolean {
  return level === 'grid' || level === 'building';
}
