import { Tag, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import { useNavigate } from 'react-router-dom';
import type { GapHousehold } from '../../../shared/screening';
import { PagedTable } from '../../app/components/PagedTable';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { usePaged } from '../../app/usePaged';
import { useIsMobile } from '../../app/useIsMobile';

/**
 * 不留死角: households of the round under a region never visited, or only found "not home" and not
 * yet revisited. Each row opens the household.
 */
export function GapsTable({ roundId, under, refreshKey }: { roundId: string; under?: string; refreshKey?: unknown }) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const mobile = useIsMobile();
  const gaps = usePaged<GapHousehold>(
    `/screening/rounds/${roundId}/gaps`,
    { under, limit: mobile ? 20 : 100 },
    feedback.error,
    refreshKey,
  );
  return (
    <PagedTable<GapHousehold>
      list={gaps}
      data-testid="gaps-table"
      rowKey="householdId"
      size="small"
      scroll={mobile ? undefined : { x: 520, y: 420 }}
      locale={{ emptyText: t('screening.gapsEmpty') }}
      onRow={(row) =>
        ({
          onClick: () => navigate(`/households/${row.householdId}`),
          style: { cursor: 'pointer' },
          'data-testid': `gap-${row.householdId}`,
        }) as HTMLAttributes<HTMLElement>
      }
      columns={[
        {
          title: t('households.address'),
          dataIndex: 'address',
          render: (v: string, row) => (
            <>
              <Typography.Link>{v}</Typography.Link>
              {mobile && row.headName && <div style={{ color: '#8c8c8c', fontSize: 12 }}>{row.headName}</div>}
            </>
          ),
        },
        ...(mobile
          ? []
          : [
              { title: t('households.head'), dataIndex: 'headName', width: 90, render: (v: string | null) => v ?? '—' },
            ]),
        {
          title: t('screening.gapStatus'),
          dataIndex: 'status',
          width: mobile ? 96 : 120,
          render: (v: GapHousehold['status'], row) => (
            <>
              <Tag color={v === 'never' ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }}>
                {t(`screening.gapStatus.${v}`)}
              </Tag>
              {mobile && row.lastVisitAt && (
                <div style={{ color: '#8c8c8c', fontSize: 12 }}>{formatTime(row.lastVisitAt, locale)}</div>
              )}
            </>
          ),
        },
        ...(mobile
          ? []
          : [
              {
                title: t('screening.lastVisit'),
                dataIndex: 'lastVisitAt',
                width: 130,
                render: (v: string | null) => formatTime(v, locale),
              },
            ]),
      ]}
    />
  );
}
