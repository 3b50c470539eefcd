/** What other features may use of volunteer-tasks: import from here, never from its files. */
export type { VolunteerCertificateTable, VolunteerHoursTable } from './hours.table';
export type { VolunteerTaskAssigneeTable, VolunteerTaskTable } from './tasks.table';
export { volunteerServiceFigures } from './figures.service';
export { closeStaleCheckIns } from './hours.service';
