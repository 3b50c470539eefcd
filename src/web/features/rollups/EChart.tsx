import { BarChart, LineChart, PieChart, TreemapChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([
  LineChart,
  BarChart,
  PieChart,
  TreemapChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export type ChartOption = echarts.EChartsCoreOption;
export interface ChartClick {
  data?: unknown;
}

/** The screen's palette for charts: light text on deep blue, faint grid lines. */
export const INK = {
  text: '#c7d8f2',
  muted: '#7f98bd',
  line: 'rgba(120,160,220,0.16)',
  axis: 'rgba(120,160,220,0.35)',
};
export const SERIES = {
  blue: '#3aa0ff',
  cyan: '#2fd6e8',
  amber: '#f7a530',
  red: '#f5455c',
  green: '#25c08f',
  violet: '#9b7bff',
};

export const tooltipStyle = {
  backgroundColor: 'rgba(6,22,46,0.94)',
  borderColor: '#2a5c99',
  textStyle: { color: '#dbe8ff', fontSize: 14 },
};

export const axisStyle = {
  axisLine: { lineStyle: { color: INK.axis } },
  axisTick: { show: false },
  axisLabel: { color: INK.muted, fontSize: 13 },
  splitLine: { lineStyle: { color: INK.line } },
};

/**
 * One ECharts instance in a div that fills its parent; resized with the parent, disposed with the
 * component. New options merge into the old by series id, so a live update animates from the
 * previous figures instead of redrawing from nothing.
 */
export function EChart({
  option,
  onClick,
  testId,
  drawnKey,
}: {
  option: ChartOption;
  onClick?: (params: ChartClick) => void;
  testId?: string;
  /** written to the div's data-drawn once the option is set: tells a browser test the chart shows what it should */
  drawnKey?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const instance = echarts.init(el);
    chart.current = instance;
    instance.on('click', (params) => clickRef.current?.(params as ChartClick));
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(el);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { replaceMerge: ['series'] });
    if (drawnKey !== undefined && ref.current) ref.current.dataset.drawn = drawnKey;
  }, [option, drawnKey]);

  return (
    <div ref={ref} className="qf-dash-chart" data-testid={testId} style={{ cursor: onClick ? 'pointer' : undefined }} />
  );
}
