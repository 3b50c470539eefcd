import { ArrowUpOutlined, EditOutlined, FileTextOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Empty, Progress, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { DailyReportList, DailyReportUnit } from '../../../shared/daily-reports';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n, type MessageKey } from '../../app/i18n';
import { useIsMobile } from '../../app/useIsMobile';
import { STATUS_COLORS, dailyReportApi } from './dailyReportApi';

/**
 * 报送情况: one day's daily reports of a unit and its direct children — which villages (or
 * townships) have submitted, been reviewed or returned, and how far each child's own children
 * have got. The unit's own report is started here (起草); a child's is opened to review it, and a
 * township may start a village's for it (代填).
 * ?day= and ?region= keep the place, so a county can drill down to a township and back.
 */
export default function DailyReportListPage() {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const day = params.get('day') ?? undefined;
  const regionId = params.get('region') ?? undefined;
  const [list, setList] = useState<DailyReportList | null>(null);
  const [loading, setLoading] = useState(false);
  const [starting, setStarting] = useState<string | null>(null);

  useEffect(() => {
    let alive = true;
    setLoading(true);
    dailyReportApi
      .list({ day, regionId })
      .then((l) => alive && setList(l))
      .catch((err: unknown) => alive && feedback.error(err))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, [day, regionId, feedback]);

  const go = (next: { day?: string; region?: string | null }) => {
    const p: Record<string, string> = {};
    const d = next.day ?? day;
    const r = next.region === undefined ? regionId : next.region;
    if (d) p.day = d;
    if (r) p.region = r;
    setParams(p);
  };

  const start = async (u: DailyReportUnit) => {
    if (!list) return;
    setStarting(u.regionId);
    try {
      const report = await dailyReportApi.draft({ regionId: u.regionId, day: list.day });
      navigate(`/daily-reports/${report.id}`);
    } catch (err) {
      feedback.error(err);
    } finally {
      setStarting(null);
    }
  };

  const status = (u: DailyReportUnit) => (
    <Tag color={STATUS_COLORS[u.status]} data-testid={`dr-unit-status-${u.regionId}`}>
      {t(`dailyReport.status.${u.status}`)}
      {u.version > 0 ? ` · ${t('dailyReport.versionN', { n: u.version })}` : ''}
    </Tag>
  );
  const actions = (u: DailyReportUnit) => (
    <Space wrap size={4}>
      {u.reportId && (
        <Link to={`/daily-reports/${u.reportId}`} data-testid={`dr-open-${u.regionId}`}>
          <Button size="small" icon={<FileTextOutlined />}>
            {t('dailyReport.open')}
          </Button>
        </Link>
      )}
      {u.mayPrepare && (u.status === 'none' || u.status === 'draft' || u.status === 'returned') && (
        <Button
          size="small"
          type="primary"
          icon={<EditOutlined />}
          loading={starting === u.regionId}
          onClick={() => void start(u)}
          data-testid={`dr-start-${u.regionId}`}
        >
          {u.proxy ? t('dailyReport.fillIn') : u.status === 'none' ? t('dailyReport.start') : t('dailyReport.refresh')}
        </Button>
      )}
      {!u.self && u.childrenTotal > 0 && (
        <Button
          size="small"
          type="link"
          onClick={() => go({ region: u.regionId })}
          data-testid={`dr-drill-${u.regionId}`}
        >
          {t('dailyReport.drillDown')}
        </Button>
      )}
    </Space>
  );
  const progress = (u: DailyReportUnit) =>
    u.childrenTotal === 0 ? (
      '—'
    ) : (
      <div style={{ minWidth: 110 }}>
        <Progress
          size="small"
          percent={Math.round((u.childrenSubmitted / u.childrenTotal) * 100)}
          format={() => `${u.childrenSubmitted}/${u.childrenTotal}`}
        />
      </div>
    );
  const submitted = (u: DailyReportUnit) =>
    u.submittedAt ? (
      <Space size={4} wrap>
        <span>{`${formatTime(u.submittedAt, locale)} · ${u.submittedByName ?? '—'}`}</span>
        {u.submittedProxyUnit && <Tag color="purple">{t('dailyReport.proxyTag', { unit: u.submittedProxyUnit })}</Tag>}
      </Space>
    ) : (
      '—'
    );
  const name = (u: DailyReportUnit) => (
    <Space size={4}>
      <span>{u.name}</span>
      {u.self && <Tag>{t('dailyReport.self')}</Tag>}
    </Space>
  );

  return (
    <Card
      size={mobile ? 'small' : undefined}
      title={t('dailyReport.title')}
      extra={
        <Space wrap>
          {list?.region?.parentInScope && list.region.parentId && (
            <Button
              icon={<ArrowUpOutlined />}
              onClick={() => go({ region: list.region!.parentId })}
              data-testid="dr-up"
            >
              {t('dailyReport.up')}
            </Button>
          )}
          <DatePicker
            value={list ? dayjs(list.day) : null}
            onChange={(d) => d && go({ day: d.format('YYYY-MM-DD') })}
            disabledDate={(d) => !!list && d.format('YYYY-MM-DD') > list.today}
            allowClear={false}
            aria-label={t('dailyReport.day')}
            data-testid="dr-day"
          />
        </Space>
      }
    >
      {list?.region && (
        <Typography.Paragraph type="secondary">
          {list.region.name} · {list.day}
        </Typography.Paragraph>
      )}
      {list && list.units.length === 0 ? (
        <Empty description={t('dailyReport.noUnits')} />
      ) : (
        <Table<DailyReportUnit>
          data-testid="dr-units"
          rowKey="regionId"
          size="middle"
          loading={loading}
          dataSource={list?.units ?? []}
          pagination={false}
          onRow={(u) =>
            ({ 'data-testid': `dr-unit-${u.regionId}`, 'data-status': u.status }) as HTMLAttributes<HTMLElement>
          }
          columns={
            mobile
              ? [
                  {
                    key: 'm',
                    title: t('dailyReport.unit'),
                    render: (_, u) => (
                      <Space orientation="vertical" size={4}>
                        <div>
                          {name(u)} {status(u)}
                        </div>
                        {u.childrenTotal > 0 && progress(u)}
                        {actions(u)}
                      </Space>
                    ),
                  },
                ]
              : [
                  { title: t('dailyReport.unit'), key: 'name', render: (_, u) => name(u) },
                  {
                    title: t('dailyReport.levelTitle'),
                    key: 'level',
                    width: 120,
                    render: (_, u) => t(`dailyReport.level.${u.level}` as MessageKey),
                  },
                  { title: t('dailyReport.statusTitle'), key: 'status', width: 150, render: (_, u) => status(u) },
                  { title: t('dailyReport.submittedAt'), key: 'at', width: 190, render: (_, u) => submitted(u) },
                  { title: t('dailyReport.children'), key: 'children', width: 150, render: (_, u) => progress(u) },
                  { title: t('common.actions'), key: 'actions', width: 220, render: (_, u) => actions(u) },
                ]
          }
        />
      )}
    </Card>
  );
}
