/** Simplified Chinese strings of the alerts page's filters (issue 18, alerts in a meeting). */
export const alertsZhCN = {
  'alerts.filterKind': '全部类别',
  'alerts.filterTownship': '全部乡镇',
} as const;
