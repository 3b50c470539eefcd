import { ArrowLeftOutlined, FullscreenExitOutlined, FullscreenOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { Dashboard } from '../../../shared/rollups';
import { useI18n } from '../../app/i18n';
import { RISK_COLORS } from './dashboardApi';
import type { LiveState } from './useDashboard';
import { formatClock } from '../../app/format';

const localeTag = (locale: string) => (locale === 'en' ? 'en-GB' : locale);

/** The wall clock, ticking every second on its own so the charts do not re-render with it. */
function Clock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  const time = formatClock(now, true);
  return (
    <span className="qf-dash-clock" data-testid="dashboard-clock">
      {time}
    </span>
  );
}

/** The screen's local day (from the server, in the county's time zone) with its weekday. */
function Day({ day }: { day: string }) {
  const { locale } = useI18n();
  const date = new Date(`${day}T00:00:00Z`);
  const text = new Intl.DateTimeFormat(localeTag(locale), {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'long',
    timeZone: 'UTC',
  }).format(date);
  return (
    <span className="qf-dash-day" data-testid="dashboard-day">
      {text}
    </span>
  );
}

/** Full screen for a wall display (F11 does the same); the button follows whichever way it was entered. */
function FullscreenButton() {
  const { t } = useI18n();
  const [on, setOn] = useState(() => Boolean(document.fullscreenElement));
  useEffect(() => {
    const onChange = () => setOn(Boolean(document.fullscreenElement));
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);
  const toggle = () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else void document.documentElement.requestFullscreen?.().catch(() => undefined);
  };
  return (
    <button
      type="button"
      className="qf-dash-button"
      onClick={toggle}
      title={t('dashboard.fullscreen')}
      data-testid="dashboard-fullscreen"
    >
      {on ? <FullscreenExitOutlined /> : <FullscreenOutlined />}
    </button>
  );
}

/**
 * The top bar: the way back up (breadcrumb) on the left, the region's title in the middle, the day,
 * the clock, when the figures were last rolled up and whether the live stream is connected on the right.
 */
export function DashboardHeader({
  data,
  live,
  onDrill,
}: {
  data: Dashboard;
  live: LiveState;
  onDrill: (regionId: string) => void;
}) {
  const { t } = useI18n();
  const updated = data.updatedAt
    ? t('dashboard.updatedAt', {
        time: formatClock(data.updatedAt, true),
      })
    : t('dashboard.notYetUpdated');
  const crumbs = data.breadcrumb.length > 0 ? data.breadcrumb : [data.region];
  return (
    <header className="qf-dash-header">
      <div className="qf-dash-header-left">
        <Link to="/" className="qf-dash-button" data-testid="dashboard-exit">
          <ArrowLeftOutlined /> {t('dashboard.exit')}
        </Link>
        <nav className="qf-dash-crumbs" data-testid="dashboard-breadcrumb">
          {crumbs.map((c, i) => (
            <span key={c.id}>
              {i > 0 && <span className="qf-dash-crumb-sep">/</span>}
              {c.id === data.region.id ? (
                <span className="qf-dash-crumb is-current">{c.name}</span>
              ) : (
                <button
                  type="button"
                  className="qf-dash-crumb"
                  data-testid={`dashboard-crumb-${c.id}`}
                  onClick={() => onDrill(c.id)}
                >
                  {c.name}
                </button>
              )}
            </span>
          ))}
          <span className="qf-dash-level">{t(`level.${data.region.level}` as 'level.county')}</span>
        </nav>
      </div>
      <div className="qf-dash-title">
        <h1 data-testid="dashboard-title">
          <span data-testid="dashboard-region-name">{data.region.name}</span>
          <span className="qf-dash-title-rest">{t('dashboard.titleSuffix')}</span>
        </h1>
        <span
          className="qf-dash-risk-badge"
          style={{ color: RISK_COLORS[data.region.risk], borderColor: RISK_COLORS[data.region.risk] }}
          data-testid="dashboard-region-risk"
        >
          {t(`dashboard.risk.${data.region.risk}`)}
        </span>
      </div>
      <div className="qf-dash-header-right">
        <div className="qf-dash-when">
          <Day day={data.day} />
          <Clock />
        </div>
        <div className="qf-dash-status">
          <span className={`qf-dash-live is-${live}`} data-testid="dashboard-live" data-state={live}>
            <i />
            {live === 'down' ? t('dashboard.reconnecting') : t('dashboard.live')}
          </span>
          <span className="qf-dash-updated" data-testid="dashboard-updated">
            {updated}
          </span>
        </div>
        <FullscreenButton />
      </div>
    </header>
  );
}
