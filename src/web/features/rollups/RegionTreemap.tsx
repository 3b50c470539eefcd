import { useMemo } from 'react';
import { escapeHtml } from '../../../shared/html';
import type { Dashboard, DashboardLeaf, DashboardRegion, RiskLevel } from '../../../shared/rollups';
import { useI18n, type Translate } from '../../app/i18n';
import { fevers, formatCount, isolated, RISK_COLORS, RISK_FILLS } from './dashboardApi';
import { EChart, tooltipStyle, type ChartClick } from './EChart';

/** What a block shows of a child (full figures) or a grandchild (a few, to keep the payload small). */
interface Summary {
  id: string;
  name: string;
  risk: RiskLevel;
  residents: number;
  inIsolation: number;
  fevers: number;
  activeCases: number;
  /** children only */
  passages?: number;
}

const ofChild = (r: DashboardRegion): Summary => ({
  id: r.id,
  name: r.name,
  risk: r.risk,
  residents: r.figures.residents,
  inIsolation: isolated(r.figures),
  fevers: fevers(r.figures),
  activeCases: r.figures.activeCases,
  passages: r.figures.passages,
});
const ofLeaf = (r: DashboardLeaf): Summary => ({
  id: r.id,
  name: r.name,
  risk: r.risk,
  residents: r.residents,
  inIsolation: r.inIsolation,
  fevers: r.fevers,
  activeCases: r.activeCases,
});

interface Block {
  name: string;
  value: number;
  regionId: string;
  region: Summary;
  itemStyle: Record<string, unknown>;
  /** the name without its parent's in front (东城村第一网格 → 第一网格), for a small block's label */
  short?: string;
  label?: { show: boolean };
  children?: Block[];
}

/** The treemap's area on the canvas (about), and the least area of a block worth a name and a number. */
const CHART_AREA = 1000 * 480;
const MIN_LABELLED_AREA = 5000;

/** Leaves too small to read get no label (their tooltip still names them), rather than one clipped character. */
function hideSmallLabels(blocks: Block[]): void {
  const total = blocks.reduce((sum, b) => sum + b.value, 0);
  for (const b of blocks) {
    for (const leaf of b.children ?? [b]) leaf.label = { show: (leaf.value / total) * CHART_AREA >= MIN_LABELLED_AREA };
  }
}

/** A block's area: the residents registered there, or 1 so a region nobody has been registered in still shows. */
const sizeOf = (r: Summary) => Math.max(r.residents, 1);

function blockOf(r: Summary, kids: Block[] = []): Block {
  return {
    name: r.name,
    value: kids.length > 0 ? kids.reduce((sum, k) => sum + k.value, 0) : sizeOf(r),
    regionId: r.id,
    region: r,
    itemStyle: { color: RISK_FILLS[r.risk], borderColor: kids.length > 0 ? RISK_FILLS[r.risk] : RISK_COLORS[r.risk] },
    children: kids.length > 0 ? kids : undefined,
  };
}

function tooltipOf(r: Summary, t: Translate, locale: string): string {
  const row = (label: string, value: number) =>
    `<div style="display:flex;justify-content:space-between;gap:24px"><span>${escapeHtml(label)}</span><b>${formatCount(value, locale)}</b></div>`;
  return (
    `<div style="font-size:15px;font-weight:600;margin-bottom:4px">${escapeHtml(r.name)}
    <span style="color:${RISK_COLORS[r.risk]};font-size:13px;margin-left:8px">● ${escapeHtml(t(`dashboard.risk.${r.risk}`))}</span></div>` +
    row(t('dashboard.col.residents'), r.residents) +
    row(t('dashboard.col.isolation'), r.inIsolation) +
    row(t('dashboard.col.fevers'), r.fevers) +
    row(t('dashboard.col.cases'), r.activeCases) +
    (r.passages === undefined ? '' : row(t('dashboard.col.passages'), r.passages))
  );
}

/**
 * 下级区域风险分布: the children as blocks with their own children inside, each block's area its
 * registered residents and its colour its risk (red: a case; amber: a fever or missed follow-up).
 * Clicking a block opens that region's screen.
 */
export function RegionTreemap({
  regionId,
  regions,
  onDrill,
}: {
  regionId: string;
  regions: Dashboard['children'];
  onDrill: (regionId: string) => void;
}) {
  const { t, locale } = useI18n();
  const option = useMemo(() => {
    const data = regions.map((c) =>
      blockOf(
        ofChild(c),
        c.children.map((g) => ({
          ...blockOf(ofLeaf(g)),
          short: g.name.startsWith(c.name) && g.name.length > c.name.length ? g.name.slice(c.name.length) : undefined,
        })),
      ),
    );
    hideSmallLabels(data);
    return {
      // blocks move when a figure changes or another region opens: they jump, since a growing block
      // sliding over its neighbours reads as movement that is not in the data (and would dodge a click)
      animation: false,
      tooltip: {
        ...tooltipStyle,
        formatter: (p: { data?: Block }) => (p.data?.region ? tooltipOf(p.data.region, t, locale) : ''),
      },
      series: [
        {
          id: 'regions',
          type: 'treemap',
          data,
          left: 0,
          right: 0,
          top: 0,
          bottom: 0,
          roam: false,
          nodeClick: false,
          breadcrumb: { show: false },
          squareRatio: 0.75,
          label: {
            show: true,
            color: '#f2f7ff',
            fontSize: 14,
            lineHeight: 18,
            overflow: 'truncate',
            formatter: (p: { data?: Block }) =>
              p.data?.region
                ? `${p.data.short ?? p.data.name}\n{n|${formatCount(p.data.region.residents, locale)}}`
                : '',
            rich: { n: { color: 'rgba(242,247,255,0.7)', fontSize: 12 } },
          },
          itemStyle: { borderColor: '#0a1a33', borderWidth: 1, gapWidth: 1 },
          levels: [
            { itemStyle: { borderWidth: 0, gapWidth: 5 } },
            {
              itemStyle: { borderWidth: 3, gapWidth: 1 },
              emphasis: { itemStyle: { borderColor: '#9fd0ff' } },
              upperLabel: {
                show: true,
                height: 26,
                color: '#ffffff',
                fontSize: 15,
                fontWeight: 600,
                overflow: 'truncate',
                formatter: (p: { data?: Block }) =>
                  p.data?.region ? `${p.data.name}  ${formatCount(p.data.region.residents, locale)}` : '',
              },
            },
            {
              itemStyle: { borderWidth: 1, gapWidth: 1 },
              label: { fontSize: 12, lineHeight: 16 },
              emphasis: { itemStyle: { borderColor: '#ffffff' } },
            },
          ],
        },
      ],
    };
  }, [regions, t, locale]);
  const click = (params: ChartClick) => {
    const block = params.data as Block | undefined;
    if (block?.regionId) onDrill(block.regionId);
  };
  // a fresh instance per region: the treemap would otherwise zoom from the old region's layout into the new
  return <EChart key={regionId} option={option} onClick={click} testId="dashboard-treemap" drawnKey={regionId} />;
}
