/** What other features may use of tracing: import from here, never from its files. */
export { createCase } from './cases.service';
export { moveOpenTracingRecords, repointTracingRecords, restoreTracingRecords } from './person-records.repository';
