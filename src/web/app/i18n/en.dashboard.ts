import type { dashboardZhCN } from './zh-CN.dashboard';

/** English strings of the big screen. */
export const dashboardEn: Record<keyof typeof dashboardZhCN, string> = {
  'nav.dashboard': 'Big screen',
};
