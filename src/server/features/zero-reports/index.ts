/** What other features may use of zero-reports: import from here, never from its files. */
export { computeFigures, deadlineOf, reportPeriod, unitKey } from './figures.service';
export { daysWithZeroReports, listReportsOfDays } from './reports.repository';
export type { ZeroReportTable, ZeroReportVersionTable } from './reports.table';
export { getZeroReportSettings } from './settings.service';
export { owesReport, zeroReportStatus } from './status.service';
export { escalationMessage, sweepLateZeroReports } from './sweep.service';
export { listReportingUnits, nearestAnswerable, townshipsOverlapping } from './units.repository';
export type { ReportingUnit } from './units.repository';
