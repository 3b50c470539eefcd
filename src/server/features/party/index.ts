/** What other features may use of party: import from here, never from its files. */
export type { PartyOrganisationTable } from './organisations.table';
export type { PartyMemberTable } from './members.table';
