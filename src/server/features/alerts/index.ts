/** What other features may use of alerts: import from here, never from its files. */
export { raiseAlert, raiseAlerts } from './alerts.service';
export type { AlertInput } from './alerts.service';
export type { AlertTable } from './alerts.table';
export type { ReferralTable } from './referrals.table';
export { moveOpenAlertRecords, repointAlertRecords, restoreAlertRecords } from './person-records.repository';
