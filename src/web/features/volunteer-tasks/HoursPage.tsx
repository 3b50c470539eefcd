import { Button, Card, DatePicker, Segmented, Space, Table, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { HoursEntry, Recognition, Totals } from '../../../shared/volunteer-tasks';
import { PagedTable } from '../../app/components/PagedTable';
import { useFeedback } from '../../app/feedback';
import { countyToday, formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { usePaged } from '../../app/usePaged';
import { HoursDecisionButtons } from './HoursDecisionButtons';
import { hoursText, volunteerTasksApi } from './volunteerTasksApi';

const STARS = ['vtasks.star.1', 'vtasks.star.2', 'vtasks.star.3', 'vtasks.star.4', 'vtasks.star.5'] as const;

/**
 * 服务时长: hours waiting for the lead's approval, totals over a period (approved; pending apart) per
 * person, group, team or township, and the volunteer service stars, each with 出具证明.
 */
export default function HoursPage() {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const [refresh, setRefresh] = useState(0);
  const pending = usePaged<HoursEntry>('/volunteer-hours', { status: 'pending' }, feedback.error, refresh);
  const [by, setBy] = useState<Totals['by']>('person');
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [countyToday().subtract(29, 'day'), countyToday()]);
  const [totals, setTotals] = useState<Totals | null>(null);
  const [stars, setStars] = useState<Recognition[] | null>(null);
  const from = range[0].format('YYYY-MM-DD');
  const to = range[1].format('YYYY-MM-DD');

  const load = useCallback(() => {
    volunteerTasksApi.totals(by, from, to).then(setTotals, feedback.error);
    volunteerTasksApi.recognition().then(setStars, feedback.error);
  }, [by, from, to, feedback]);
  useEffect(load, [load]);
  const changed = () => {
    setRefresh((n) => n + 1);
    load();
  };
  const issue = async (personId: string) => {
    try {
      const cert = await volunteerTasksApi.issueCertificate({ personId, from, to });
      navigate(`/volunteer-certificates/${cert.id}`);
    } catch (err) {
      feedback.error(err);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card title={t('vtasks.pendingTitle')} extra={<Link to="/volunteer-tasks">{t('vtasks.back')}</Link>}>
        <PagedTable<HoursEntry>
          list={pending}
          rowKey="id"
          size="small"
          scroll={{ x: true }}
          locale={{ emptyText: t('vtasks.noPending') }}
          columns={[
            { title: t('vtasks.name'), dataIndex: 'name' },
            { title: t('vtasks.kind'), render: (_, h) => h.taskTitle ?? t(`vtasks.kind.${h.kind}`) },
            { title: t('vtasks.checkInAt'), render: (_, h) => formatTime(h.checkInAt, locale) },
            { title: t('vtasks.checkOutAt'), render: (_, h) => formatTime(h.checkOutAt, locale) },
            {
              title: t('vtasks.duration'),
              render: (_, h) => (
                <Space size={4}>
                  {hoursText(h.minutes, locale)}
                  {h.autoClosed && <Tag color="red">{t('vtasks.autoClosed')}</Tag>}
                </Space>
              ),
            },
            { title: '', render: (_, h) => <HoursDecisionButtons entry={h} onDone={changed} /> },
          ]}
        />
      </Card>
      <Card title={t('vtasks.totalsTitle')}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Segmented<Totals['by']>
            value={by}
            onChange={setBy}
            options={(['person', 'group', 'team', 'township'] as const).map((b) => ({
              value: b,
              label: t(`vtasks.by.${b}`),
            }))}
          />
          <DatePicker.RangePicker
            value={range}
            allowClear={false}
            inputReadOnly
            onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          />
        </Space>
        <Table
          rowKey="key"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          loading={totals === null}
          dataSource={totals?.rows ?? []}
          data-testid="vtask-totals"
          columns={[
            { title: t(`vtasks.by.${by}`), dataIndex: 'name' },
            { title: t('vtasks.approvedHours'), render: (_, r) => hoursText(r.approvedMinutes, locale) },
            { title: t('vtasks.pendingHours'), render: (_, r) => hoursText(r.pendingMinutes, locale) },
            { title: t('vtasks.entries'), dataIndex: 'entries' },
          ]}
        />
      </Card>
      <Card title={t('vtasks.starsTitle')}>
        <Table<Recognition>
          rowKey="personId"
          size="small"
          scroll={{ x: true }}
          loading={stars === null}
          dataSource={stars ?? []}
          columns={[
            { title: t('vtasks.name'), dataIndex: 'name' },
            { title: t('vtasks.idNumber'), render: (_, r) => r.idNumber ?? '—' },
            { title: t('vtasks.approvedHours'), render: (_, r) => hoursText(r.approvedMinutes, locale) },
            { title: t('vtasks.pendingHours'), render: (_, r) => hoursText(r.pendingMinutes, locale) },
            {
              title: t('vtasks.stars'),
              render: (_, r) => (r.stars > 0 ? <Tag color="gold">{t(STARS[r.stars - 1]!)}</Tag> : '—'),
            },
            {
              title: t('vtasks.nextStar'),
              render: (_, r) => (r.nextStarHours === null ? '—' : t('vtasks.nextStarHours', { n: r.nextStarHours })),
            },
            {
              title: '',
              render: (_, r) =>
                r.approvedMinutes > 0 ? (
                  <Button size="small" onClick={() => issue(r.personId)} data-testid={`vtask-certify-${r.name}`}>
                    {t('vtasks.issueCertificate')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
    </Space>
  );
}
