import { useMemo } from 'react';
import { escapeHtml } from '../../../shared/html';
import type { Dashboard } from '../../../shared/rollups';
import { useI18n } from '../../app/i18n';
import { formatCount, percent } from './dashboardApi';
import { axisStyle, EChart, INK, SERIES, tooltipStyle } from './EChart';

/** How many rows a share chart shows: the lowest first, since those are the ones to chase. */
const SHARE_ROWS = 14;
const ROW_HEIGHT = 24;

interface ShareRow {
  name: string;
  part: number;
  whole: number;
  /** a second, smaller share drawn inside the first (zero reports on time inside those in) */
  inner?: number;
}

const shareColor = (p: number | null) =>
  p === null ? INK.muted : p >= 90 ? SERIES.green : p >= 60 ? SERIES.amber : SERIES.red;

/** A ring with the region's own share in the middle, and one bar per child (lowest first), in one chart. */
function shareOption(overall: ShareRow, rows: ShareRow[], labels: { part: string; inner?: string }, locale: string) {
  const whole = percent(overall.part, overall.whole) ?? 0;
  const shown = [...rows]
    .sort((a, b) => (percent(a.part, a.whole) ?? 101) - (percent(b.part, b.whole) ?? 101))
    .slice(0, SHARE_ROWS);
  const detail = (r: ShareRow) => `${formatCount(r.part, locale)} / ${formatCount(r.whole, locale)}`;
  return {
    animationDurationUpdate: 600,
    tooltip: {
      ...tooltipStyle,
      trigger: 'axis',
      axisPointer: { type: 'none' },
      formatter: (ps: { dataIndex: number }[]) => {
        const r = shown[ps[0]?.dataIndex ?? 0];
        if (!r) return '';
        const inner =
          labels.inner && r.inner !== undefined
            ? `<br/>${escapeHtml(labels.inner)} ${percent(r.inner, r.whole) ?? '—'}%（${formatCount(r.inner, locale)}）`
            : '';
        return `<b>${escapeHtml(r.name)}</b><br/>${escapeHtml(labels.part)} ${percent(r.part, r.whole) ?? '—'}%（${detail(r)}）${inner}`;
      },
    },
    // rows keep their height when there are few of them, centred, instead of spreading over the panel
    grid: { left: 268, right: 62, top: 'middle', height: Math.max(shown.length, 1) * ROW_HEIGHT, containLabel: false },
    xAxis: { type: 'value', max: 100, show: false },
    yAxis: {
      type: 'category',
      inverse: true,
      data: shown.map((r) => r.name),
      ...axisStyle,
      axisLine: { show: false },
      axisLabel: { color: INK.text, fontSize: 13, width: 92, overflow: 'truncate' },
    },
    series: [
      {
        id: 'ring',
        type: 'pie',
        radius: shown.length > 0 ? [62, 78] : [80, 100],
        center: shown.length > 0 ? [88, '50%'] : ['50%', '50%'],
        silent: true,
        startAngle: 90,
        label: {
          show: true,
          position: 'center',
          formatter: () => `{v|${overall.whole > 0 ? `${whole}%` : '—'}}\n{n|${detail(overall)}}`,
          rich: {
            v: { color: '#ffffff', fontSize: 24, fontWeight: 700, lineHeight: 30 },
            n: { color: INK.muted, fontSize: 12, lineHeight: 16 },
          },
        },
        data: [
          { value: overall.part, itemStyle: { color: shareColor(overall.whole > 0 ? whole : null) } },
          {
            value: Math.max(overall.whole - overall.part, overall.whole > 0 ? 0 : 1),
            itemStyle: { color: 'rgba(120,160,220,0.15)' },
            label: { show: false },
          },
        ],
      },
      {
        id: 'part',
        name: labels.part,
        type: 'bar',
        barWidth: 10,
        z: 2,
        showBackground: true,
        backgroundStyle: { color: 'rgba(120,160,220,0.10)', borderRadius: 5 },
        itemStyle: { borderRadius: 5, opacity: labels.inner ? 0.45 : 1 },
        label: {
          show: true,
          position: 'right',
          color: INK.text,
          fontSize: 13,
          formatter: (p: { value: number | null }) => (p.value === null ? '—' : `${p.value}%`),
        },
        data: shown.map((r) => {
          const p = percent(r.part, r.whole);
          return { value: p, itemStyle: { color: shareColor(p) } };
        }),
      },
      ...(labels.inner
        ? [
            {
              id: 'inner',
              name: labels.inner,
              type: 'bar',
              barWidth: 10,
              barGap: '-100%',
              z: 3,
              itemStyle: { borderRadius: 5 },
              data: shown.map((r) => {
                const p = percent(r.inner ?? 0, r.whole);
                return { value: p, itemStyle: { color: shareColor(percent(r.part, r.whole)) } };
              }),
            },
          ]
        : []),
    ],
  };
}

