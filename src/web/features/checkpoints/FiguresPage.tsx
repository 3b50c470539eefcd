import { Card, DatePicker, Segmented, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { useIsMobile } from '../../app/useIsMobile';
import { checkpointApi, type Figures, type FiguresBy } from './checkpointApi';

const NUMBERS = ['vehicles', 'people', 'fevers', 'turnedBack', 'referred'] as const;

/** 卡口日报: a local day's vehicles, people, fevers, turned back and referred, per site / township / village, with totals. */
export default function FiguresPage() {
  const { t } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  /** null: the server's today (the county's day, whatever the browser's zone) */
  const [day, setDay] = useState<Dayjs | null>(null);
  const [by, setBy] = useState<FiguresBy>('site');
  const [rows, setRows] = useState<Figures[] | null>(null);

  // the day asked for, as the effect's dependency: setting the day the server answered for (below) asks nothing new
  const dayKey = day?.format('YYYY-MM-DD');
  useEffect(() => {
    let cancelled = false;
    setRows(null);
    checkpointApi
      .figures({ day: dayKey, by })
      .then((r) => {
        if (cancelled) return;
        setRows(r.items);
        if (!dayKey) setDay(dayjs(r.day));
      })
      .catch((err: unknown) => {
        if (cancelled) return;
        feedback.error(err);
        setRows([]);
      });
    return () => {
      cancelled = true;
    };
  }, [dayKey, by, feedback]);

  const total = (key: (typeof NUMBERS)[number]) => (rows ?? []).reduce((sum, r) => sum + r[key], 0);

  return (
    <Card
      size={mobile ? 'small' : undefined}
      title={t('figures.title')}
      extra={
        <Space wrap>
          <DatePicker
            value={day}
            onChange={(d) => d && setDay(d)}
            allowClear={false}
            aria-label={t('figures.day')}
            data-testid="figures-day"
          />
        </Space>
      }
    >
      <Segmented
        value={by}
        onChange={(v) => setBy(v as FiguresBy)}
        options={(['site', 'township', 'village'] as const).map((b) => ({ value: b, label: t(`figures.by.${b}`) }))}
        style={{ marginBottom: 12 }}
        data-testid="figures-by"
      />
      <Table<Figures>
        data-testid="figures-table"
        size="small"
        loading={rows === null}
        dataSource={rows ?? []}
        rowKey={(r) => r.siteId ?? r.regionId ?? r.name}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('figures.name'), dataIndex: 'name', fixed: mobile ? 'left' : undefined },
          ...NUMBERS.map((key) => ({
            title: t(`figures.${key}`),
            dataIndex: key,
            align: 'right' as const,
            render: (n: number) =>
              key === 'fevers' && n > 0 ? (
                <Typography.Text type="danger" strong>
                  {n}
                </Typography.Text>
              ) : (
                n
              ),
          })),
        ]}
        summary={() =>
          rows && rows.length > 1 ? (
            <Table.Summary.Row data-testid="figures-total" style={{ fontWeight: 700, background: '#fafafa' }}>
              <Table.Summary.Cell index={0}>{t('figures.total')}</Table.Summary.Cell>
              {NUMBERS.map((key, i) => (
                <Table.Summary.Cell key={key} index={i + 1} align="right">
                  {total(key)}
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          ) : null
        }
      />
    </Card>
  );
}
