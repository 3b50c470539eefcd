/** What other features may use of audit: import from here, never from its files. */
export { auditLogOwnedByApplication } from './audit.repository';
export { audit } from './audit.service';
