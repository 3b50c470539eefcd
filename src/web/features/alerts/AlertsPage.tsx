import { CheckOutlined, FileSearchOutlined, MedicineBoxOutlined } from '@ant-design/icons';
import { Button, Card, Select, Space, Switch, Tag, Typography } from 'antd';
import { lazy, Suspense, useEffect, useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import type { Alert, AlertGroups } from '../../../shared/screening';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { PagedTable } from '../../app/components/PagedTable';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { usePaged } from '../../app/usePaged';
import { can } from '../../app/permissions';
import { useIsMobile } from '../../app/useIsMobile';
import type { EpisodePrefill } from '../isolation/EpisodeCreateModal';
import { alertKindLabel, useAlerts } from './AlertsProvider';
import { ReferralModal } from './ReferralModal';

const KIND_COLORS: Record<string, string> = {
  fever: 'red',
  key_person: 'magenta',
  refer: 'purple',
  missed_follow_up: 'volcano',
  zero_report_late: 'orange',
  case: 'red',
};

const EpisodeCreateModal = lazy(() =>
  import('../isolation/EpisodeCreateModal').then((m) => ({ default: m.EpisodeCreateModal })),
);
/** Alerts about one person that may lead to isolating them. */
const ISOLATABLE = ['fever', 'refer', 'key_person'];

/** 安排隔离 from an alert: the person, and where the alert came from (a checkpoint passage, a screening visit). */
function prefillOf(alert: Alert): EpisodePrefill {
  const source =
    alert.sourceType === 'passage' || alert.sourceType === 'screening_visit' ? alert.sourceType : undefined;
  return {
    persons: alert.personId ? [{ id: alert.personId, name: alert.personName ?? alert.personId }] : [],
    reason:
      alert.sourceType === 'passage'
        ? 'checkpoint_fever'
        : alert.sourceType === 'screening_visit'
          ? 'screening_referral'
          : 'other',
    sourceType: source ?? 'manual',
    sourceId: source && alert.sourceId ? alert.sourceId : undefined,
  };
}

/**
 * 预警: fevers, key persons and referrals found at the door, newest first; whoever follows one up
 * acknowledges it. New alerts arrive live (the list reloads on each).
 */
export default function AlertsPage() {
  const me = useMe();
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const [isolating, setIsolating] = useState<Alert | null>(null);
  const [referral, setReferral] = useState<string | null>(null);
  const mobile = useIsMobile();
  const { generation, recount } = useAlerts();
  const [openOnly, setOpenOnly] = useState(true);
  const [kind, setKind] = useState<string | undefined>();
  const [region, setRegion] = useState<string | undefined>();
  const [groups, setGroups] = useState<AlertGroups | null>(null);
  // the filters' choices, each with how many alerts it holds (refreshed with the list)
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new alert (generation) changes the counts
  useEffect(() => {
    api
      .get<AlertGroups>(`/alerts/groups${openOnly ? '?open=true' : ''}`)
      .then(setGroups)
      .catch(() => setGroups(null));
  }, [openOnly, generation]);
  const alerts = usePaged<Alert>(
    '/alerts',
    { open: openOnly ? 'true' : undefined, kind, region, limit: 50 },
    feedback.error,
    generation,
  );

  const acknowledge = async (alert: Alert) => {
    try {
      await api.post(`/alerts/${alert.id}/ack`);
      feedback.success(t('alerts.acked'));
      alerts.setItems((items) =>
        openOnly
          ? items.filter((a) => a.id !== alert.id)
          : items.map((a) => (a.id === alert.id ? { ...a, acknowledgedAt: new Date().toISOString() } : a)),
      );
      recount();
    } catch (err) {
      feedback.error(err);
    }
  };

  // an alert raised by a follow-up concerns someone already isolated
  const isolate = (row: Alert) =>
    can.isolate(me.role) && row.personId && ISOLATABLE.includes(row.kind) && row.sourceType !== 'follow_up' ? (
      <Button
        size="small"
        icon={<MedicineBoxOutlined />}
        onClick={() => setIsolating(row)}
        data-testid={`alert-isolate-${row.id}`}
      >
        {t('alerts.arrangeIsolation')}
      </Button>
    ) : null;

  // a case alert leads to the case page, where tracing starts
  const openCase = (row: Alert) =>
    row.kind === 'case' && row.sourceId ? (
      <Link to={`/cases/${row.sourceId}`} data-testid={`alert-case-${row.id}`}>
        {t('alerts.openCase')}
      </Link>
    ) : null;

  // a fever of someone registered (a follow-up, a visit) can be sent to the clinic from its alert
  const refer = async (row: Alert) => {
    try {
      const created = await api.post<{ id: string }>('/referrals', {
        personId: row.personId,
        reason: row.message.slice(0, 200),
        sourceType: row.sourceType === 'follow_up' ? 'follow_up' : 'manual',
        sourceId: row.sourceId ?? undefined,
        alertId: row.id,
      });
      alerts.setItems((items) => items.map((a) => (a.id === row.id ? { ...a, referralId: created.id } : a)));
      setReferral(created.id);
    } catch (err) {
      feedback.error(err);
    }
  };

  // a referral alert: where the person went and what the clinic found
  const referralButton = (row: Alert) =>
    row.referralId ? (
      <Button
        size="small"
        icon={<FileSearchOutlined />}
        onClick={() => setReferral(row.referralId)}
        data-testid={`alert-referral-${row.id}`}
      >
        {t('referral.open')}
      </Button>
    ) : row.personId && (row.kind === 'fever' || row.kind === 'refer') && !row.acknowledgedAt ? (
      <Button
        size="small"
        icon={<FileSearchOutlined />}
        onClick={() => void refer(row)}
        data-testid={`alert-refer-${row.id}`}
      >
        {t('referral.create')}
      </Button>
    ) : null;

  const status = (row: Alert) => (
    <Space size={4} wrap>
      {referralButton(row)}
      {acknowledgement(row)}
      {isolate(row)}
      {openCase(row)}
    </Space>
  );

  const acknowledgement = (row: Alert) =>
    row.acknowledgedAt ? (
      <Tag color="green">{t('alerts.ackedAt', { time: formatTime(row.acknowledgedAt, locale) })}</Tag>
    ) : (
      <Button
        size="small"
        type="primary"
        icon={<CheckOutlined />}
        onClick={() => acknowledge(row)}
        data-testid={`alert-ack-${row.id}`}
      >
        {t('alerts.ack')}
      </Button>
    );

  return (
    <Card
      size={mobile ? 'small' : undefined}
      title={t('alerts.title')}
      extra={
        <Space wrap>
          <Select
            allowClear
            style={{ minWidth: 140 }}
            placeholder={t('alerts.filterKind')}
            value={kind}
            onChange={setKind}
            options={(groups?.kinds ?? []).map((g) => ({
              value: g.kind,
              label: `${alertKindLabel(t, g.kind)}（${g.count}）`,
            }))}
            data-testid="alerts-filter-kind"
          />
          <Select
            allowClear
            style={{ minWidth: 140 }}
            placeholder={t('alerts.filterTownship')}
            value={region}
            onChange={setRegion}
            options={(groups?.townships ?? [])
              .filter((g) => g.regionPath !== null)
              .map((g) => ({ value: g.regionPath!, label: `${g.name}（${g.count}）` }))}
            data-testid="alerts-filter-township"
          />
          <Switch checked={openOnly} onChange={setOpenOnly} data-testid="alerts-open-only" />
          {t('alerts.openOnly')}
        </Space>
      }
    >
      <PagedTable<Alert>
        list={alerts}
        data-testid="alerts-table"
        rowKey="id"
        size="middle"
        scroll={mobile ? undefined : { x: 860 }}
        locale={{ emptyText: t('alerts.none') }}
        onRow={(row) =>
          ({
            'data-testid': `alert-${row.id}`,
            style: row.acknowledgedAt ? { opacity: 0.6 } : undefined,
          }) as HTMLAttributes<HTMLElement>
        }
        columns={
          mobile
            ? [
                {
                  title: t('alerts.message'),
                  key: 'alert',
                  render: (_, row) => (
                    <div>
                      <Space size={6} wrap>
                        <Tag color={KIND_COLORS[row.kind] ?? 'default'}>{alertKindLabel(t, row.kind)}</Tag>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {formatTime(row.createdAt, locale)}
                        </Typography.Text>
                      </Space>
                      <div style={{ margin: '4px 0' }}>{row.message}</div>
                      {status(row)}
                    </div>
                  ),
                },
              ]
            : [
                {
                  title: t('alerts.time'),
                  dataIndex: 'createdAt',
                  width: 140,
                  render: (v: string) => formatTime(v, locale),
                },
                {
                  title: t('alerts.kind'),
                  dataIndex: 'kind',
                  width: 110,
                  render: (v: string) => <Tag color={KIND_COLORS[v] ?? 'default'}>{alertKindLabel(t, v)}</Tag>,
                },
                {
                  title: t('alerts.person'),
                  dataIndex: 'personName',
                  width: 100,
                  render: (v: string | null, row) =>
                    row.personId ? <Link to={`/persons?open=${row.personId}`}>{v ?? '—'}</Link> : '—',
                },
                { title: t('alerts.message'), dataIndex: 'message' },
                {
                  title: t('alerts.status'),
                  key: 'status',
                  width: 190,
                  fixed: 'right',
                  render: (_, row) => status(row),
                },
              ]
        }
      />
      {referral && (
        <ReferralModal
          referralId={referral}
          onClose={() => setReferral(null)}
          onSaved={() => {
            alerts.reload();
            recount();
          }}
        />
      )}
      {isolating && (
        <Suspense fallback={null}>
          <EpisodeCreateModal prefill={prefillOf(isolating)} onClose={() => setIsolating(null)} />
        </Suspense>
      )}
    </Card>
  );
}
