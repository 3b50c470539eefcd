/** What other features may use of screening: import from here, never from its files. */
export { openRoundsCoverage } from './coverage.service';
export {
  countDoorFevers,
  countDoorFeversByHour,
  countHouseholdsScreened,
  countHouseholdVisitsByHour,
} from './visit-counts.repository';
export { isFever } from './visits.service';
export type { ScreeningCheckTable } from './visits.table';
