import { BellOutlined } from '@ant-design/icons';
import { Badge, Tooltip } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../app/i18n';
import { useAlerts } from './AlertsProvider';

/** The bell in the header with the number of open alerts; it leads to the alerts page. */
export function AlertsBadge() {
  const { t } = useI18n();
  const { openCount, more } = useAlerts();
  const label = t('alerts.badge', { n: more ? `${openCount}+` : openCount });
  return (
    <Tooltip title={label}>
      <Link
        to="/alerts"
        data-testid="alerts-badge"
        data-count={openCount}
        aria-label={label}
        style={{ display: 'inline-flex', padding: '0 6px' }}
      >
        <Badge count={more ? 100 : openCount} overflowCount={99} size="small" offset={[2, 0]}>
          <BellOutlined style={{ fontSize: 20, color: '#fff' }} />
        </Badge>
      </Link>
    </Tooltip>
  );
}
