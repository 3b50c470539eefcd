/** 每日报告 (the daily report up the chain). */
export const dailyReportsZhCN = {
  'nav.dailyReports': '每日报告',
} as const;
