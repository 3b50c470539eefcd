import { Input, InputNumber, Table, Tooltip, Typography } from 'antd';
import type { DailyReport } from '../../../shared/daily-reports';
import { REPORT_SECTIONS, coverageOf } from '../../../shared/daily-reports';
import type { Figures, Metric } from '../../../shared/rollups';
import { useI18n } from '../../app/i18n';

export interface FigureEdit {
  value: number;
  reason: string;
}
export type FigureEdits = Record<Metric, FigureEdit>;

/** The edits a report starts from: its reported figures and the reasons of its corrections. */
export function editsOf(report: DailyReport): FigureEdits {
  return Object.fromEntries(
    Object.entries(report.figures).map(([m, v]) => [
      m,
      { value: v, reason: report.corrections[m as Metric]?.reason ?? '' },
    ]),
  ) as FigureEdits;
}

export const figuresOf = (edits: FigureEdits): Figures =>
  Object.fromEntries(Object.entries(edits).map(([m, e]) => [m, e.value])) as Figures;

type Row = { key: string; section: string; span: number; metric: Metric | null };

const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/**
 * The figures of a report by section: what Qunfang computed beside what the unit reports, and the
 * reason for each difference. For a township or county the computed figure is the sum of what was
 * submitted (已报汇总), and beside it stands the live figure of the whole jurisdiction (辖区实时数),
 * marked where it differs while units below are missing. Editable while the report is a draft or
 * returned: a changed figure shows its reason box, marked when empty once the user has tried to save.
 */
export function DailyReportFigures({
  report,
  edits,
  editable,
  showMissing,
  onChange,
}: {
  report: DailyReport;
  edits: FigureEdits;
  editable: boolean;
  showMissing: boolean;
  onChange: (metric: Metric, edit: FigureEdit) => void;
}) {
  const { t } = useI18n();
  const rows: Row[] = REPORT_SECTIONS.flatMap((s) => {
    const metrics: (Metric | null)[] = s.metrics.flatMap((m) => (m === 'roundVisited' ? [m, null] : [m]));
    return metrics.map((m, i) => ({
      key: m ?? `${s.key}-coverage`,
      section: t(`dailyReport.section.${s.key}`),
      span: i === 0 ? metrics.length : 0,
      metric: m,
    }));
  });
  const reported = figuresOf(edits);
  const live = report.children?.live ?? null;
  const gapMatters = (report.children?.missing.length ?? 0) > 0;
  const liveCell = (r: Row) => {
    if (!live) return null;
    if (!r.metric) return percent(coverageOf(live));
    const differs = gapMatters && live[r.metric] !== report.computed[r.metric];
    return (
      <Typography.Text
        type={differs ? 'warning' : 'secondary'}
        strong={differs}
        data-testid={`dr-live-${r.metric}`}
        data-differs={String(differs)}
      >
        {live[r.metric]}
      </Typography.Text>
    );
  };

  return (
    <Table<Row>
      data-testid="dr-figures"
      size="small"
      bordered
      pagination={false}
      dataSource={rows}
      scroll={{ x: 640 }}
      columns={[
        { title: t('dailyReport.section'), dataIndex: 'section', width: 110, onCell: (r) => ({ rowSpan: r.span }) },
        {
          title: t('dailyReport.metric'),
          key: 'metric',
          width: 190,
          render: (_, r) => (r.metric ? t(`dailyReport.metric.${r.metric}`) : t('dailyReport.coverage')),
        },
        {
          title: report.children ? (
            <Tooltip title={t('dailyReport.summedHint')}>{t('dailyReport.summed')}</Tooltip>
          ) : (
            t('dailyReport.computed')
          ),
          key: 'computed',
          width: 110,
          align: 'right',
          render: (_, r) => (
            <span data-testid={r.metric ? `dr-computed-${r.metric}` : undefined}>
              {r.metric ? report.computed[r.metric] : percent(coverageOf(report.computed))}
            </span>
          ),
        },
        ...(live
          ? [
              {
                title: (
                  <Tooltip title={t('dailyReport.liveHint')}>
                    <span data-testid="dr-live-title">{t('dailyReport.live')}</span>
                  </Tooltip>
                ),
                key: 'live',
                width: 110,
                align: 'right' as const,
                render: (_: unknown, r: Row) => liveCell(r),
              },
            ]
          : []),
        {
          title: t('dailyReport.reported'),
          key: 'reported',
          width: 130,
          align: 'right',
          render: (_, r) => {
            if (!r.metric) return percent(coverageOf(reported));
            const m = r.metric;
            const changed = edits[m].value !== report.computed[m];
            if (!editable)
              return (
                <Typography.Text
                  strong={changed}
                  type={changed ? 'warning' : undefined}
                  data-testid={`dr-reported-${m}`}
                >
                  {edits[m].value}
                </Typography.Text>
              );
            return (
              <InputNumber
                data-testid={`dr-value-${m}`}
                size="small"
                min={0}
                max={100_000_000}
                precision={0}
                value={edits[m].value}
                status={changed ? 'warning' : undefined}
                onChange={(v) => onChange(m, { ...edits[m], value: typeof v === 'number' ? v : 0 })}
                style={{ width: 100 }}
                aria-label={t(`dailyReport.metric.${m}`)}
              />
            );
          },
        },
        {
          title: t('dailyReport.reason'),
          key: 'reason',
          render: (_, r) => {
            if (!r.metric) return null;
            const m = r.metric;
            if (edits[m].value === report.computed[m]) return null;
            if (!editable) return <span data-testid={`dr-reason-text-${m}`}>{edits[m].reason}</span>;
            const missing = showMissing && !edits[m].reason.trim();
            return (
              <Input
                data-testid={`dr-reason-${m}`}
                size="small"
                maxLength={500}
                value={edits[m].reason}
                status={missing ? 'error' : undefined}
                placeholder={missing ? t('dailyReport.reasonRequired') : t('dailyReport.reasonPlaceholder')}
                onChange={(e) => onChange(m, { ...edits[m], reason: e.target.value })}
                aria-label={t('dailyReport.reason')}
              />
            );
          },
        },
      ]}
    />
  );
}
