import { Alert } from 'antd';
import type { DailyReport } from '../../../shared/daily-reports';
import type { Figures, Metric } from '../../../shared/rollups';
import { useI18n } from '../../app/i18n';

/** The figures a county looks at first when it compares its sum with the live ones (登记、隔离、病例、卡口). */
const GAP_METRICS: readonly Metric[] = [
  'residents',
  'keyPersons',
  'inIsolationHome',
  'inIsolationCentralised',
  'activeCases',
  'confirmedCases',
  'newCases',
  'passages',
];

/** The headline figures whose sum of what was submitted differs from the jurisdiction's live figure. */
function gapOf(figures: Figures, live: Figures | null): { metric: Metric; summed: number; live: number }[] {
  if (!live) return [];
  return GAP_METRICS.filter((m) => figures[m] !== live[m]).map((m) => ({
    metric: m,
    summed: figures[m],
    live: live[m],
  }));
}

/**
 * 已报汇总 vs 辖区实时数: while units below are missing, the headline figures where the report's sum
 * falls short of (or exceeds) the live figures of the whole jurisdiction — so a county never sends a
 * sheet of zeros without seeing what the big screen shows.
 */
export function DailyReportGap({ report, figures }: { report: DailyReport; figures?: Figures }) {
  const { t, locale } = useI18n();
  const children = report.children;
  if (!children || children.missing.length === 0) return null;
  const gap = gapOf(figures ?? report.figures, children.live);
  if (gap.length === 0) return null;
  const n = (v: number) => v.toLocaleString(locale);
  return (
    <Alert
      type="warning"
      data-testid="dr-gap"
      title={t('dailyReport.gapTitle')}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {gap.map((g) => (
            <li key={g.metric} data-testid={`dr-gap-${g.metric}`}>
              {t('dailyReport.gapLine', {
                metric: t(`dailyReport.metric.${g.metric}`),
                summed: n(g.summed),
                live: n(g.live),
              })}
            </li>
          ))}
        </ul>
      }
    />
  );
}
