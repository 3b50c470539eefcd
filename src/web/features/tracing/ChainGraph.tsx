import { GraphChart } from 'echarts/charts';
import { LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { Empty, Spin } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { escapeHtml } from '../../../shared/html';
import { CaseClassification, type ChainGraph } from '../../../shared/tracing';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { useIsMobile } from '../../app/useIsMobile';
import { CLASSIFICATION_COLORS, tracingApi } from './tracingApi';

echarts.use([GraphChart, LegendComponent, TooltipComponent, CanvasRenderer]);

/**
 * Contacts coloured by their node generation: a contact of a first-generation case is node
 * generation 2 and reads 第 1 代密接 (first-generation contacts) — orange; then gold, green, blue.
 */
const GENERATION_COLORS = ['#fa8c16', '#d4b106', '#52c41a', '#1677ff', '#722ed1'];
const generationColor = (g: number) => GENERATION_COLORS[Math.min(Math.max(g - 2, 0), GENERATION_COLORS.length - 1)]!;

type Node = ChainGraph['nodes'][number];

/**
 * The transmission chain (传播链) drawn with ECharts' force layout: cases as large nodes in red
 * shades by classification, contacts as small nodes coloured by generation; the legend toggles
 * each. Clicking a case opens it.
 */
export function ChainChart({
  graph,
  height,
  testId = 'chain-graph',
}: {
  graph: ChainGraph;
  height: number;
  testId?: string;
}) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const navigateRef = useRef(navigate);
  navigateRef.current = navigate;

  const option = useMemo(() => {
    const generations = [...new Set(graph.nodes.filter((n) => n.kind === 'contact').map((n) => n.generation))].sort(
      (a, b) => a - b,
    );
    const present = CaseClassification.options.filter((c) =>
      graph.nodes.some((n) => n.kind === 'case' && n.classification === c),
    );
    const categories = [
      ...present.map((c) => ({
        name: t(`tracing.classification.${c}`),
        itemStyle: { color: CLASSIFICATION_COLORS[c] },
      })),
      ...generations.map((g) => ({
        name: t('tracing.contactGeneration', { n: g - 1 }),
        itemStyle: { color: generationColor(g) },
      })),
    ];
    const categoryOf = (n: Node) =>
      n.kind === 'case'
        ? present.indexOf(n.classification ?? 'confirmed')
        : present.length + generations.indexOf(n.generation);
    const many = graph.nodes.length > 80;
    const names = new Map(graph.nodes.map((n) => [n.id, n.name]));
    return {
      legendText: categories.map((c) => c.name).join('、'),
      tooltip: {
        formatter: (p: {
          dataType: string;
          data: { node?: Node; source?: string; target?: string; exposure?: string };
        }) => {
          if (p.dataType === 'edge')
            return `${escapeHtml(names.get(p.data.source ?? ''))} → ${escapeHtml(names.get(p.data.target ?? ''))}<br/>${escapeHtml(p.data.exposure)}`;
          const n = p.data.node!;
          const what =
            n.kind === 'case'
              ? `${t(`tracing.classification.${n.classification ?? 'confirmed'}`)} · ${t('tracing.generationN', { n: n.generation })}`
              : t('tracing.contactGeneration', { n: n.generation - 1 });
          return `${escapeHtml(n.name)}<br/>${escapeHtml(what)} · ${escapeHtml(t('tracing.clusterN', { n: n.cluster }))}`;
        },
      },
      legend: [{ data: categories.map((c) => c.name), top: 0, type: 'scroll' }],
      series: [
        {
          type: 'graph',
          layout: 'force',
          roam: true,
          draggable: true,
          top: 40,
          categories,
          force: { repulsion: many ? 60 : 160, edgeLength: many ? [20, 60] : [40, 110], gravity: 0.08 },
          label: { position: 'right', fontSize: 12 },
          emphasis: { focus: 'adjacency', label: { show: true } },
          lineStyle: { color: 'source', opacity: 0.6, curveness: 0.1 },
          edgeSymbol: ['none', 'arrow'],
          edgeSymbolSize: 6,
          data: graph.nodes.map((n) => ({
            id: n.id,
            name: n.name,
            node: n,
            category: categoryOf(n),
            symbolSize: n.kind === 'case' ? (n.classification === 'confirmed' ? 38 : 30) : 12,
            label: { show: n.kind === 'case' || !many, fontWeight: n.kind === 'case' ? 700 : 400 },
            cursor: n.kind === 'case' ? 'pointer' : 'default',
          })),
          links: graph.links.map((l) => ({
            source: l.source,
            target: l.target,
            exposure: t(`tracing.exposure.${l.exposureType}`),
          })),
        },
      ],
    };
  }, [graph, t]);

  useEffect(() => {
    if (!ref.current) return;
    const instance = echarts.init(ref.current);
    chart.current = instance;
    instance.on('click', (p) => {
      const node = (p.data as { node?: Node } | undefined)?.node;
      if (p.dataType === 'node' && node?.kind === 'case') navigateRef.current(`/cases/${node.id}`);
    });
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    const { legendText: _legend, ...chartOption } = option;
    chart.current?.setOption(chartOption, true);
  }, [option]);

  // the canvas cannot be read aloud: its legend is the chart's accessible name
  return (
    <div
      ref={ref}
      data-testid={testId}
      role="img"
      aria-label={`${t('tracing.tab.graph')}：${option.legendText}`}
      style={{ width: '100%', height }}
    />
  );
}

/** The chain a case belongs to (GET /api/tracing/graph?caseId=). */
export function ChainGraphView({ caseId }: { caseId: string }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const [graph, setGraph] = useState<ChainGraph | null>(null);
  useEffect(() => {
    let cancelled = false;
    tracingApi
      .graph(caseId)
      .then((g) => !cancelled && setGraph(g))
      .catch((err: unknown) => {
        feedback.error(err);
        if (!cancelled) setGraph({ nodes: [], links: [] });
      });
    return () => {
      cancelled = true;
    };
  }, [caseId, feedback]);
  if (!graph) return <Spin />;
  if (!graph.nodes.length) return <Empty description={t('tracing.noGraph')} />;
  return <ChainChart graph={graph} height={mobile ? 380 : 520} />;
}
