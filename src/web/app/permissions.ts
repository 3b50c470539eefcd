import type { Role } from '../../shared/enums';

/**
 * What each role sees in the UI. The server is the authority (it answers FORBIDDEN / OUT_OF_SCOPE);
 * these only hide menus and buttons a role cannot use, so nobody is offered a dead end.
 */
const USERS: readonly Role[] = ['admin', 'command', 'township'];
const AUDIT: readonly Role[] = ['admin', 'command'];
const SUPPLIES: readonly Role[] = ['admin', 'command', 'supplies', 'township'];
const SUPPLY_REQUESTS: readonly Role[] = ['admin', 'command', 'supplies', 'township', 'checkpoint', 'observer'];
const DESIGNATION_DECISION: readonly Role[] = ['admin', 'command'];
/** The server's CATALOGUE_ROLES: add items to the county's catalogue. */
const CATALOGUE: readonly Role[] = ['admin', 'command', 'supplies'];
/** The server's CONSUMPTION_ROLES (消耗登记) and COVER_SETTINGS_ROLES. */
const CONSUMPTION: readonly Role[] = ['admin', 'command', 'supplies', 'township', 'checkpoint', 'observer'];
const COVER_SETTINGS: readonly Role[] = ['admin', 'command', 'supplies'];
const EDIT_REGIONS: readonly Role[] = ['admin', 'command', 'township'];
const LOAD_REGIONS: readonly Role[] = ['admin', 'command'];
/** 包保责任制 is kept by those who keep the region tree (the server's ROLES_THAT_MANAGE_REGIONS). */
const EDIT_RESPONSIBILITY: readonly Role[] = ['admin', 'command', 'township'];
const GAPS: readonly Role[] = ['admin', 'command', 'township', 'grid', 'organisation'];
/** The server's ROLES_THAT_REGISTER: register and correct people and households, reveal an ID number or phone, import rosters. */
const REGISTER: readonly Role[] = ['admin', 'command', 'township', 'grid', 'checkpoint', 'observer'];
/** The server's ROLES_THAT_OPEN_ROUNDS and ROLES_THAT_SCREEN. */
const OPEN_ROUNDS: readonly Role[] = ['admin', 'command', 'township'];
const SCREEN: readonly Role[] = ['admin', 'command', 'township', 'grid'];
/** Who watches screening coverage; the server lets any role read it within its jurisdiction. */
const COVERAGE: readonly Role[] = ['admin', 'command', 'township', 'grid', 'organisation'];
/** Who is told of fevers and key persons as they are found (the command centre and townships). */
const ALERTS: readonly Role[] = ['admin', 'command', 'township'];
/** The server's ROLES_AT_THE_BARRIER (register passages, check in to a shift) and ROLES_THAT_MANAGE_SITES. */
const BARRIER: readonly Role[] = ['admin', 'command', 'township', 'checkpoint'];
const MANAGE_SITES: readonly Role[] = ['admin', 'command', 'township'];
/** The server's ROLES_THAT_ISOLATE / ROLES_THAT_FOLLOW_UP and ROLES_THAT_MANAGE_ISOLATION_SITES. */
const ISOLATE: readonly Role[] = ['admin', 'command', 'township', 'grid', 'observer'];
const MANAGE_ISOLATION_SITES: readonly Role[] = ['admin', 'command', 'township'];
/** The server's ANY_REPORTING_ROLE (file a unit's zero report), who watches the status, ROLES_THAT_SET_ZERO_REPORTS. */
const FILE_ZERO_REPORT: readonly Role[] = ['admin', 'command', 'township', 'grid', 'checkpoint', 'observer'];
const WATCH_ZERO_REPORTS: readonly Role[] = ['admin', 'command', 'township'];
const SET_ZERO_REPORTS: readonly Role[] = ['admin', 'command'];
/** The server's ROLES_THAT_TRACE: record and change cases, trace contacts, publish seek notices. */
const TRACE: readonly Role[] = ['admin', 'command', 'township'];
/** The server's ROLES_THAT_ISSUE_NOTICES: compose, publish and withdraw notices and public announcements, read receipts. */
const ISSUE_NOTICES: readonly Role[] = ['admin', 'command', 'township'];
/** The server's ROLES_THAT_HANDLE_GATHERINGS: register gatherings, record persuasion visits and outcomes. */
const HANDLE_GATHERINGS: readonly Role[] = ['admin', 'command', 'township', 'grid'];
/** The server's ROLES_THAT_DISPATCH: draw morning and evening dispatch sheets, assign and close their lines. */
const DISPATCH: readonly Role[] = ['admin', 'command', 'township'];
/** The server's ROLES_THAT_CALL_OUT: keep commando teams, issue call-outs, watch their boards. */
const CALL_OUT: readonly Role[] = ['admin', 'command', 'township', 'organisation'];
/** The server's ROLES_THAT_READ_VOLUNTEERS and ROLES_THAT_MANAGE_VOLUNTEERS (src/shared/volunteers.ts). */
const READ_VOLUNTEERS: readonly Role[] = ['admin', 'organisation', 'township', 'grid', 'command'];
const MANAGE_VOLUNTEERS: readonly Role[] = ['admin', 'organisation', 'township', 'grid'];
/** The server's ROLES_THAT_MANAGE_BRANCHES / ROLES_THAT_READ_BRANCHES / ROLES_THAT_SET_BRANCH_RULES (临时党支部). */
const MANAGE_BRANCHES: readonly Role[] = ['admin', 'organisation', 'township'];
const READ_BRANCHES: readonly Role[] = ['admin', 'organisation', 'township', 'command'];
const SET_BRANCH_RULES: readonly Role[] = ['admin', 'organisation'];
/** The server's ROLES_THAT_LEAD_VOLUNTEERS: hand out volunteer tasks, check volunteers in and out, approve hours, issue certificates. */
const LEAD_VOLUNTEERS: readonly Role[] = ['admin', 'command', 'township', 'organisation', 'grid'];
/** The server's ROLES_THAT_READ_MOBILISATION: the organisation department's figures (动员统计). */
const READ_MOBILISATION: readonly Role[] = ['admin', 'command', 'organisation', 'township'];
/** The server's ROLES_THAT_READ_PARTY and ROLES_THAT_MANAGE_PARTY: party organisations and members (党组织、党员). */
const READ_PARTY: readonly Role[] = ['admin', 'organisation', 'township', 'command'];
const MANAGE_PARTY: readonly Role[] = ['admin', 'organisation', 'township'];
/** The server's ROLES_THAT_KEEP_REPORTS, ROLES_THAT_READ_REPORTING_RATES and ROLES_THAT_KEEP_PLEDGES. */
const KEEP_REPORTS: readonly Role[] = ['admin', 'command', 'organisation', 'township', 'grid'];
const READ_REPORTING_RATES: readonly Role[] = ['admin', 'command', 'organisation', 'township'];
const KEEP_PLEDGES: readonly Role[] = ['admin', 'command', 'organisation', 'township'];

