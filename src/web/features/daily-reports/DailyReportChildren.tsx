import { Table, Tag, Tooltip, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import type { DailyReport, DailyReportChild } from '../../../shared/daily-reports';
import type { Figures } from '../../../shared/rollups';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { STATUS_COLORS } from './dailyReportApi';

type Row = { key: string; name: string; child: DailyReportChild | null; included: boolean; figures: Figures | null };

/** A few headline figures per child, so a township sees at a glance what each village sent up. */
const HEADLINE = ['residents', 'newReturnees', 'inIsolationHome', 'passages', 'turnedBack', 'newCases'] as const;

/**
 * For a township or county: each child unit — summed (as it submitted, at which version, and who
 * filled it in where its township did, 代填) or not summed (with its standing and, greyed, its live
 * figures when the draft was taken) — and the unit's own part (本级), each with headline figures.
 */
export function DailyReportChildren({ report }: { report: DailyReport }) {
  const { t, locale } = useI18n();
  const children = report.children!;
  const rows: Row[] = [
    ...children.included.map((c) => ({ key: c.regionId, name: c.name, child: c, included: true, figures: c.figures })),
    ...children.missing.map((c) => ({ key: c.regionId, name: c.name, child: c, included: false, figures: null })),
    {
      key: 'own',
      name: t('dailyReport.own', { name: report.regionName }),
      child: null,
      included: true,
      figures: children.own,
    },
  ];
  return (
    <Table<Row>
      data-testid="dr-children"
      size="small"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 820 }}
      onRow={(r) =>
        ({ 'data-testid': `dr-child-${r.key}`, 'data-included': String(r.included) }) as HTMLAttributes<HTMLElement>
      }
      columns={[
        {
          title: t('dailyReport.unit'),
          key: 'name',
          width: 150,
          render: (_, r) =>
            r.child?.reportId ? (
              <Link to={`/daily-reports/${r.child.reportId}`}>{r.name}</Link>
            ) : r.child ? (
              r.name
            ) : (
              <Tooltip title={t('dailyReport.ownHint')}>{r.name}</Tooltip>
            ),
        },
        {
          title: t('dailyReport.statusTitle'),
          key: 'status',
          width: 240,
          render: (_, r) =>
            r.child ? (
              <>
                <Tag color={r.included ? 'success' : 'error'}>
                  {t(r.included ? 'dailyReport.included' : 'dailyReport.missing')}
                </Tag>
                <Tag color={STATUS_COLORS[r.child.status]}>
                  {t(`dailyReport.status.${r.child.status}`)}
                  {r.child.version > 0 ? ` ${t('dailyReport.versionN', { n: r.child.version })}` : ''}
                </Tag>
                {r.child.proxyUnit && (
                  <Tag color="purple">{t('dailyReport.proxyTag', { unit: r.child.proxyUnit })}</Tag>
                )}
              </>
            ) : (
              <Tag color="success">{t('dailyReport.included')}</Tag>
            ),
        },
        {
          title: t('dailyReport.submittedAt'),
          key: 'at',
          width: 150,
          render: (_, r) => (r.child?.submittedAt ? formatTime(r.child.submittedAt, locale) : '—'),
        },
        ...HEADLINE.map((m) => ({
          title: t(`dailyReport.metric.${m}`),
          key: m,
          width: 90,
          align: 'right' as const,
          render: (_: unknown, r: Row) => {
            if (r.figures) return r.figures[m];
            const live = r.child?.live;
            return live ? (
              <Tooltip title={t('dailyReport.liveHint')}>
                <Typography.Text type="secondary">{`${t('dailyReport.liveShort')} ${live[m]}`}</Typography.Text>
              </Tooltip>
            ) : (
              '—'
            );
          },
        })),
      ]}
    />
  );
}
