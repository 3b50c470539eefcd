import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Space, Spin } from 'antd';
import { Fragment, useEffect, useRef, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { REPORT_SECTIONS, coverageOf, type DailyReport } from '../../../shared/daily-reports';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { dailyReportApi } from './dailyReportApi';
import './daily-report-print.css';

const percent = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/**
 * 打印日报: the report on one A4 sheet as it stands (a submitted report exactly as it went up) —
 * figures by section with the computed value (for a township or county: the sum of what was
 * submitted, and beside it the live figure of the whole jurisdiction, 辖区实时数), the reported value
 * and the reason for each correction; for a township or county the units missing, named under the
 * title and marked 【未报】 in the list of children; the narrative; and lines
 * for signatures. ?print=1 opens the browser's print dialog once it has loaded.
 */
export default function DailyReportPrintPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const [report, setReport] = useState<DailyReport | null>(null);
  const printed = useRef(false);

  useEffect(() => {
    dailyReportApi
      .get(id)
      .then(setReport)
      .catch((err: unknown) => feedback.error(err));
  }, [id, feedback]);

  useEffect(() => {
    if (!report || printed.current || params.get('print') !== '1') return;
    printed.current = true;
    setTimeout(() => window.print(), 300);
  }, [report, params]);

  if (!report) return <Spin style={{ display: 'block', margin: 48 }} />;
  const status = `${t(`dailyReport.status.${report.status}`)}${report.version > 0 ? ` ${t('dailyReport.versionN', { n: report.version })}` : ''}`;
  const missing = report.children?.missing ?? [];
  const live = report.children?.live ?? null;

  return (
    <>
      <Space className="qf-noprint" wrap style={{ marginBottom: 12 }}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/daily-reports/${report.id}`)}>
          {t('common.back')}
        </Button>
        <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="dr-print-now">
          {t('dailyReport.print')}
        </Button>
      </Space>
      <div className="qf-daily-print" data-testid="dr-print-sheet">
        <h1>{t('dailyReport.printTitle', { name: report.regionName })}</h1>
        <div className="meta">{t('dailyReport.printMeta', { day: report.day, status })}</div>
        <div className="meta">
          {report.submittedAt &&
            `${t('dailyReport.submittedBy')}：${report.submittedByName ?? '—'}${report.submittedProxyUnit ? `（${t('dailyReport.proxyTag', { unit: report.submittedProxyUnit })}）` : ''}　${t('dailyReport.submittedAt')}：${formatTime(report.submittedAt, locale)}`}
        </div>
        {missing.length > 0 && (
          <div className="missing-line" data-testid="dr-print-missing">
            {t('dailyReport.printMissing', { n: missing.length, names: missing.map((c) => c.name).join('、') })}
          </div>
        )}

        <table>
          <thead>
            <tr>
              <th>{t('dailyReport.section')}</th>
              <th>{t('dailyReport.metric')}</th>
              <th>{t(report.children ? 'dailyReport.summed' : 'dailyReport.computed')}</th>
              {live && <th data-testid="dr-print-live-title">{t('dailyReport.live')}</th>}
              <th>{t('dailyReport.reported')}</th>
              <th>{t('dailyReport.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {REPORT_SECTIONS.map((s) => {
              const extra = s.metrics.includes('roundVisited') ? 1 : 0;
              return s.metrics.map((m, i) => {
                const changed = report.figures[m] !== report.computed[m];
                return (
                  <Fragment key={m}>
                    <tr>
                      {i === 0 && <td rowSpan={s.metrics.length + extra}>{t(`dailyReport.section.${s.key}`)}</td>}
                      <td>{t(`dailyReport.metric.${m}`)}</td>
                      <td className="num">{report.computed[m]}</td>
                      {live && (
                        <td
                          className={`num live${missing.length > 0 && live[m] !== report.computed[m] ? ' gap' : ''}`}
                          data-testid={`dr-print-live-${m}`}
                        >
                          {live[m]}
                        </td>
                      )}
                      <td className={`num${changed ? ' changed' : ''}`} data-testid={`dr-print-${m}`}>
                        {report.figures[m]}
                      </td>
                      <td>{report.corrections[m]?.reason ?? ''}</td>
                    </tr>
                    {m === 'roundVisited' && (
                      <tr>
                        <td>{t('dailyReport.coverage')}</td>
                        <td className="num">{percent(coverageOf(report.computed))}</td>
                        {live && <td className="num live">{percent(coverageOf(live))}</td>}
                        <td className="num">{percent(coverageOf(report.figures))}</td>
                        <td />
                      </tr>
                    )}
                  </Fragment>
                );
              });
            })}
          </tbody>
        </table>

        {live && (
          <div className="note" data-testid="dr-print-live-note">
            ※ {t('dailyReport.live')}：{t('dailyReport.liveHint')}
          </div>
        )}

        {report.children && (
          <>
            <h2>{t('dailyReport.childrenTitle')}</h2>
            <table>
              <thead>
                <tr>
                  <th>{t('dailyReport.unit')}</th>
                  <th>{t('dailyReport.statusTitle')}</th>
                  <th>{t('dailyReport.submittedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {[...report.children.included, ...report.children.missing].map((c) => (
                  <tr
                    key={c.regionId}
                    className={c.figures ? undefined : 'missing'}
                    data-testid={`dr-print-child-${c.regionId}`}
                    data-missing={String(!c.figures)}
                  >
                    <td>{c.figures ? c.name : `${c.name}【${t('dailyReport.printMissingMark')}】`}</td>
                    <td>{`${t(c.figures ? 'dailyReport.included' : 'dailyReport.missing')} · ${t(`dailyReport.status.${c.status}`)}${c.version > 0 ? ` ${t('dailyReport.versionN', { n: c.version })}` : ''}${c.proxyUnit ? ` · ${t('dailyReport.proxyTag', { unit: c.proxyUnit })}` : ''}`}</td>
                    <td>{c.submittedAt ? formatTime(c.submittedAt, locale) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {report.missingNote && (
              <div className="text" style={{ marginTop: 4 }}>
                {t('dailyReport.missingNote')}：{report.missingNote}
              </div>
            )}
          </>
        )}

        {(['assessment', 'problems', 'requests'] as const).map((f) => (
          <Fragment key={f}>
            <h2>{t(`dailyReport.${f}`)}</h2>
            <div className="text">{report[f] ?? ''}</div>
          </Fragment>
        ))}
        {report.reviewNote && (
          <>
            <h2>{t('dailyReport.reviewOpinion')}</h2>
            <div className="text">{`${report.reviewNote}（${report.reviewedByName ?? '—'} ${formatTime(report.reviewedAt, locale)}）`}</div>
          </>
        )}
        <div className="sign">{t('dailyReport.printSign')}</div>
        <div className="footer">
          {t('dailyReport.printedAt', { time: formatTime(new Date().toISOString(), locale) })}
        </div>
      </div>
    </>
  );
}
