import { useState } from 'react';
import type { Dashboard, Metric } from '../../../shared/rollups';
import { useI18n } from '../../app/i18n';
import { formatCount } from './dashboardApi';

/** The figures the panel shows, in the order a commander reads them. */
const FIGURES: readonly Metric[] = [
  'partyMembersOnDuty',
  'partyMembers',
  'membersReported',
  'tempBranches',
  'commandoTeams',
  'callouts',
  'volunteersActive',
  'volunteerHours',
];

/** The columns of the drill-down, one row per child region. */
const COLUMNS = [
  'partyMembersOnDuty',
  'partyMembers',
  'membersReported',
  'tempBranches',
  'tempBranchesFlagged',
  'callouts',
  'calloutsOnTime',
  'volunteersActive',
  'volunteerHours',
] as const satisfies readonly Metric[];

/**
 * 党员志愿者动员: today's mobilisation at a glance — party members at the front line, members,
 * 报到, temporary branches (flags in amber), teams and call-outs (on time), volunteers and their
 * hours — and, on demand, the same for each child region (a row opens that region's screen).
 */
export function MobilisationPanel({ data, onDrill }: { data: Dashboard; onDrill: (regionId: string) => void }) {
  const { t, locale } = useI18n();
  const [byChild, setByChild] = useState(false);
  const n = (v: number) => formatCount(v, locale);
  const f = data.figures;
  const label = (m: Metric) => t(`dailyReport.metric.${m}`);
  return (
    <div className="qf-dash-mobilisation" data-testid="dashboard-mobilisation">
      <div className="qf-dash-mobilisation-switch">
        <button
          type="button"
          className={byChild ? undefined : 'is-on'}
          onClick={() => setByChild(false)}
          data-testid="dashboard-mobilisation-total"
        >
          {t('dashboard.mobilisation.total')}
        </button>
        <button
          type="button"
          className={byChild ? 'is-on' : undefined}
          onClick={() => setByChild(true)}
          disabled={data.children.length === 0}
          data-testid="dashboard-mobilisation-children"
        >
          {t('dashboard.mobilisation.byChild')}
        </button>
      </div>
      {byChild ? (
        <div className="qf-dash-table-wrap">
          <table className="qf-dash-table is-compact" data-testid="dashboard-mobilisation-table">
            <thead>
              <tr>
                <th>{t('dashboard.col.region')}</th>
                {COLUMNS.map((m) => (
                  <th key={m}>{t(`dashboard.mobilisation.col.${m}`)}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[...data.children]
                .sort((a, b) => b.figures.partyMembersOnDuty - a.figures.partyMembersOnDuty)
                .map((c) => (
                  <tr key={c.id} data-name={c.name} onClick={() => onDrill(c.id)}>
                    <td className="qf-dash-table-name">{c.name}</td>
                    {COLUMNS.map((m) => (
                      <td key={m} className={m === 'tempBranchesFlagged' && c.figures[m] > 0 ? 'is-amber' : undefined}>
                        {n(c.figures[m])}
                      </td>
                    ))}
                  </tr>
                ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="qf-dash-mobilisation-grid">
          {FIGURES.map((m) => (
            <div key={m} className="qf-dash-mobilisation-cell" data-testid={`dashboard-mobilisation-${m}`}>
              <div className="qf-dash-mobilisation-value" data-value={f[m]}>
                {n(f[m])}
              </div>
              <div className="qf-dash-mobilisation-label">{label(m)}</div>
              {m === 'tempBranches' && f.tempBranchesFlagged > 0 && (
                <div className="qf-dash-mobilisation-note is-amber">
                  {t('dashboard.mobilisation.flagged', { n: n(f.tempBranchesFlagged) })}
                </div>
              )}
              {m === 'callouts' && f.callouts > 0 && (
                <div className="qf-dash-mobilisation-note">
                  {t('dashboard.mobilisation.onTime', { n: n(f.calloutsOnTime) })}
                </div>
              )}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
