import { ArrowUpOutlined, DownloadOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Space, Statistic, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  MOBILISATION_METRICS,
  type CalloutTimes,
  type PartyGiving,
  type MobilisationMetric,
  type MobilisationOverview,
} from '../../../shared/mobilisation';
import { CALLOUT_STANDARD_MINUTES } from '../../../shared/callouts';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { useIsMobile } from '../../app/useIsMobile';
import { mobilisationApi } from './mobilisationApi';
import { countyToday } from '../../app/format';

type Row = MobilisationOverview['children'][number];

/** The figures on the cards above the table, as the organisation department reads them. */
const HEADLINE: readonly MobilisationMetric[] = [
  'partyMembersOnDuty',
  'membersReported',
  'tempBranches',
  'callouts',
  'volunteersActive',
  'volunteerHours',
];

/** The call-out times' columns: minutes to the first acknowledgement and to arrival, share complete in 15 minutes. */
const TIMES = ['medianFirstAckSeconds', 'medianArriveSeconds', 'withinStandardShare'] as const;
type TimeKey = (typeof TIMES)[number];
/** party members' donations: yuan today, yuan up to the day, members who gave */
const GIVING = ['moneyToday', 'money', 'members'] as const;
type GivingKey = (typeof GIVING)[number];

/**
 * 动员统计: the organisation department's figures for a region on a local day — party members at
 * the front line, 报到, temporary branches and their flags, teams and call-outs, volunteers and
 * hours — one row per child region (click to go down, the arrow to go back up), with the .xlsx.
 * The same roll-ups as the big screen and the daily report: nothing here is typed.
 */
