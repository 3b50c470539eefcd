import { Button } from 'antd';
import { useI18n } from '../i18n';

/** The "加载更多" button under a cursor-paginated list; it disappears on the last page. */
export function LoadMore({ hasMore, loading, onClick }: { hasMore: boolean; loading: boolean; onClick: () => void }) {
  const { t } = useI18n();
  if (!hasMore) return null;
  return (
    <div style={{ textAlign: 'center', margin: '12px 0' }}>
      <Button onClick={onClick} loading={loading} data-testid="load-more">
        {t('common.loadMore')}
      </Button>
    </div>
  );
}
