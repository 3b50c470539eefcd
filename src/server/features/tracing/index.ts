/** What other features may use of tracing: import from here, never from its files. */
export { createCase } from './cases.service';
