/** What other features may use of screening: import from here, never from its files. */
export { isFever } from './visits.service';
export type { ScreeningCheckTable } from './visits.table';
