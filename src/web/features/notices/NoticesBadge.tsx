import { MailOutlined } from '@ant-design/icons';
import { Badge, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../app/i18n';
import { noticesApi, UNREAD_CHANGED } from './noticesApi';

/** The envelope in the header with the number of unread notices; counted every minute and whenever one is read. */
export function NoticesBadge() {
  const { t } = useI18n();
  const [unread, setUnread] = useState(0);

  useEffect(() => {
    let alive = true;
    const count = () =>
      noticesApi
        .unread()
        .then((n) => alive && setUnread(n))
        .catch(() => undefined);
    void count();
    const timer = setInterval(count, 60_000);
    window.addEventListener(UNREAD_CHANGED, count);
    return () => {
      alive = false;
      clearInterval(timer);
      window.removeEventListener(UNREAD_CHANGED, count);
    };
  }, []);

  const label = t('notices.badge', { n: unread });
  return (
    <Tooltip title={label}>
      <Link
        to="/notices"
        data-testid="notices-badge"
        data-count={unread}
        aria-label={label}
        style={{ display: 'inline-flex', padding: '0 6px' }}
      >
        <Badge count={unread} overflowCount={99} size="small" offset={[2, 0]}>
          <MailOutlined style={{ fontSize: 20, color: '#fff' }} />
        </Badge>
      </Link>
    </Tooltip>
  );
}
