import { SettingOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Empty, List, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { ZeroReportStatus } from '../../../shared/zero-reports';
import { useMe } from '../../app/auth';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { useIsMobile } from '../../app/useIsMobile';
import { useAlerts } from '../alerts/AlertsProvider';
import { TownshipHeatmap, TrendChart } from './ZeroReportCharts';
import { ZeroReportSettingsModal } from './ZeroReportSettingsModal';
import { percent, zeroReportApi } from './zeroReportApi';

const POLL_MS = 30_000;
type TownshipRow = ZeroReportStatus['townships'][number];
type MissingRow = ZeroReportStatus['missing'][number];

/**
 * 零报告督办: the command centre's live view of the day's zero reports — which units have not
 * reported (late once the deadline has passed, escalated to their 包保 answerable person), each
 * township's completeness and timeliness today, and the last 14 days as a trend and a heatmap.
 * Refreshes every 30 seconds and at once when an alert (an escalation, a fever) arrives.
 */
export default function ZeroReportStatusPage() {
  const me = useMe();
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const { generation } = useAlerts();
  const [params, setParams] = useSearchParams();
  /** null: the server's today (the county's day); ?day=YYYY-MM-DD picks another */
  const day = /^\d{4}-\d{2}-\d{2}$/.test(params.get('day') ?? '') ? params.get('day') : null;
  const setDay = (d: string) => setParams({ day: d }, { replace: true });
  const [status, setStatus] = useState<ZeroReportStatus | null>(null);
  const [refreshedAt, setRefreshedAt] = useState<string | null>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);

  const load = useCallback(() => {
    zeroReportApi
      .status({ day: day ?? undefined })
      .then((s) => {
        setStatus(s);
        setRefreshedAt(new Date().toISOString());
      })
      .catch((err: unknown) => feedback.error(err));
  }, [day, feedback]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation is a "load again" signal: the body need not read it, but a new value must refetch
  useEffect(() => {
    load();
    const timer = setInterval(load, POLL_MS);
    return () => clearInterval(timer);
  }, [load, generation]);

  const names = new Map(
    (status?.townships ?? []).map((r) => [r.townshipId, r.name ?? t('zeroReport.status.countyLevel')]),
  );
  const heatmapRows = [...new Set((status?.history ?? []).flatMap((h) => h.townships.map((r) => r.townshipId)))].map(
    (id) => ({ townshipId: id, name: names.get(id) ?? t('zeroReport.status.countyLevel') }),
  );
  const totals = status?.totals;

  return (
    <Space orientation="vertical" size={mobile ? 8 : 16} style={{ width: '100%' }}>
      <Card
        size={mobile ? 'small' : undefined}
        title={t('zeroReport.status.title')}
        extra={
          <Space wrap>
            <DatePicker
              value={status ? dayjs(status.day) : null}
              onChange={(d) => d && setDay(d.format('YYYY-MM-DD'))}
              allowClear={false}
              aria-label={t('zeroReport.status.day')}
              data-testid="zr-status-day"
            />
            {can.setZeroReports(me.role) && (
              <Button
                icon={<SettingOutlined />}
                onClick={() => setSettingsOpen(true)}
                aria-label={t('zeroReport.settings.title')}
              />
            )}
          </Space>
        }
      >
        {status && totals && (
          <>
            <Row gutter={[12, 12]} data-testid="zr-totals">
              <Col xs={8} md={4}>
                <Statistic title={t('zeroReport.status.units')} value={totals.units} />
              </Col>
              <Col xs={8} md={4}>
                <Statistic title={t('zeroReport.status.reported')} value={totals.reported} />
              </Col>
              <Col xs={8} md={4}>
                <Statistic title={t('zeroReport.status.onTime')} value={totals.onTime} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('zeroReport.status.completeness')} value={percent(totals.reported, totals.units)} />
              </Col>
              <Col xs={12} md={6}>
                <Statistic title={t('zeroReport.status.timeliness')} value={percent(totals.onTime, totals.units)} />
              </Col>
            </Row>
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8, fontSize: 12 }}>
              {t('zeroReport.status.deadline', { deadline: status.deadline })} ·{' '}
              {t(status.deadlinePassed ? 'zeroReport.status.afterDeadline' : 'zeroReport.status.beforeDeadline')}
              {refreshedAt && ` · ${t('zeroReport.status.refreshed', { time: formatTime(refreshedAt, locale) })}`}
            </Typography.Text>
          </>
        )}
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title={`${t('zeroReport.status.missing')}${status ? ` (${status.missing.length})` : ''}`}>
            <Table<MissingRow>
              data-testid="zr-missing"
              size="small"
              loading={!status}
              dataSource={status?.missing ?? []}
              rowKey={(r) => `${r.unitType}:${r.unitId}`}
              pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
              scroll={{ x: 'max-content' }}
              locale={{
                emptyText: (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('zeroReport.status.missingNone')} />
                ),
              }}
              columns={[
                {
                  title: t('zeroReport.status.unit'),
                  dataIndex: 'name',
                  render: (name: string, r) => (
                    <Space size={4} wrap>
                      <span>{name}</span>
                      <Tag>{t(`zeroReport.unitType.${r.unitType}`)}</Tag>
                      <Tag color={status?.deadlinePassed ? 'red' : 'default'}>
                        {t(status?.deadlinePassed ? 'zeroReport.status.late' : 'zeroReport.status.notYet')}
                      </Tag>
                    </Space>
                  ),
                },
                {
                  title: t('zeroReport.status.township'),
                  dataIndex: 'townshipName',
                  render: (v: string | null) => v ?? t('zeroReport.status.countyLevel'),
                },
                {
                  title: t('zeroReport.status.answerable'),
                  key: 'answerable',
                  render: (_: unknown, r) =>
                    r.answerable ? (
                      <span>
                        {r.answerable.name}
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          （{r.answerable.post}
                          {r.answerable.phone ? ` ${r.answerable.phone}` : ''}）
                        </Typography.Text>
                      </span>
                    ) : (
                      <Typography.Text type="warning">{t('zeroReport.status.noAnswerable')}</Typography.Text>
                    ),
                },
                {
                  title: '',
                  key: 'escalated',
                  render: (_: unknown, r) =>
                    r.escalated ? <Tag color="volcano">{t('zeroReport.status.escalated')}</Tag> : null,
                },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('zeroReport.status.latest')}>
            <List
              data-testid="zr-latest"
              size="small"
              dataSource={status?.latest ?? []}
              locale={{ emptyText: t('zeroReport.status.latestNone') }}
              renderItem={(r) => (
                <List.Item>
                  <Space size={4} wrap>
                    <span>{r.name}</span>
                    <Tag color={r.onTime ? 'green' : 'orange'}>
                      {t(r.onTime ? 'zeroReport.status.onTimeTag' : 'zeroReport.status.lateTag')}
                    </Tag>
                    {r.version > 1 && <Tag>{t('zeroReport.status.version', { version: r.version })}</Tag>}
                  </Space>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatTime(r.submittedAt, locale)}
                  </Typography.Text>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>

      <Card size="small" title={t('zeroReport.status.byTownship')}>
        <Table<TownshipRow>
          data-testid="zr-townships"
          size="small"
          loading={!status}
          dataSource={status?.townships ?? []}
          rowKey={(r) => r.townshipId ?? 'county'}
          pagination={false}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: t('zeroReport.status.township'),
              dataIndex: 'name',
              render: (v: string | null) => v ?? t('zeroReport.status.countyLevel'),
            },
            { title: t('zeroReport.status.units'), dataIndex: 'units', align: 'right' },
            { title: t('zeroReport.status.reported'), dataIndex: 'reported', align: 'right' },
            {
              title: t('zeroReport.status.completeness'),
              key: 'completeness',
              align: 'right',
              render: (_: unknown, r) => <RateCell part={r.reported} whole={r.units} />,
            },
            { title: t('zeroReport.status.onTime'), dataIndex: 'onTime', align: 'right' },
            {
              title: t('zeroReport.status.timeliness'),
              key: 'timeliness',
              align: 'right',
              render: (_: unknown, r) => <RateCell part={r.onTime} whole={r.units} />,
            },
          ]}
          summary={() =>
            totals && (status?.townships.length ?? 0) > 1 ? (
              <Table.Summary.Row style={{ fontWeight: 700, background: '#fafafa' }}>
                <Table.Summary.Cell index={0}>{t('zeroReport.status.total')}</Table.Summary.Cell>
                <Table.Summary.Cell index={1} align="right">
                  {totals.units}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={2} align="right">
                  {totals.reported}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">
                  {percent(totals.reported, totals.units)}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">
                  {totals.onTime}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">
                  {percent(totals.onTime, totals.units)}
                </Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>

      {status && (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={10}>
            <Card size="small" title={t('zeroReport.status.trend')}>
              <TrendChart history={status.history} />
            </Card>
          </Col>
          <Col xs={24} lg={14}>
            <Card size="small" title={t('zeroReport.status.heatmap')}>
              <TownshipHeatmap history={status.history} townships={heatmapRows} />
            </Card>
          </Col>
        </Row>
      )}
      {settingsOpen && (
        <ZeroReportSettingsModal
          onClose={(saved) => {
            setSettingsOpen(false);
            if (saved) load();
          }}
        />
      )}
    </Space>
  );
}

/** A rate, red below 90%. */
function RateCell({ part, whole }: { part: number; whole: number }) {
  const text = percent(part, whole);
  return whole > 0 && part / whole < 0.9 ? (
    <Typography.Text type="danger" strong>
      {text}
    </Typography.Text>
  ) : (
    <span>{text}</span>
  );
}
