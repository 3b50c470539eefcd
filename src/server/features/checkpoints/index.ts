/** What other features may use of checkpoints: import from here, never from its files. */
export { exportPassages } from './passages.export';
export { insertPassages } from './passages.repository';
export { assignToShift, planShifts, rosterBetween, rosterGaps } from './roster.service';
export { ROLES_AT_THE_BARRIER, getSite, listSites } from './sites.service';
export type { CheckpointSiteTable, DutyAssignmentTable, DutyShiftTable } from './sites.table';
export { findOccupantsByRefs, linkOccupantToPerson } from './occupant-links.repository';
export { repointCheckpointRecords, restoreCheckpointRecords } from './person-records.repository';
export { findShiftInScope, personsOnDutyBetween } from './sites.repository';
