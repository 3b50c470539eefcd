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

export const can = {
  manageUsers: (role: Role) => USERS.includes(role),
  readAudit: (role: Role) => AUDIT.includes(role),
  /** Create, rename, move, retire, delete; download the template and import Excel. */
  editRegions: (role: Role) => EDIT_REGIONS.includes(role),
  /** Load a county from the national division table. */
  loadRegions: (role: Role) => LOAD_REGIONS.includes(role),
  editResponsibility: (role: Role) => EDIT_RESPONSIBILITY.includes(role),
  readGaps: (role: Role) => GAPS.includes(role),
};
