import { Table } from 'antd';
import { useEffect, useState } from 'react';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { screeningApi, type WorkerRow } from './screeningApi';

/** Per-worker progress in the round: visits, distinct households, "not home" calls, the last visit. */
export function WorkersTable({ roundId, refreshKey }: { roundId: string; refreshKey?: unknown }) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const [rows, setRows] = useState<WorkerRow[] | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey is a "load again" signal: the body need not read it, but a new value must refetch
  useEffect(() => {
    let cancelled = false;
    screeningApi
      .workers(roundId)
      .then((items) => !cancelled && setRows(items))
      .catch((err: unknown) => !cancelled && feedback.error(err));
    return () => {
      cancelled = true;
    };
  }, [roundId, refreshKey, feedback]);

  return (
    <Table<WorkerRow>
      data-testid="workers-table"
      rowKey="workerId"
      size="small"
      loading={rows === null}
      dataSource={rows ?? []}
      pagination={rows && rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: 520 }}
      columns={[
        { title: t('screening.worker'), key: 'name', render: (_, r) => r.displayName ?? r.workerName ?? '—' },
        {
          title: t('screening.visits'),
          dataIndex: 'visits',
          width: 90,
          align: 'right',
          sorter: (a, b) => a.visits - b.visits,
        },
        {
          title: t('screening.workerHouseholds'),
          dataIndex: 'households',
          width: 80,
          align: 'right',
          sorter: (a, b) => a.households - b.households,
        },
        { title: t('screening.notHome'), dataIndex: 'notHome', width: 80, align: 'right' },
        {
          title: t('screening.lastVisit'),
          dataIndex: 'lastVisitAt',
          width: 140,
          render: (v: string | null) => formatTime(v, locale),
        },
      ]}
    />
  );
}