export const can = {
  /** Read the organisation department's figures (动员统计) and export them. */
  readMobilisation: (role: Role) => READ_MOBILISATION.includes(role),
  manageUsers: (role: Role) => USERS.includes(role),
  readAudit: (role: Role) => AUDIT.includes(role),
  /** Create, rename, move, retire, delete; download the template and import Excel. */
  editRegions: (role: Role) => EDIT_REGIONS.includes(role),
  /** Load a county from the national division table. */
  loadRegions: (role: Role) => LOAD_REGIONS.includes(role),
  editResponsibility: (role: Role) => EDIT_RESPONSIBILITY.includes(role),
  readGaps: (role: Role) => GAPS.includes(role),
  /** Register and correct persons and households, import rosters, reveal an ID number or phone. */
  registerPersons: (role: Role) => REGISTER.includes(role),
  openRounds: (role: Role) => OPEN_ROUNDS.includes(role),
  /** Record door-to-door visits (入户登记). */
  screen: (role: Role) => SCREEN.includes(role),
  readCoverage: (role: Role) => COVERAGE.includes(role),
  readAlerts: (role: Role) => ALERTS.includes(role),
  /** Register passages at a checkpoint (卡口登记). */
  registerPassages: (role: Role) => BARRIER.includes(role),
  /** Create and change checkpoints, plan shifts and put people on them. */
  manageSites: (role: Role) => MANAGE_SITES.includes(role),
  /** Put people under isolation, change or end an episode, fill follow-ups, handle necessities (隔离观察). */
  isolate: (role: Role) => ISOLATE.includes(role),
  /** Stock, warehouses and donations (物资与捐赠): the server's SUPPLIES_ROLES. */
  supplies: (role: Role) => SUPPLIES.includes(role),
  /** Ask for supplies for a site and sign for deliveries (申领 / 签收): the server's REQUEST_ROLES. */
  requestSupplies: (role: Role) => SUPPLY_REQUESTS.includes(role),
  /** Record the decision to use designated (定向) stock elsewhere: DESIGNATION_DECISION_ROLES. */
  decideDesignation: (role: Role) => DESIGNATION_DECISION.includes(role),
  /** Add items to the county's catalogue (物资目录). */
  manageCatalogue: (role: Role) => CATALOGUE.includes(role),
  /** Report a site's use out of its warehouse (消耗登记). */
  reportConsumption: (role: Role) => CONSUMPTION.includes(role),
  /** Change the county's low-cover threshold. */
  setCoverThreshold: (role: Role) => COVER_SETTINGS.includes(role),
  /** Register centralised isolation sites (hotels) and their rooms. */
  manageIsolationSites: (role: Role) => MANAGE_ISOLATION_SITES.includes(role),
  /** Pick an observer from the user list (GET /api/users is for those who manage users). */
  /** See the volunteer registry and groups. */
  readVolunteers: (role: Role) => READ_VOLUNTEERS.includes(role),
  /** Sign volunteers up, approve them, form groups, print a village's sign-up QR code. */
  manageVolunteers: (role: Role) => MANAGE_VOLUNTEERS.includes(role),
  pickObserver: (role: Role) => USERS.includes(role),
  /** File a unit's daily zero report (零报告). */
  fileZeroReport: (role: Role) => FILE_ZERO_REPORT.includes(role),
  /** Watch who has not reported, completeness and timeliness. */
  /** See temporary party branches, compounds and their flags (临时党支部). */
  readBranches: (role: Role) => READ_BRANCHES.includes(role),
  /** Set up and close temporary branches, change their members, mark compounds. */
  manageBranches: (role: Role) => MANAGE_BRANCHES.includes(role),
  /** Change the county's thresholds for the flags. */
  setBranchRules: (role: Role) => SET_BRANCH_RULES.includes(role),
  watchZeroReports: (role: Role) => WATCH_ZERO_REPORTS.includes(role),
  /** Change the deadline and which units report. */
  /** Hand out volunteer tasks, check volunteers in and out, approve their hours, issue 志愿服务证明. */
  leadVolunteers: (role: Role) => LEAD_VOLUNTEERS.includes(role),
  setZeroReports: (role: Role) => SET_ZERO_REPORTS.includes(role),
  /** Record cases, see contact candidates and journeys, decide contacts, run seek notices (流调、寻人). */
  trace: (role: Role) => TRACE.includes(role),
  /** Compose, publish and withdraw notices (通知) and public announcements (公告); see read receipts. */
  issueNotices: (role: Role) => ISSUE_NOTICES.includes(role),
  /** Register gatherings (红白喜事, banquets, markets), record persuasion visits and outcomes. */
  handleGatherings: (role: Role) => HANDLE_GATHERINGS.includes(role),
  /** Draw the morning and evening dispatch sheets (一日两调度), assign their lines and mark them done. */
  dispatch: (role: Role) => DISPATCH.includes(role),
  /** Keep commando teams (党员突击队) and issue call-outs (集结令). */
  callOut: (role: Role) => CALL_OUT.includes(role),
  /** See party organisations and members, reveal a member's ID number or phone (audited). */
  readParty: (role: Role) => READ_PARTY.includes(role),
  /** Set up and change organisations, register, change and remove members, import both. */
  manageParty: (role: Role) => MANAGE_PARTY.includes(role),
  /** See who reported to the community (在职党员到社区报到), print the poster, assign posts, mark 已到岗. */
  keepReports: (role: Role) => KEEP_REPORTS.includes(role),
  /** Read 报到率 per unit and community. */
  readReportingRates: (role: Role) => READ_REPORTING_RATES.includes(role),
  /** Keep pledge units, print pledges (请战书), turn them into assignments. */
  keepPledges: (role: Role) => KEEP_PLEDGES.includes(role),
};

/** Where a role starts after login: a grid worker at the door, a crew at the barrier, an observer at today's follow-ups, everyone else at the region tree. */
export function homeOf(role: Role): string {
  return role === 'grid'
    ? '/field'
    : role === 'checkpoint'
      ? '/checkpoint'
      : role === 'observer'
        ? '/isolation/today'
        : '/regions';
}
