import { Segmented } from 'antd';
import { useState } from 'react';
import { NecessityStatus, type Necessity } from '../../../shared/isolation';
import { LoadMore } from '../../app/components/LoadMore';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { usePaged } from '../../app/usePaged';
import { NecessityTable } from './NecessityTable';

type Filter = Necessity['status'] | 'all';

/** 生活需求: every request of an isolated household in my jurisdiction, newest first, by status. */
export function NecessitiesTab({ refreshKey }: { refreshKey: number }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [filter, setFilter] = useState<Filter>('open');
  const list = usePaged<Necessity>(
    '/isolation/necessities',
    { status: filter === 'all' ? undefined : filter, limit: 50 },
    feedback.error,
    refreshKey,
  );

  return (
    <>
      <Segmented<Filter>
        value={filter}
        onChange={setFilter}
        style={{ marginBottom: 12 }}
        options={[
          ...NecessityStatus.options.map((s) => ({ value: s, label: t(`isolation.necessity.status.${s}`) })),
          { value: 'all', label: t('isolation.all') },
        ]}
        data-testid="necessities-filter"
      />
      <NecessityTable
        items={list.items}
        loading={list.loading && !list.items.length}
        showPerson
        onChanged={(next) =>
          list.setItems((items) =>
            filter === 'all' || next.status === filter
              ? items.map((n) => (n.id === next.id ? next : n))
              : items.filter((n) => n.id !== next.id),
          )
        }
      />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
    </>
  );
}
