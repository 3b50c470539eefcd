import { Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { DefaultObserver } from '../../../shared/isolation';
import { useI18n } from '../../app/i18n';
import { isolationApi } from './isolationApi';

/**
 * Who will observe the persons being isolated when nobody is named: each default observer with
 * why (包保 of the grid or village, the village doctor, the grid worker, or you) and how many.
 */
export function DefaultObserverHint({ personIds, siteId }: { personIds: string[]; siteId?: string }) {
  const { t } = useI18n();
  const [items, setItems] = useState<(DefaultObserver & { personId: string })[] | null>(null);
  // the persons and the site as one string, so a new array with the same people asks nothing again
  const key = `${[...personIds].sort().join(',')}|${siteId ?? ''}`;
  useEffect(() => {
    const [ids, site] = key.split('|') as [string, string];
    const list = ids.split(',').filter(Boolean).slice(0, 500);
    if (list.length === 0) return setItems(null);
    let cancelled = false;
    isolationApi
      .defaultObservers(list, site || undefined)
      .then((found) => !cancelled && setItems(found))
      .catch(() => !cancelled && setItems(null));
    return () => {
      cancelled = true;
    };
  }, [key]);
  if (!items?.length)
    return (
      <Typography.Text type="secondary" data-testid="default-observers">
        {t('isolation.defaultObserverRule')}
      </Typography.Text>
    );
  const groups = new Map<string, { name: string; basis: DefaultObserver['basis']; n: number }>();
  for (const i of items) {
    const g = groups.get(i.observerId) ?? { name: i.observerName, basis: i.basis, n: 0 };
    g.n += 1;
    groups.set(i.observerId, g);
  }
  const text = [...groups.values()]
    .map((g) =>
      t('isolation.defaultObserverItem', { name: g.name, basis: t(`isolation.observerBasis.${g.basis}`), n: g.n }),
    )
    .join('、');
  return (
    <Typography.Text type="secondary" data-testid="default-observers">
      {t('isolation.defaultObservers', { list: text })}
    </Typography.Text>
  );
}
