/** What other features may use of party: import from here, never from its files. */
export type { PartyOrganisationTable } from './organisations.table';
export type { PartyMemberTable } from './members.table';
export type { PartyImportJobTable } from './import/import-jobs.table';
export { importMembers, type PartyImportSummary } from './import/member-import.service';
export { importOrganisations } from './import/organisation-import.service';
export { markInterruptedPartyImports } from './import/import-jobs.service';
export { partyErrorReport } from './import/party-files';
export { MEMBER_COLUMNS, ORGANISATION_COLUMNS } from './import/party-columns';
export { activeMembershipsOf, insertMembers, membersByPersons } from './members.repository';
export { findOrganisationInScope, insertOrganisations } from './organisations.repository';
export { getPartyMember, listPartyMembers, toPartyMember } from './members.service';
export { partyFigures } from './figures.service';
export { reportingFigures, type ReportingFigures } from './reporting-figures.service';
export { reportAndAssignPost } from './reporting.service';
export { insertReportingRows, linkedRegionIds, unitMembersForDemo } from './reporting.repository';
export type {
  PartyReportHistoryTable,
  PartyReportingLinkTable,
  PartyReportTable,
} from './reporting.table';
