/** What other features may use of callouts: import from here, never from its files. */
export type { CalloutTeamMemberTable, CalloutTeamTable } from './teams.table';
export type {
  CalloutAnswerTable,
  CalloutLinkTable,
  CalloutOrderTable,
  CalloutOutboxTable,
  CalloutTable,
} from './callouts.table';
export { calloutFigures, median } from './history.service';
export { issueCallout, closeCallout } from './callouts.service';
export { answerByLink } from './answer-writer';
export { deliverOutbox } from './outbox';
export { insertTeams, insertTeamMembers } from './teams.repository';
export { localTestMessages } from './outbox';
export { findTeamInScope, listTeamMembers } from './teams.repository';
