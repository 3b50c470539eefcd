import type { dailyReportsZhCN } from './zh-CN.daily-reports';

/** English strings of the daily report. */
export const dailyReportsEn: Record<keyof typeof dailyReportsZhCN, string> = {
  'nav.dailyReports': 'Daily reports',
};
