import { useCallback, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { Dashboard } from '../../../shared/rollups';
import { useI18n } from '../../app/i18n';
import { ChildTable } from './ChildTable';
import { DashboardHeader } from './DashboardHeader';
import { RISK_COLORS } from './dashboardApi';
import { KpiTiles } from './KpiTiles';
import { MobilisationPanel } from './MobilisationPanel';
import { RegionTreemap } from './RegionTreemap';
import { ScaledCanvas } from './ScaledCanvas';
import { ScreeningCoverage, SiteFlows, TOP_SITES, ZeroReportCompleteness } from './ShareCharts';
import { CheckpointTrend, IsolationTrend } from './TrendCharts';
import { useDashboard, type LiveState } from './useDashboard';
import './dashboard.css';
import './dashboard-panels.css';

/** A framed panel of the screen: a title bar (with an optional note on the right) over its chart. */
function Panel({
  title,
  extra,
  testId,
  className,
  children,
}: {
  title: string;
  extra?: ReactNode;
  testId?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <section className={`qf-dash-panel${className ? ` ${className}` : ''}`} data-testid={testId}>
      <header className="qf-dash-panel-head">
        <h2>{title}</h2>
        {extra && <div className="qf-dash-panel-extra">{extra}</div>}
      </header>
      <div className="qf-dash-panel-body">{children}</div>
    </section>
  );
}

function Empty({ text }: { text: string }) {
  return <div className="qf-dash-empty">{text}</div>;
}

function RiskLegend() {
  const { t } = useI18n();
  return (
    <span className="qf-dash-legend">
      {(['high', 'medium', 'low'] as const).map((r) => (
        <span key={r}>
          <i style={{ background: RISK_COLORS[r] }} />
          {t(`dashboard.risk.${r}`)}
        </span>
      ))}
    </span>
  );
}

interface ScreenProps {
  data: Dashboard;
  live: LiveState;
  /** a failed refetch or drill-down: the figures on screen stay, with this note over them */
  problem: ReactNode;
  onDrill: (id: string) => void;
}

function Screen({ data, live, problem, onDrill }: ScreenProps) {
  const { t } = useI18n();
  const days = data.trend.length;
  const hasChildren = data.children.length > 0;
  return (
    <div className="qf-dash-screen">
      <DashboardHeader data={data} live={live} onDrill={onDrill} />
      {problem}
      <KpiTiles today={data.figures} yesterday={data.yesterday} />
      <main className="qf-dash-main">
        <div className="qf-dash-column">
          <Panel title={t('dashboard.panel.trendIsolation', { days })}>
            <IsolationTrend trend={data.trend} />
          </Panel>
          <Panel title={t('dashboard.panel.trendCheckpoint', { days })}>
            <CheckpointTrend trend={data.trend} />
          </Panel>
          <Panel title={t('dashboard.panel.sites', { n: TOP_SITES })}>
            {data.sites.length > 0 ? <SiteFlows sites={data.sites} /> : <Empty text={t('dashboard.noSites')} />}
          </Panel>
        </div>
        <div className="qf-dash-column is-centre">
          <Panel
            title={t('dashboard.panel.regions')}
            extra={
              <>
                <span className="qf-dash-hint">{t('dashboard.panel.regionsHint')}</span>
                <RiskLegend />
              </>
            }
            className="is-grow"
          >
            {hasChildren ? (
              <RegionTreemap regionId={data.region.id} regions={data.children} onDrill={onDrill} />
            ) : (
              <Empty text={t('dashboard.noChildren')} />
            )}
          </Panel>
          <Panel title={t('dashboard.panel.children')} className="is-table">
            {hasChildren ? (
              <ChildTable regions={data.children} onDrill={onDrill} />
            ) : (
              <Empty text={t('dashboard.noChildren')} />
            )}
          </Panel>
        </div>
        <div className="qf-dash-column">
          <Panel title={t('dashboard.panel.screening')}>
            {data.figures.roundHouseholds > 0 ? (
              <ScreeningCoverage data={data} />
            ) : (
              <Empty text={t('dashboard.noRound')} />
            )}
          </Panel>
          <Panel title={t('dashboard.panel.zeroReports')}>
            {data.figures.zeroReportUnits > 0 ? (
              <ZeroReportCompleteness data={data} />
            ) : (
              <Empty text={t('dashboard.noUnits')} />
            )}
          </Panel>
          <Panel title={t('dashboard.panel.mobilisation')} testId="dashboard-panel-mobilisation">
            <MobilisationPanel data={data} onDrill={onDrill} />
          </Panel>
        </div>
      </main>
    </div>
  );
}

/**
 * 指挥大屏: the command centre's wall display for one region (the URL's `region`, else the top of
 * my jurisdiction) — today's key figures, the trend of the last days, the children by risk (click to
 * drill down; the URL follows, so a drilled-down screen can be bookmarked), checkpoint flows,
 * screening coverage and zero-report completeness. It follows the roll-ups live, without reloading.
 */
export default function DashboardPage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const region = params.get('region');
  const { data, error, live, reload } = useDashboard(region);
  const drill = useCallback((id: string) => setParams({ region: id }), [setParams]);

  const problem = data && error && (
    <div className="qf-dash-problem" data-testid="dashboard-problem">
      {t('dashboard.loadFailedWith', { message: error.message })}
      {region !== null && (
        <button type="button" className="qf-dash-button" onClick={() => setParams({})}>
          {t('dashboard.toTop')}
        </button>
      )}
    </div>
  );
  let body: ReactNode;
  if (data) body = <Screen data={data} live={live} problem={problem} onDrill={drill} />;
  else if (error) {
    const noRegions = error.code === 'REGION_NOT_FOUND' && region === null;
    body = (
      <div className="qf-dash-message" data-testid="dashboard-error">
        <h2>{noRegions ? t('dashboard.noRegions') : t('dashboard.loadFailed')}</h2>
        {!noRegions && <p>{error.message}</p>}
        <div className="qf-dash-message-actions">
          <button type="button" className="qf-dash-button" onClick={() => void reload()}>
            {t('dashboard.retry')}
          </button>
          {region !== null && (
            <button type="button" className="qf-dash-button" onClick={() => setParams({})}>
              {t('dashboard.toTop')}
            </button>
          )}
          <Link to="/" className="qf-dash-button">
            {t('dashboard.exit')}
          </Link>
        </div>
      </div>
    );
  } else
    body = (
      <div className="qf-dash-message" data-testid="dashboard-loading">
        <h2>{t('dashboard.loading')}</h2>
      </div>
    );

  return <ScaledCanvas>{body}</ScaledCanvas>;
}
