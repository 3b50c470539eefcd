import type { Role } from '../../shared/enums';

/**
 * What each role sees in the UI. The server is the authority (it answers FORBIDDEN / OUT_OF_SCOPE);
 * these only hide menus and buttons a role cannot use, so nobody is offered a dead end.
 */
const USERS: readonly Role[] = ['admin', 'command', 'township'];
const AUDIT: readonly Role[] = ['admin', 'command'];
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

export const can = {
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
};

/** Where a role starts after login: a grid worker at the door, a crew at the barrier, everyone else at the region tree. */
export function homeOf(role: Role): string {
  return role === 'grid' ? '/field' : role === 'checkpoint' ? '/checkpoint' : '/regions';
}
