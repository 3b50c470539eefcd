import { RightOutlined } from '@ant-design/icons';
import { Progress, Table, Typography } from 'antd';
import type { HTMLAttributes } from 'react';
import type { CoverageRow } from '../../../shared/screening';
import { useI18n } from '../../app/i18n';
import { useIsMobile } from '../../app/useIsMobile';
import { rateColor } from './rateColor';

/** Green when done, blue on the way, orange behind, red barely started. */
export { rateColor };

interface Props {
  rows: CoverageRow[];
  loading: boolean;
  /** Drill into a row (one level deeper, or its gaps below grid level). */
  onOpen: (row: CoverageRow) => void;
}

/** For sorting: a unit without households has nothing to cover and goes last. */
const sortRate = (row: CoverageRow) => (row.households ? row.rate : 2);

/**
 * Coverage per township, village or grid: households, visited, not home, never visited, and the
 * rate as a bar. Sorted worst first, so the units falling behind are on top. At phone width only
 * the name, the never-visited count and the bar (with visited / households) remain.
 */
export function CoverageTable({ rows, loading, onOpen }: Props) {
  const { t } = useI18n();
  const mobile = useIsMobile();
  const num = (key: 'households' | 'visited' | 'notHome' | 'never') => ({
    dataIndex: key,
    width: 76,
    align: 'right' as const,
    sorter: (a: CoverageRow, b: CoverageRow) => a[key] - b[key],
  });
  return (
    <Table<CoverageRow>
      data-testid="coverage-table"
      rowKey="regionId"
      size="small"
      loading={loading}
      dataSource={rows}
      pagination={rows.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
      scroll={mobile ? undefined : { x: 600 }}
      onRow={(row) =>
        ({
          onClick: () => onOpen(row),
          style: { cursor: 'pointer' },
          'data-testid': `coverage-${row.code}`,
        }) as HTMLAttributes<HTMLElement>
      }
      columns={[
        {
          title: t('regions.name'),
          dataIndex: 'name',
          sorter: (a, b) => a.code.localeCompare(b.code),
          render: (v: string) => (
            <Typography.Link>
              {v} <RightOutlined style={{ fontSize: 10 }} />
            </Typography.Link>
          ),
        },
        ...(mobile
          ? []
          : [
              { title: t('screening.households'), ...num('households') },
              { title: t('screening.visited'), ...num('visited') },
              {
                title: t('screening.notHome'),
                ...num('notHome'),
                render: (v: number) => (v ? <Typography.Text type="warning">{v}</Typography.Text> : v),
              },
            ]),
        {
          title: t('screening.never'),
          ...num('never'),
          render: (v: number) =>
            v ? (
              <Typography.Text type="danger" strong>
                {v}
              </Typography.Text>
            ) : (
              v
            ),
        },
        {
          title: t('screening.rate'),
          dataIndex: 'rate',
          width: mobile ? 130 : 150,
          defaultSortOrder: 'ascend',
          sorter: (a, b) => sortRate(a) - sortRate(b) || b.never - a.never,
          render: (rate: number, row) =>
            row.households ? (
              <Progress
                percent={Math.floor(rate * 1000) / 10}
                size="small"
                strokeColor={rateColor(rate)}
                format={(p) => (mobile ? `${row.visited}/${row.households}` : `${p}%`)}
              />
            ) : (
              <Typography.Text type="secondary">{t('screening.noHouseholds')}</Typography.Text>
            ),
        },
      ]}
    />
  );
}
