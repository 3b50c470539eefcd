/** What other features may use of volunteers: import from here, never from its files. */
export type {
  VolunteerAvailabilityTable,
  VolunteerGroupMemberTable,
  VolunteerGroupTable,
  VolunteerSignupLinkTable,
  VolunteerTable,
} from './volunteers.table';
export { findGroupInScope, insertVolunteersBulk, volunteersByPersons } from './volunteers.repository';
export { insertGroupsBulk } from './groups.repository';
export { volunteerFigures, volunteersWithSkill } from './figures.service';
export type { VolunteerSelfLinkTable } from './volunteers.table';
export { volunteerOfSelfLink } from './self-links.service';
export { groupsLedBy } from './self-links.repository';
export { currentGroupsOf } from './groups.repository';
