/** What other features may use of rollups: import from here, never from its files. */
export { readRollups } from './dashboard.service';
export { rebuildRollups, rollupRefreshJob } from './refresh.service';
