import type { alertsZhCN } from './zh-CN.alerts';

/** English strings of the alerts page's filters (issue 18, alerts in a meeting). */
export const alertsEn: Record<keyof typeof alertsZhCN, string> = {
  'alerts.filterKind': 'All kinds',
  'alerts.filterTownship': 'All townships',
};
