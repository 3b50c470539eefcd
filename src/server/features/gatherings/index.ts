/** What other features may use of gatherings: import from here, never from its files. */
export type { GatheringTable, GatheringVisitTable } from './gatherings.table';
export { findGatheringInScope } from './gatherings.repository';
