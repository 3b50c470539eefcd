/** What other features may use of volunteers: import from here, never from its files. */
export type { VolunteerGroupMemberTable, VolunteerGroupTable, VolunteerTable } from './volunteers.table';
export { findGroupInScope, volunteersByPersons } from './volunteers.repository';
