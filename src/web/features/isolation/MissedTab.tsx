import { Alert, Col, Row, Spin, Table, Tag, Typography } from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import type { MissedSlot } from '../../../shared/isolation';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useIsMobile } from '../../app/useIsMobile';
import { isolationApi, type Missed } from './isolationApi';

/**
 * 缺报: every follow-up past its window and grace without a report, counted per observer and per
 * village; two or more in a row (what escalates to the township) stand out in red.
 */
export function MissedTab({ refreshKey }: { refreshKey: number }) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const [missed, setMissed] = useState<Missed | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey is a "load again" signal: the body need not read it, but a new value must refetch
  useEffect(() => {
    let cancelled = false;
    isolationApi
      .missed()
      .then((m) => !cancelled && setMissed(m))
      .catch((err: unknown) => !cancelled && feedback.error(err));
    return () => {
      cancelled = true;
    };
  }, [feedback, refreshKey]);

  if (!missed) return <Spin />;
  const escalated = new Set(missed.items.filter((i) => i.streak >= 2).map((i) => i.episodeId)).size;

  return (
    <div data-testid="missed">
      <Alert
        type={missed.total ? (escalated ? 'error' : 'warning') : 'success'}
        showIcon
        title={missed.total ? t('isolation.missedTotal', { n: missed.total }) : t('isolation.missedNone')}
        description={escalated ? t('isolation.missedEscalated', { n: escalated }) : undefined}
        style={{ marginBottom: 12 }}
      />
      {missed.total > 0 && (
        <>
          <Row gutter={[16, 16]}>
            <Col xs={24} md={12}>
              <Typography.Title level={5}>{t('isolation.missedByObserver')}</Typography.Title>
              <Table
                size="small"
                rowKey={(r) => r.observerId ?? '-'}
                pagination={false}
                dataSource={missed.byObserver}
                columns={[
                  {
                    title: t('isolation.observer'),
                    dataIndex: 'observerName',
                    render: (v: string | null) => v ?? t('isolation.noObserver'),
                  },
                  { title: t('isolation.missedCount'), dataIndex: 'missed', width: 90, align: 'right' },
                ]}
              />
            </Col>
            <Col xs={24} md={12}>
              <Typography.Title level={5}>{t('isolation.missedByUnit')}</Typography.Title>
              <Table
                size="small"
                rowKey={(r) => r.regionId ?? '-'}
                pagination={false}
                dataSource={missed.byUnit}
                columns={[
                  { title: t('isolation.unit'), dataIndex: 'regionName', render: (v: string | null) => v ?? '—' },
                  { title: t('isolation.missedCount'), dataIndex: 'missed', width: 90, align: 'right' },
                ]}
              />
            </Col>
          </Row>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('isolation.missedItems')}
          </Typography.Title>
          <Table<MissedSlot>
            size="small"
            rowKey="slotId"
            pagination={false}
            dataSource={missed.items}
            scroll={mobile ? { x: 640 } : undefined}
            onRow={(row) =>
              ({
                style: row.streak >= 2 ? { background: '#fff1f0' } : undefined,
                'data-testid': `missed-${row.slotId}`,
              }) as HTMLAttributes<HTMLElement>
            }
            columns={[
              {
                title: t('isolation.person'),
                dataIndex: 'personName',
                width: 100,
                render: (v: string, row) => <Link to={`/isolation/episodes/${row.episodeId}`}>{v}</Link>,
              },
              {
                title: t('isolation.slot'),
                key: 'slot',
                width: 150,
                render: (_, row) => t('isolation.slotOfDay', { day: row.day, seq: row.seq }),
              },
              {
                title: t('isolation.dueTo'),
                dataIndex: 'dueTo',
                width: 140,
                render: (v: string) => formatTime(v, locale),
              },
              {
                title: t('isolation.streak'),
                dataIndex: 'streak',
                width: 110,
                render: (v: number) => (v >= 2 ? <Tag color="red">{t('isolation.streakN', { n: v })}</Tag> : v),
              },
              {
                title: t('isolation.observer'),
                dataIndex: 'observerName',
                width: 100,
                render: (v: string | null) => v ?? t('isolation.noObserver'),
              },
              { title: t('isolation.unit'), dataIndex: 'regionName', render: (v: string | null) => v ?? '—' },
            ]}
          />
          {missed.items.length < missed.total && (
            <Typography.Text type="secondary">
              {t('isolation.missedShown', { shown: missed.items.length, total: missed.total })}
            </Typography.Text>
          )}
        </>
      )}
    </div>
  );
}
