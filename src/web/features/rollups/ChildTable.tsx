import type { Dashboard } from '../../../shared/rollups';
import { useI18n } from '../../app/i18n';
import { fevers, formatCount, isolated, RISK_COLORS, RISK_ORDER } from './dashboardApi';

/**
 * 下级区域今日概况: the children riskiest first (then the most populous), one row each with the
 * figures a commander asks about; a row opens that region's screen, like a block of the treemap.
 */
export function ChildTable({
  regions,
  onDrill,
}: {
  regions: Dashboard['children'];
  onDrill: (regionId: string) => void;
}) {
  const { t, locale } = useI18n();
  const rows = [...regions].sort(
    (a, b) => RISK_ORDER[a.risk] - RISK_ORDER[b.risk] || b.figures.residents - a.figures.residents,
  );
  const n = (v: number) => formatCount(v, locale);
  return (
    <div className="qf-dash-table-wrap">
      <table className="qf-dash-table" data-testid="dashboard-children">
        <thead>
          <tr>
            <th>{t('dashboard.col.region')}</th>
            <th>{t('dashboard.col.risk')}</th>
            <th>{t('dashboard.col.residents')}</th>
            <th>{t('dashboard.col.isolation')}</th>
            <th>{t('dashboard.col.fevers')}</th>
            <th>{t('dashboard.col.cases')}</th>
            <th>{t('dashboard.col.passages')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.id} data-testid={`dashboard-child-${c.id}`} data-name={c.name} onClick={() => onDrill(c.id)}>
              <td className="qf-dash-table-name">{c.name}</td>
              <td>
                <span className="qf-dash-risk-dot" style={{ color: RISK_COLORS[c.risk] }}>
                  ● {t(`dashboard.risk.${c.risk}`)}
                </span>
              </td>
              <td>{n(c.figures.residents)}</td>
              <td>{n(isolated(c.figures))}</td>
              <td className={fevers(c.figures) > 0 ? 'is-amber' : undefined}>{n(fevers(c.figures))}</td>
              <td className={c.figures.activeCases > 0 ? 'is-red' : undefined}>{n(c.figures.activeCases)}</td>
              <td>{n(c.figures.passages)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
