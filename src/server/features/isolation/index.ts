/** What other features may use of isolation: import from here, never from its files. */
export { createEpisodes } from './episodes.service';
export type { IsolationContext } from './episodes.service';
export type { IsolationEpisodeTable } from './episodes.table';
export { missedFollowUps, sweepFollowUps } from './followups.service';
export type { FollowUpSlotTable } from './followups.table';
export { DEFAULT_ISOLATION_SETTINGS } from './isolation.settings';
export type { NecessityRequestTable } from './necessities.table';
export { missedCutoff, planSlots } from './slots';
export {
  moveOpenIsolationRecords,
  repointIsolationRecords,
  restoreIsolationRecords,
} from './person-records.repository';
export { findRequestInScope as findNecessityRequestInScope } from './necessities.repository';
export { isolationStaffFigures, isolationStaffOnDuty, type IsolationStaffFigures } from './site-staff.service';
export { insertStaff as insertIsolationStaff } from './site-staff.repository';
export type { IsolationSiteStaffTable } from './site-staff.table';
