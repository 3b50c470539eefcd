import { useMemo } from 'react';
import type { Dashboard } from '../../../shared/rollups';
import { useI18n } from '../../app/i18n';
import { fevers, isolated, shortDay } from './dashboardApi';
import { axisStyle, EChart, INK, SERIES, tooltipStyle, type ChartOption } from './EChart';

type Trend = Dashboard['trend'];

const areaFill = (color: string) => ({
  color: {
    type: 'linear',
    x: 0,
    y: 0,
    x2: 0,
    y2: 1,
    colorStops: [
      { offset: 0, color: `${color}66` },
      { offset: 1, color: `${color}05` },
    ],
  },
});

/** Two value axes (left for the large series, right for the small), both from zero with whole-number ticks. */
function dualAxisOption(trend: Trend, series: ChartOption[]): ChartOption {
  return {
    animationDurationUpdate: 600,
    tooltip: {
      ...tooltipStyle,
      trigger: 'axis',
      axisPointer: { type: 'shadow', shadowStyle: { color: 'rgba(58,160,255,0.08)' } },
    },
    legend: { top: 0, right: 4, itemWidth: 14, itemHeight: 8, textStyle: { color: INK.text, fontSize: 13 } },
    grid: { left: 8, right: 8, top: 34, bottom: 4, containLabel: true },
    xAxis: {
      type: 'category',
      data: trend.map((p) => shortDay(p.day)),
      ...axisStyle,
      splitLine: { show: false },
      axisLabel: { ...axisStyle.axisLabel, interval: 'auto', hideOverlap: true },
    },
    yAxis: [
      { type: 'value', minInterval: 1, ...axisStyle },
      { type: 'value', minInterval: 1, ...axisStyle, splitLine: { show: false } },
    ],
    series,
  };
}

/** 隔离与病例: everyone in isolation each day (area line), new cases each day (red bars, right axis). */
export function IsolationTrend({ trend }: { trend: Trend }) {
  const { t } = useI18n();
  const option = useMemo(
    () =>
      dualAxisOption(trend, [
        {
          id: 'isolation',
          name: t('dashboard.series.isolation'),
          type: 'line',
          smooth: true,
          symbol: 'none',
          lineStyle: { width: 2.5, color: SERIES.cyan },
          itemStyle: { color: SERIES.cyan },
          areaStyle: areaFill(SERIES.cyan),
          data: trend.map((p) => isolated(p.figures)),
        },
        {
          id: 'newCases',
          name: t('dashboard.series.newCases'),
          type: 'bar',
          yAxisIndex: 1,
          barMaxWidth: 10,
          itemStyle: { color: SERIES.red, borderRadius: [3, 3, 0, 0] },
          data: trend.map((p) => p.figures.newCases),
        },
      ]),
    [trend, t],
  );
  return <EChart option={option} testId="dashboard-trend-isolation" />;
}

/** 卡口与发热: vehicles registered at checkpoints each day (bars), fevers found each day (amber line, right axis). */
export function CheckpointTrend({ trend }: { trend: Trend }) {
  const { t } = useI18n();
  const option = useMemo(
    () =>
      dualAxisOption(trend, [
        {
          id: 'passages',
          name: t('dashboard.series.passages'),
          type: 'bar',
          barMaxWidth: 10,
          itemStyle: {
            color: {
              type: 'linear',
              x: 0,
              y: 0,
              x2: 0,
              y2: 1,
              colorStops: [
                { offset: 0, color: SERIES.blue },
                { offset: 1, color: '#1a4f8f' },
              ],
            },
            borderRadius: [3, 3, 0, 0],
          },
          data: trend.map((p) => p.figures.passages),
        },
        {
          id: 'fevers',
          name: t('dashboard.series.fevers'),
          type: 'line',
          yAxisIndex: 1,
          smooth: true,
          symbol: 'circle',
          symbolSize: 5,
          lineStyle: { width: 2.5, color: SERIES.amber },
          itemStyle: { color: SERIES.amber },
          data: trend.map((p) => fevers(p.figures)),
        },
      ]),
    [trend, t],
  );
  return <EChart option={option} testId="dashboard-trend-checkpoint" />;
}
