import type { Figures } from '../../../shared/rollups';
import { useI18n, type MessageKey } from '../../app/i18n';
import { fevers, formatCount, isolated } from './dashboardApi';

/**
 * A stock (a state: how many are isolated now) is compared with yesterday's as a change; a flow
 * (what happened today: new cases) is shown beside yesterday's whole day, since today is not over.
 */
type Kind = 'stock' | 'flow';
/** How a rise reads: bad (cases, isolation — red up, green down) or neutral (registrations). */
type Tone = 'bad' | 'neutral';

interface Tile {
  key: string;
  label: MessageKey;
  value: (f: Figures) => number;
  kind: Kind;
  tone: Tone;
  /** the line under the figure */
  sub: (f: Figures, n: (v: number) => string) => [MessageKey, Record<string, string>];
  /** a figure above zero is drawn in this colour */
  alert?: 'red' | 'amber';
}

const TILES: Tile[] = [
  {
    key: 'residents',
    label: 'dashboard.kpi.residents',
    value: (f) => f.residents,
    kind: 'stock',
    tone: 'neutral',
    sub: (f, n) => ['dashboard.kpi.households', { n: n(f.households) }],
  },
  {
    key: 'keyPersons',
    label: 'dashboard.kpi.keyPersons',
    value: (f) => f.keyPersons,
    kind: 'stock',
    tone: 'bad',
    sub: (f, n) => ['dashboard.kpi.returnees', { n: n(f.returnees) }],
  },
  {
    key: 'isolation',
    label: 'dashboard.kpi.isolation',
    value: isolated,
    kind: 'stock',
    tone: 'bad',
    sub: (f, n) => [
      'dashboard.kpi.isolationParts',
      { home: n(f.inIsolationHome), central: n(f.inIsolationCentralised), hospital: n(f.inIsolationHospital) },
    ],
  },
  {
    key: 'activeCases',
    label: 'dashboard.kpi.activeCases',
    value: (f) => f.activeCases,
    kind: 'stock',
    tone: 'bad',
    alert: 'red',
    sub: (f, n) => ['dashboard.kpi.confirmed', { n: n(f.confirmedCases) }],
  },
  {
    key: 'newCases',
    label: 'dashboard.kpi.newCases',
    value: (f) => f.newCases,
    kind: 'flow',
    tone: 'bad',
    alert: 'red',
    sub: (f, n) => ['dashboard.kpi.newContacts', { n: n(f.newContacts) }],
  },
  {
    key: 'fevers',
    label: 'dashboard.kpi.fevers',
    value: fevers,
    kind: 'flow',
    tone: 'bad',
    alert: 'amber',
    sub: (f, n) => [
      'dashboard.kpi.feverParts',
      { door: n(f.doorFevers), checkpoint: n(f.checkpointFevers), followUp: n(f.followUpFevers) },
    ],
  },
  {
    key: 'passages',
    label: 'dashboard.kpi.passages',
    value: (f) => f.passages,
    kind: 'flow',
    tone: 'neutral',
    sub: (f, n) => ['dashboard.kpi.people', { n: n(f.peopleChecked) }],
  },
  {
    key: 'turnedBack',
    label: 'dashboard.kpi.turnedBack',
    value: (f) => f.turnedBack,
    kind: 'flow',
    tone: 'neutral',
    sub: (f, n) => ['dashboard.kpi.referred', { n: n(f.referred) }],
  },
];

function Change({ tile, today, yesterday }: { tile: Tile; today: number; yesterday: number }) {
  const { t, locale } = useI18n();
  if (tile.kind === 'flow')
    return (
      <span className="qf-dash-kpi-change">{t('dashboard.yesterdayWas', { n: formatCount(yesterday, locale) })}</span>
    );
  const diff = today - yesterday;
  const direction = diff > 0 ? 'up' : diff < 0 ? 'down' : 'flat';
  return (
    <span className={`qf-dash-kpi-change is-${direction} tone-${tile.tone}`}>
      {t('dashboard.vsYesterday')} {diff > 0 ? '▲' : diff < 0 ? '▼' : '–'}
      {diff === 0 ? '' : formatCount(Math.abs(diff), locale)}
    </span>
  );
}

/** 今日核心指标: eight tiles, each today's figure, a breakdown, and the change since yesterday. */
export function KpiTiles({ today, yesterday }: { today: Figures; yesterday: Figures }) {
  const { t, locale } = useI18n();
  const n = (v: number) => formatCount(v, locale);
  return (
    <div className="qf-dash-kpis">
      {TILES.map((tile) => {
        const value = tile.value(today);
        const [subKey, subVars] = tile.sub(today, n);
        return (
          <div
            key={tile.key}
            className={`qf-dash-kpi${tile.alert && value > 0 ? ` alert-${tile.alert}` : ''}`}
            data-testid={`dashboard-kpi-${tile.key}`}
          >
            <div className="qf-dash-kpi-label">{t(tile.label)}</div>
            <div className="qf-dash-kpi-value" data-testid={`dashboard-kpi-${tile.key}-value`} data-value={value}>
              {n(value)}
            </div>
            <div className="qf-dash-kpi-foot">
              <span className="qf-dash-kpi-sub">{t(subKey, subVars)}</span>
              <Change tile={tile} today={value} yesterday={tile.value(yesterday)} />
            </div>
          </div>
        );
      })}
    </div>
  );
}