/** 本轮入户排查覆盖率: households screened in the open round over the round's households, region and children. */
export function ScreeningCoverage({ data }: { data: Dashboard }) {
  const { t, locale } = useI18n();
  const option = useMemo(
    () =>
      shareOption(
        { name: data.region.name, part: data.figures.roundVisited, whole: data.figures.roundHouseholds },
        data.children
          .filter((c) => c.figures.roundHouseholds > 0)
          .map((c) => ({ name: c.name, part: c.figures.roundVisited, whole: c.figures.roundHouseholds })),
        { part: t('dashboard.series.covered') },
        locale,
      ),
    [data, t, locale],
  );
  return <EChart option={option} testId="dashboard-screening" />;
}

/** 零报告完成率: units that reported today over units due (the paler bar), on time inside it (the brighter). */
export function ZeroReportCompleteness({ data }: { data: Dashboard }) {
  const { t, locale } = useI18n();
  const option = useMemo(
    () =>
      shareOption(
        { name: data.region.name, part: data.figures.zeroReportsIn, whole: data.figures.zeroReportUnits },
        data.children
          .filter((c) => c.figures.zeroReportUnits > 0)
          .map((c) => ({
            name: c.name,
            part: c.figures.zeroReportsIn,
            whole: c.figures.zeroReportUnits,
            inner: c.figures.zeroReportsOnTime,
          })),
        { part: t('dashboard.series.reported'), inner: t('dashboard.series.onTime') },
        locale,
      ),
    [data, t, locale],
  );
  return <EChart option={option} testId="dashboard-zero-reports" />;
}

/** How many checkpoint sites the flow chart shows. */
export const TOP_SITES = 8;

/** 今日卡口通行: vehicles and people at the busiest sites today; fevers and turned back in the tooltip. */
export function SiteFlows({ sites }: { sites: Dashboard['sites'] }) {
  const { t, locale } = useI18n();
  const option = useMemo(() => {
    const top = sites.slice(0, TOP_SITES);
    return {
      animationDurationUpdate: 600,
      tooltip: {
        ...tooltipStyle,
        trigger: 'axis',
        axisPointer: { type: 'shadow', shadowStyle: { color: 'rgba(58,160,255,0.08)' } },
        formatter: (ps: { dataIndex: number }[]) => {
          const s = top[ps[0]?.dataIndex ?? 0];
          if (!s) return '';
          return (
            `<b>${escapeHtml(s.name)}</b><br/>${escapeHtml(t('dashboard.series.vehicles'))} ${formatCount(s.passages, locale)}　${escapeHtml(t('dashboard.series.people'))} ${formatCount(s.people, locale)}` +
            `<br/>${escapeHtml(t('dashboard.series.siteFevers'))} ${s.fevers}　${escapeHtml(t('dashboard.series.turnedBack'))} ${s.turnedBack}`
          );
        },
      },
      legend: { top: 0, right: 4, itemWidth: 14, itemHeight: 8, textStyle: { color: INK.text, fontSize: 13 } },
      grid: { left: 8, right: 44, top: 28, bottom: 0, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, ...axisStyle, axisLabel: { show: false }, splitLine: { show: false } },
      yAxis: {
        type: 'category',
        inverse: true,
        data: top.map((s) => s.name),
        ...axisStyle,
        axisLine: { show: false },
        axisLabel: { color: INK.text, fontSize: 13, width: 120, overflow: 'truncate' },
      },
      series: [
        {
          id: 'vehicles',
          name: t('dashboard.series.vehicles'),
          type: 'bar',
          barWidth: 7,
          itemStyle: { color: SERIES.blue, borderRadius: 4 },
          label: { show: true, position: 'right', color: INK.text, fontSize: 12 },
          data: top.map((s) => s.passages),
        },
        {
          id: 'people',
          name: t('dashboard.series.people'),
          type: 'bar',
          barWidth: 7,
          itemStyle: { color: SERIES.cyan, borderRadius: 4 },
          label: { show: true, position: 'right', color: INK.muted, fontSize: 12 },
          data: top.map((s) => s.people),
        },
      ],
    };
  }, [sites, t, locale]);
  return <EChart option={option} testId="dashboard-sites" />;
}
