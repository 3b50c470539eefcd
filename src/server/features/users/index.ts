/** What other features may use of users: import from here, never from its files. */
export {
  findUserCredentials,
  findUserForLogin,
  findUserInScope,
  recordUserLogin,
  setOwnPassword,
} from './users.repository';
export { createUser, ensureAdmin, getUser } from './users.service';
export type { UserTable } from './users.table';
