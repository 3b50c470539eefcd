/** 大屏 (the big screen). */
export const dashboardZhCN = {
  'nav.dashboard': '指挥大屏',
} as const;
