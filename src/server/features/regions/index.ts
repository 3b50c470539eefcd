/** What other features may use of regions: import from here, never from its files. */
export { importRegions } from './regions.import';
export { loadCountyFromDivisionTable } from './regions.load';
export { codesOfPath, toRegion } from './regions.mapper';
export {
  countRegions,
  findRegionByCode,
  findRegionById,
  findRegionsByCodes,
  listTownshipsOverlapping,
} from './regions.repository';
export { ancestorsOf, createRegion, getRegionInScope, pathNamesOf } from './regions.service';
export { listRegions } from './regions.repository';
export type { RegionRow } from './regions.table';
