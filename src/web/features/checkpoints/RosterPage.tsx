import { CalendarOutlined, UserAddOutlined, WarningFilled } from '@ant-design/icons';
import { Alert, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { Site } from '../../../shared/checkpoints';
import { useMe } from '../../app/auth';
import { useFeedback } from '../../app/feedback';
import { formatShortTime, formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { useIsMobile } from '../../app/useIsMobile';
import { checkpointApi, type RosterGap, type RosterPerson, type Shift } from './checkpointApi';
import { AssignModal, PlanModal } from './RosterModals';

/**
 * 值班排班: the next 48 hours of each site's shifts and who is on them, check-in/out, and — first —
 * the hours no one is on duty at a 24-hour checkpoint (无人值守), which the command centre must fill.
 */
export default function RosterPage() {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const me = useMe();
  const manage = can.manageSites(me.role);
  const [params, setParams] = useSearchParams();
  const siteId = params.get('siteId') ?? undefined;
  const [sites, setSites] = useState<Site[]>([]);
  const [shifts, setShifts] = useState<Shift[] | null>(null);
  const [gaps, setGaps] = useState<RosterGap[] | null>(null);
  const [planning, setPlanning] = useState(false);
  const [assigning, setAssigning] = useState<Shift | null>(null);

  const load = useCallback(() => {
    checkpointApi
      .roster({ siteId })
      .then(setShifts)
      .catch((err: unknown) => {
        feedback.error(err);
        setShifts([]);
      });
    checkpointApi
      .gaps()
      .then(setGaps)
      .catch(() => setGaps([]));
  }, [siteId, feedback]);
  useEffect(load, [load]);
  useEffect(() => {
    checkpointApi.sites({ status: 'active' }).then(setSites).catch(feedback.error);
  }, [feedback]);

  const check = async (person: RosterPerson, what: 'in' | 'out') => {
    try {
      await checkpointApi.check(person.id, what);
      load();
    } catch (err) {
      feedback.error(err);
    }
  };

  const time = (iso: string) => formatTime(iso, locale);
  /** 11/23 08:00: a shift's ends, short enough for a phone */
  const short = (iso: string) => formatShortTime(iso, locale);
  const shownGaps = (gaps ?? []).filter((g) => !siteId || g.siteId === siteId);

  const person = (p: RosterPerson) => {
    // a crew checks itself (or a named helper) in; those who manage the site check anyone
    const mine = manage || p.userId === me.id || p.userId === null;
    return (
      <Space key={p.id} size={4} wrap style={{ marginInlineEnd: 10 }} data-testid={`duty-${p.id}`}>
        <Tag color={p.checkedOutAt ? 'default' : p.checkedInAt ? 'green' : 'blue'} style={{ marginInlineEnd: 0 }}>
          {p.name}
        </Tag>
        {p.partyBranch && (
          <Tag color="red" title={p.partyBranch} data-testid={`vanguard-${p.id}`} style={{ marginInlineEnd: 0 }}>
            {t('tempBranches.vanguard')}
          </Tag>
        )}
        {p.checkedInAt && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('roster.checkedIn', { time: time(p.checkedInAt) })}
          </Typography.Text>
        )}
        {p.checkedOutAt && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('roster.checkedOut', { time: time(p.checkedOutAt) })}
          </Typography.Text>
        )}
        {mine && !p.checkedInAt && (
          <Button size="small" onClick={() => void check(p, 'in')} data-testid={`check-in-${p.id}`}>
            {t('roster.checkIn')}
          </Button>
        )}
        {mine && p.checkedInAt && !p.checkedOutAt && (
          <Button size="small" onClick={() => void check(p, 'out')} data-testid={`check-out-${p.id}`}>
            {t('roster.checkOut')}
          </Button>
        )}
      </Space>
    );
  };

  return (
    <Space orientation="vertical" size={mobile ? 8 : 16} style={{ width: '100%' }}>
      <Card
        size="small"
        data-testid="roster-gaps"
        data-count={gaps?.length ?? ''}
        title={
          <span style={{ color: shownGaps.length ? '#cf1322' : undefined }}>
            <WarningFilled /> {t('roster.gaps')}
          </span>
        }
      >
        {gaps !== null && !shownGaps.length && <Alert type="success" showIcon title={t('roster.gapsNone')} />}
        {shownGaps.map((g) => (
          <div
            key={`${g.siteId}-${g.from}`}
            style={{ display: 'flex', gap: 8, flexWrap: 'wrap', padding: '6px 0', borderBottom: '1px solid #f5f5f5' }}
            data-testid={`gap-${g.siteId}`}
          >
            <Typography.Text strong style={{ color: '#cf1322' }}>
              {g.siteName}
            </Typography.Text>
            <Typography.Text>{t('roster.gapLine', { from: short(g.from), to: short(g.to) })}</Typography.Text>
          </div>
        ))}
      </Card>
      <Card
        size={mobile ? 'small' : undefined}
        title={t('roster.title')}
        extra={
          <Space wrap>
            <Select
              allowClear
              placeholder={t('roster.site')}
              value={siteId}
              onChange={(v: string | undefined) => setParams(v ? { siteId: v } : {})}
              options={sites.map((s) => ({ value: s.id, label: s.name }))}
              style={{ width: mobile ? 150 : 220 }}
              data-testid="roster-site"
            />
            {manage && (
              <Button
                type="primary"
                icon={<CalendarOutlined />}
                onClick={() => setPlanning(true)}
                data-testid="roster-plan"
              >
                {t('roster.plan')}
              </Button>
            )}
          </Space>
        }
      >
        <Table<Shift>
          data-testid="roster-table"
          size="small"
          rowKey="id"
          loading={shifts === null}
          dataSource={shifts ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('roster.noShifts') }}
          onRow={(s) => ({ style: s.people.some((p) => !p.checkedOutAt) ? undefined : { background: '#fff1f0' } })}
          columns={[
            ...(siteId ? [] : [{ title: t('roster.site'), dataIndex: 'siteName' }]),
            {
              title: t('roster.shift'),
              key: 'shift',
              render: (_: unknown, s: Shift) => `${short(s.startsAt)} – ${short(s.endsAt)}`,
            },
            {
              title: t('roster.people'),
              key: 'people',
              render: (_: unknown, s: Shift) =>
                s.people.length ? s.people.map(person) : <Tag color="red">{t('roster.nobody')}</Tag>,
            },
            ...(manage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    render: (_: unknown, s: Shift) => (
                      <Button
                        size="small"
                        icon={<UserAddOutlined />}
                        onClick={() => setAssigning(s)}
                        data-testid={`assign-${s.id}`}
                      >
                        {t('roster.assign')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {planning && (
        <PlanModal
          sites={sites}
          siteId={siteId}
          onClose={() => setPlanning(false)}
          onDone={() => {
            setPlanning(false);
            load();
          }}
        />
      )}
      {assigning && (
        <AssignModal
          shift={assigning}
          onClose={() => setAssigning(null)}
          onDone={() => {
            setAssigning(null);
            load();
          }}
        />
      )}
    </Space>
  );
}
