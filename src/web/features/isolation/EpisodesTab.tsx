import { DatePicker, Input, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { EpisodeStatus, IsolationKind, type Episode } from '../../../shared/isolation';
import { PagedTable } from '../../app/components/PagedTable';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { usePaged } from '../../app/usePaged';
import { useIsMobile } from '../../app/useIsMobile';
import { Temperature } from './Temperature';
import { UnobservedPanel } from './UnobservedPanel';
import { lengthOf, placeOf } from './isolationApi';

export const STATUS_COLORS: Record<EpisodeStatus, string> = {
  active: 'blue',
  completed: 'green',
  hospital: 'red',
  lost: 'orange',
  ended_early: 'default',
};

/**
 * 隔离人员: episodes in my jurisdiction, newest first, filtered by status, kind, a name / pinyin /
 * ID or phone suffix and "ending by" a day (who leaves when); cursor-paged.
 */
export function EpisodesTab({ refreshKey }: { refreshKey: number }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const [status, setStatus] = useState<EpisodeStatus | undefined>('active');
  const [kind, setKind] = useState<IsolationKind | undefined>();
  const [q, setQ] = useState('');
  const [endingBy, setEndingBy] = useState<Dayjs | null>(null);
  const [changed, setChanged] = useState(0);
  const list = usePaged<Episode>(
    '/isolation/episodes',
    { status, kind, q: q.trim() || undefined, endingBy: endingBy?.format('YYYY-MM-DD'), limit: 50 },
    feedback.error,
    refreshKey + changed,
  );

  const name = (row: Episode) => (
    <Link to={`/isolation/episodes/${row.id}`} data-testid={`episode-link-${row.id}`}>
      {row.personName}
    </Link>
  );
  const day = (row: Episode) =>
    row.status === 'active' ? (
      t('isolation.dayOf', { n: Math.max(row.dayNumber, 0), total: lengthOf(row) })
    ) : (
      <Tag color={STATUS_COLORS[row.status]}>{t(`isolation.status.${row.status}`)}</Tag>
    );
  const missed = (n: number) =>
    n > 0 ? (
      <Typography.Text type="danger" strong>
        {n}
      </Typography.Text>
    ) : (
      '0'
    );

  return (
    <>
      <UnobservedPanel refreshKey={refreshKey} onChanged={() => setChanged((n) => n + 1)} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('isolation.searchPlaceholder')}
          onSearch={setQ}
          style={{ width: mobile ? '100%' : 260 }}
          data-testid="episodes-search"
        />
        <Select
          allowClear
          value={status}
          onChange={setStatus}
          placeholder={t('isolation.status')}
          style={{ width: 130 }}
          options={EpisodeStatus.options.map((s) => ({ value: s, label: t(`isolation.status.${s}`) }))}
          data-testid="episodes-status"
        />
        <Select
          allowClear
          value={kind}
          onChange={setKind}
          placeholder={t('isolation.kind')}
          style={{ width: 130 }}
          options={IsolationKind.options.map((k) => ({ value: k, label: t(`isolation.kind.${k}`) }))}
        />
        <DatePicker value={endingBy} onChange={setEndingBy} placeholder={t('isolation.endingBy')} />
      </Space>
      <PagedTable<Episode>
        list={list}
        data-testid="episodes-table"
        rowKey="id"
        size="middle"
        scroll={mobile ? undefined : { x: 1300 }}
        locale={{ emptyText: t('isolation.noEpisodes') }}
        onRow={(row) => ({ 'data-testid': `episode-${row.id}` }) as HTMLAttributes<HTMLElement>}
        columns={
          mobile
            ? [
                {
                  title: t('isolation.person'),
                  key: 'person',
                  render: (_, row) => (
                    <div>
                      <Space size={6} wrap>
                        {name(row)}
                        <Tag>{t(`isolation.kind.${row.kind}`)}</Tag>
                        {day(row)}
                      </Space>
                      <div style={{ fontSize: 12, color: '#666' }}>{placeOf(row)}</div>
                      <Space size={12} style={{ fontSize: 12 }}>
                        <span>
                          {t('isolation.lastTemp')}：<Temperature value={row.lastTemperature} />
                        </span>
                        <span>
                          {t('isolation.missed')}：{missed(row.missedCount)}
                        </span>
                      </Space>
                    </div>
                  ),
                },
              ]
            : [
                {
                  title: t('isolation.person'),
                  dataIndex: 'personName',
                  width: 100,
                  fixed: 'left',
                  render: (_, row) => name(row),
                },
                {
                  title: t('persons.idNumber'),
                  dataIndex: 'idNumber',
                  width: 180,
                  render: (v: string | null) => v ?? '—',
                },
                {
                  title: t('isolation.kind'),
                  dataIndex: 'kind',
                  width: 90,
                  render: (v: IsolationKind) => t(`isolation.kind.${v}`),
                },
                { title: t('isolation.place'), key: 'place', width: 220, render: (_, row) => placeOf(row) },
                { title: t('isolation.day'), key: 'day', width: 110, render: (_, row) => day(row) },
                {
                  title: t('isolation.period'),
                  key: 'period',
                  width: 190,
                  render: (_, row) => `${row.startDay} ~ ${row.plannedEndDay}`,
                },
                {
                  title: t('isolation.lastTemp'),
                  dataIndex: 'lastTemperature',
                  width: 90,
                  render: (v: number | null) => <Temperature value={v} />,
                },
                { title: t('isolation.missed'), dataIndex: 'missedCount', width: 70, render: missed },
                {
                  title: t('isolation.observer'),
                  dataIndex: 'observerName',
                  width: 100,
                  render: (v: string | null) =>
                    v ?? <Typography.Text type="secondary">{t('isolation.noObserver')}</Typography.Text>,
                },
                {
                  title: t('isolation.reason'),
                  dataIndex: 'reason',
                  render: (v: Episode['reason']) => t(`isolation.reason.${v}`),
                },
              ]
        }
      />
    </>
  );
}
