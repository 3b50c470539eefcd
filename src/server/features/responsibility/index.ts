/** What other features may use of responsibility: import from here, never from its files. */
export type { ResponsibilityTable } from './responsibility.table';
export { nearestContact } from './responsibility.repository';
