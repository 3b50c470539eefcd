/** What other features may use of auth: import from here, never from its files. */
export { purgeExpiredSessions } from './session.service';
export { deleteThrottlesOfUsername, latestPairLocks } from './login-throttle.repository';
export { hashPassword } from './password';
export { assertPasswordAcceptable } from './password-strength';
export { deleteSessionsOfUser } from './session.repository';