export default function MobilisationPage() {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const region = params.get('region') ?? undefined;
  const dayParam = params.get('day') ?? undefined;
  const [data, setData] = useState<MobilisationOverview | null>(null);
  const [loading, setLoading] = useState(true);
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    mobilisationApi
      .overview({ region, day: dayParam })
      .then((r) => !cancelled && setData(r))
      .catch((err: unknown) => !cancelled && feedback.error(err))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [region, dayParam, feedback]);

  const go = (next: { region?: string | null; day?: string | null }) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else if (v === null) p.delete(k);
    }
    setParams(p);
  };
  const label = (m: MobilisationMetric) => t(`dailyReport.metric.${m}`);
  const timeLabel = (k: TimeKey) =>
    k === 'medianFirstAckSeconds'
      ? t('mobilisation.calloutFirstAck')
      : k === 'medianArriveSeconds'
        ? t('mobilisation.calloutArrive')
        : t('mobilisation.calloutWithinStandard', { m: CALLOUT_STANDARD_MINUTES });
  const timeText = (times: CalloutTimes | null, k: TimeKey) => {
    const v = times?.[k] ?? null;
    if (v === null) return '—';
    return k === 'withinStandardShare'
      ? `${Math.round(v * 100)}%`
      : t('mobilisation.minutesValue', { n: (v / 60).toFixed(1) });
  };
  const givingText = (g: PartyGiving | null, k: GivingKey) =>
    g === null ? '—' : k === 'members' ? String(g.members) : g[k].toLocaleString(locale === 'en' ? 'en-US' : 'zh-CN');
  const exportXlsx = async () => {
    setExporting(true);
    try {
      await mobilisationApi.exportXlsx({ region, day: dayParam });
    } catch (err) {
      feedback.error(err);
    } finally {
      setExporting(false);
    }
  };

  return (
    <Card
      size={mobile ? 'small' : undefined}
      title={
        <Space>
          {data?.parentId && (
            <Button
              size="small"
              icon={<ArrowUpOutlined />}
              onClick={() => go({ region: data.parentId })}
              data-testid="mobilisation-up"
              aria-label={t('mobilisation.up')}
            />
          )}
          <span data-testid="mobilisation-title">
            {data ? t('mobilisation.titleOf', { name: data.region.name }) : t('mobilisation.title')}
          </span>
        </Space>
      }
      extra={
        <Space wrap>
          <DatePicker
            value={data ? dayjs(data.day) : null}
            onChange={(d: Dayjs | null) => d && go({ day: d.format('YYYY-MM-DD') })}
            disabledDate={(d) => d.isAfter(countyToday().add(1, 'day'), 'day')}
            allowClear={false}
            aria-label={t('mobilisation.day')}
            data-testid="mobilisation-day"
          />
          <Button
            icon={<DownloadOutlined />}
            loading={exporting}
            onClick={exportXlsx}
            data-testid="mobilisation-export"
          >
            {t('mobilisation.export')}
          </Button>
        </Space>
      }
    >
      <Space size={[32, 12]} wrap style={{ marginBottom: 16 }} data-testid="mobilisation-headline">
        {HEADLINE.map((m) => (
          <Statistic
            key={m}
            title={label(m)}
            value={data?.region.figures[m] ?? 0}
            loading={loading && !data}
            data-testid={`mobilisation-${m}`}
          />
        ))}
        {TIMES.map((k) => (
          <Statistic
            key={k}
            title={timeLabel(k)}
            value={timeText(data?.region.calloutTimes ?? null, k)}
            loading={loading && !data}
            data-testid={`mobilisation-${k}`}
          />
        ))}
      </Space>
      {data?.region.partyGiving && (
        <Space wrap size="large" style={{ marginBottom: 12 }}>
          {GIVING.map((k) => (
            <Statistic
              key={k}
              title={t(`mobilisation.giving.${k}`)}
              value={givingText(data.region.partyGiving, k)}
              data-testid={`mobilisation-giving-${k}`}
            />
          ))}
        </Space>
      )}
      {data && data.region.figures.tempBranchesFlagged > 0 && (
        <Typography.Paragraph type="warning" data-testid="mobilisation-flags">
          {t('mobilisation.flags', { n: data.region.figures.tempBranchesFlagged })}
        </Typography.Paragraph>
      )}
      <Table<Row>
        data-testid="mobilisation-table"
        size="small"
        loading={loading}
        dataSource={data?.children ?? []}
        rowKey="id"
        pagination={false}
        scroll={{ x: 'max-content' }}
        onRow={(r) => ({
          onClick: () => r.level !== 'grid' && go({ region: r.id }),
          style: { cursor: r.level !== 'grid' ? 'pointer' : undefined },
          'data-name': r.name,
        })}
        locale={{ emptyText: t('mobilisation.noChildren') }}
        columns={[
          {
            title: t('mobilisation.region'),
            dataIndex: 'name',
            fixed: mobile ? undefined : 'left',
            render: (name: string, r) => (r.level !== 'grid' ? <Typography.Link>{name}</Typography.Link> : name),
          },
          ...MOBILISATION_METRICS.map((m) => ({
            title: label(m),
            key: m,
            align: 'right' as const,
            render: (_: unknown, r: Row) =>
              m === 'tempBranchesFlagged' && r.figures[m] > 0 ? (
                <Typography.Text type="warning" strong>
                  {r.figures[m]}
                </Typography.Text>
              ) : (
                r.figures[m]
              ),
          })),
          ...TIMES.map((k) => ({
            title: timeLabel(k),
            key: k,
            align: 'right' as const,
            render: (_: unknown, r: Row) => timeText(r.calloutTimes, k),
          })),
          ...GIVING.map((k) => ({
            title: t(`mobilisation.giving.${k}`),
            key: `giving-${k}`,
            align: 'right' as const,
            render: (_: unknown, r: Row) => givingText(r.partyGiving, k),
          })),
        ]}
        summary={() =>
          data && data.children.length > 0 ? (
            <Table.Summary.Row data-testid="mobilisation-total" style={{ fontWeight: 700, background: '#fafafa' }}>
              <Table.Summary.Cell index={0}>{t('mobilisation.total')}</Table.Summary.Cell>
              {MOBILISATION_METRICS.map((m, i) => (
                <Table.Summary.Cell key={m} index={i + 1} align="right">
                  {data.region.figures[m]}
                </Table.Summary.Cell>
              ))}
              {TIMES.map((k, i) => (
                <Table.Summary.Cell key={k} index={MOBILISATION_METRICS.length + i + 1} align="right">
                  {timeText(data.region.calloutTimes, k)}
                </Table.Summary.Cell>
              ))}
              {GIVING.map((k, i) => (
                <Table.Summary.Cell key={k} index={MOBILISATION_METRICS.length + TIMES.length + i + 1} align="right">
                  {givingText(data.region.partyGiving, k)}
                </Table.Summary.Cell>
              ))}
            </Table.Summary.Row>
          ) : null
        }
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
        {t('mobilisation.note')} {t('mobilisation.calloutTimesNote', { m: CALLOUT_STANDARD_MINUTES })}
      </Typography.Paragraph>
    </Card>
  );
}
