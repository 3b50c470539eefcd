import { HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { escapeHtml } from '../../../shared/html';
import type { ZeroReportStatus } from '../../../shared/zero-reports';
import { useI18n } from '../../app/i18n';

echarts.use([
  LineChart,
  HeatmapChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
]);

/** An ECharts instance in a div, resized with the window, disposed with the component. */
function useChart(option: echarts.EChartsCoreOption, height: number, testId: string) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    chart.current = echarts.init(ref.current);
    const resize = () => chart.current?.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return <div ref={ref} data-testid={testId} style={{ width: '100%', height }} />;
}

const pct = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 10);
const shortDay = (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;

/** 近 14 日: the county's completeness and timeliness as two lines. */
export function TrendChart({ history }: { history: ZeroReportStatus['history'] }) {
  const { t } = useI18n();
  const completeness = t('zeroReport.status.completeness');
  const timeliness = t('zeroReport.status.timeliness');
  return useChart(
    {
      tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (v === null ? '—' : `${v}%`) },
      legend: { data: [completeness, timeliness], top: 0 },
      grid: { left: 40, right: 16, top: 32, bottom: 24 },
      xAxis: { type: 'category', data: history.map((h) => shortDay(h.day)) },
      yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      series: [
        {
          name: completeness,
          type: 'line',
          data: history.map((h) => pct(h.reported, h.units)),
          itemStyle: { color: '#1677ff' },
          connectNulls: false,
        },
        {
          name: timeliness,
          type: 'line',
          data: history.map((h) => pct(h.onTime, h.units)),
          itemStyle: { color: '#389e0d' },
        },
      ],
    },
    240,
    'zr-trend-chart',
  );
}

/** Each township's completeness per day, as a heatmap: the one lagging behind shows at a glance. */
export function TownshipHeatmap({
  history,
  townships,
}: {
  history: ZeroReportStatus['history'];
  townships: { townshipId: string | null; name: string }[];
}) {
  const { t } = useI18n();
  const data: [number, number, number | null][] = [];
  history.forEach((h, x) => {
    townships.forEach((tw, y) => {
      const c = h.townships.find((r) => r.townshipId === tw.townshipId);
      data.push([x, y, c ? pct(c.reported, c.units) : null]);
    });
  });
  return useChart(
    {
      tooltip: {
        formatter: (p: { value: [number, number, number | null] }) =>
          `${escapeHtml(townships[p.value[1]]?.name)} ${escapeHtml(history[p.value[0]]?.day)}<br/>${escapeHtml(t('zeroReport.status.completeness'))} ${p.value[2] ?? '—'}%`,
      },
      grid: { left: 96, right: 16, top: 8, bottom: 76 },
      xAxis: { type: 'category', data: history.map((h) => shortDay(h.day)), splitArea: { show: true } },
      yAxis: {
        type: 'category',
        data: townships.map((tw) => tw.name),
        inverse: true,
        axisLabel: { width: 88, overflow: 'truncate' },
      },
      visualMap: {
        min: 50,
        max: 100,
        calculable: true,
        orient: 'horizontal',
        left: 'center',
        bottom: 0,
        itemHeight: 120,
        itemWidth: 12,
        text: ['100%', '≤50%'],
        inRange: { color: ['#cf1322', '#faad14', '#fadb14', '#95de64', '#389e0d'] },
      },
      series: [{ type: 'heatmap', data, label: { show: false } }],
    },
    Math.max(180, townships.length * 22 + 96),
    'zr-heatmap',
  );
}
