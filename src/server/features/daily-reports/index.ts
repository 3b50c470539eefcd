/** What other features may use of daily-reports: import from here, never from its files. */
export { draftDailyReport } from './draft.service';
export { reviewDailyReport } from './review.service';
export { saveDailyReport } from './save.service';
export { submitDailyReport } from './submit.service';
