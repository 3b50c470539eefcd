import { ArrowLeftOutlined, MedicineBoxOutlined, ReloadOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  InputNumber,
  Popconfirm,
  Row,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import QRCode from 'antd/es/qr-code';
import { lazy, Suspense, useState, type HTMLAttributes } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { useMe } from '../../app/auth';
import { DetailStatus } from '../../app/components/DetailStatus';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { useDetail } from '../../app/useDetail';
import { useIsMobile } from '../../app/useIsMobile';
import { SeekNoticeProgress, seekNoticeTarget } from './SeekNoticesPage';
import { IsolationStatus } from './parts';
import { ReportsTable } from './ReportsTable';
import { UnregisteredCard } from './UnregisteredCard';
import { localDay, NOTICE_STATUS_COLORS, publicUrl, tracingApi, windowText, type Found } from './tracingApi';

const EpisodeCreateModal = lazy(() =>
  import('../isolation/EpisodeCreateModal').then((m) => ({ default: m.EpisodeCreateModal })),
);
const SOURCE_COLORS: Record<Found['source'], string> = { data: 'blue', self_report: 'green', manual: 'purple' };

/**
 * One seek notice: what it seeks and its text, the public link with a QR code, progress (found of
 * expected), who has been found (from the data, by self-report or by hand) with their isolation,
 * who the checkpoints recorded there but the registry does not know (to register in one click),
 * and the public's "I was there" reports for a tracer to confirm or reject. Publish, refresh the
 * found list from new data, close.
 */
export default function SeekNoticeDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [busy, setBusy] = useState<string | null>(null);
  const [expected, setExpected] = useState<number | null>(null);
  const seekNotice = useDetail(id, tracingApi.notice, { onLoaded: (d) => setExpected(d.notice.expected) });
  const { data: detail, reload: load } = seekNotice;
  const [isolating, setIsolating] = useState(false);
  const { message } = App.useApp();
  const tracer = can.trace(me.role);

  if (!detail) return <DetailStatus detail={seekNotice} />;
  const { notice: n, found, reports } = detail;
  const url = publicUrl(n.slug);
  const notIsolated = found.filter((f) => f.inScope && f.isolation?.status !== 'active');

  const act = async (action: 'publish' | 'close' | 'refresh', withExpected = false) => {
    setBusy(action + (withExpected ? '-expected' : ''));
    try {
      await tracingApi.actOnNotice(n.id, action, withExpected ? expected : undefined);
      feedback.success(t(`tracing.noticeDone.${action}`));
      load();
    } catch (err) {
      feedback.error(err);
    } finally {
      setBusy(null);
    }
  };

  /** The notice is about a case: those found and not yet isolated become its contacts and go into home isolation, in one action. */
  const isolateAsContacts = async () => {
    if (!n.caseId) return;
    setBusy('contacts');
    try {
      const r = await tracingApi.decide(n.caseId, {
        accept: notIsolated.map((f) => ({
          personId: f.personId,
          exposureType: n.kind === 'vehicle' ? 'co_passenger' : 'other',
          exposureDate: localDay(n.windowFrom),
          closeness: 'close',
          sourceType: 'seek_notice',
          sourceId: n.id,
          note: n.title.slice(0, 300),
        })),
        isolate: { kind: 'home', reason: 'close_contact' },
      });
      feedback.success(
        t('tracing.decided', { accepted: r.accepted, rejected: r.rejected, isolated: r.isolated.length }),
      );
      if (r.notIsolated.length)
        message.warning(
          t('tracing.someNotIsolated', {
            n: r.notIsolated.length,
            reasons: [...new Set(r.notIsolated.map((s) => s.message))].join('；'),
          }),
        );
      load();
    } catch (err) {
      feedback.error(err);
    } finally {
      setBusy(null);
    }
  };

  const sourceTag = (f: Found) => <Tag color={SOURCE_COLORS[f.source]}>{t(`tracing.foundSource.${f.source}`)}</Tag>;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={10}>
        <Card
          size={mobile ? 'small' : undefined}
          title={
            <span data-testid="notice-title" style={{ whiteSpace: 'normal' }}>
              <Button
                type="text"
                icon={<ArrowLeftOutlined />}
                onClick={() => navigate('/seek-notices')}
                aria-label={t('common.back')}
              />
              {n.title}{' '}
              <Tag color={NOTICE_STATUS_COLORS[n.status]} data-testid="notice-status">
                {t(`tracing.noticeStatus.${n.status}`)}
              </Tag>
            </span>
          }
        >
          {tracer && (
            <Space wrap style={{ marginBottom: 12 }}>
              {n.status === 'draft' && (
                <Button
                  type="primary"
                  icon={<SendOutlined />}
                  loading={busy === 'publish'}
                  onClick={() => void act('publish')}
                  data-testid="notice-publish"
                >
                  {t('tracing.publish')}
                </Button>
              )}
              <Button
                icon={<ReloadOutlined />}
                loading={busy === 'refresh'}
                onClick={() => void act('refresh')}
                data-testid="notice-refresh"
              >
                {t('tracing.refreshFound')}
              </Button>
              {n.status !== 'closed' && (
                <Popconfirm
                  title={t('tracing.closeConfirm')}
                  onConfirm={() => act('close')}
                  okButtonProps={{ 'data-testid': 'notice-close-ok' }}
                >
                  <Button danger icon={<StopOutlined />} loading={busy === 'close'} data-testid="notice-close">
                    {t('tracing.closeNotice')}
                  </Button>
                </Popconfirm>
              )}
            </Space>
          )}
          <SeekNoticeProgress notice={n} />
          {tracer && (
            <Space wrap style={{ margin: '8px 0 12px' }}>
              <span>{t('tracing.expected')}</span>
              <InputNumber
                min={0}
                max={10000}
                value={expected}
                onChange={setExpected}
                style={{ width: 96 }}
                data-testid="notice-expected-edit"
              />
              <Button
                size="small"
                disabled={expected === n.expected}
                loading={busy === 'refresh-expected'}
                onClick={() => void act('refresh', true)}
              >
                {t('common.save')}
              </Button>
            </Space>
          )}
          <Descriptions
            size="small"
            column={1}
            bordered
            items={[
              {
                key: 'target',
                label: t('tracing.noticeTarget'),
                children: `${t(`tracing.noticeKind.${n.kind}`)} · ${seekNoticeTarget(n)}`,
              },
              { key: 'window', label: t('tracing.window'), children: windowText(n.windowFrom, n.windowTo) },
              { key: 'hotline', label: t('tracing.hotline'), children: n.hotline },
              { key: 'region', label: t('tracing.noticeRegion'), children: n.regionName ?? '—' },
              ...(n.caseId
                ? [
                    {
                      key: 'case',
                      label: t('tracing.noticeCase'),
                      children: <Link to={`/cases/${n.caseId}`}>{t('tracing.openCase')}</Link>,
                    },
                  ]
                : []),
              ...(n.publishedAt
                ? [{ key: 'pub', label: t('tracing.publishedAt'), children: formatTime(n.publishedAt, locale) }]
                : []),
              ...(n.closedAt
                ? [{ key: 'closed', label: t('tracing.closedAt'), children: formatTime(n.closedAt, locale) }]
                : []),
            ]}
          />
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginTop: 12 }} data-testid="notice-body-text">
            {n.body}
          </Typography.Paragraph>
        </Card>
        <Card size="small" title={t('tracing.publicLink')} style={{ marginTop: 16 }}>
          {n.status === 'published' ? (
            <div style={{ textAlign: 'center' }}>
              <QRCode value={url} size={200} style={{ margin: '0 auto 12px' }} data-testid="notice-qr" />
              <Typography.Paragraph
                copyable={{ text: url, tooltips: [t('isolation.copy'), t('isolation.copied')] }}
                style={{ wordBreak: 'break-all' }}
              >
                <a href={url} target="_blank" rel="noreferrer" data-testid="notice-url">
                  {url}
                </a>
              </Typography.Paragraph>
              <Typography.Text type="secondary">{t('tracing.publicLinkHint')}</Typography.Text>
            </div>
          ) : (
            <Alert
              type={n.status === 'draft' ? 'info' : 'success'}
              showIcon
              title={t(n.status === 'draft' ? 'tracing.publicLinkDraft' : 'tracing.publicLinkClosed')}
            />
          )}
        </Card>
      </Col>
      <Col xs={24} xl={14}>
        <Card
          size={mobile ? 'small' : undefined}
          title={t('tracing.reportsTitle', { pending: n.pendingReports, total: n.reports })}
        >
          <ReportsTable notice={n} reports={reports} mayDecide={tracer} onDecided={load} />
        </Card>
        <Card
          size={mobile ? 'small' : undefined}
          style={{ marginTop: 16 }}
          title={t('tracing.foundTitle', { n: found.length })}
          extra={
            tracer &&
            notIsolated.length > 0 &&
            (n.caseId ? (
              <Popconfirm
                title={t('tracing.isolateFoundConfirm', { n: notIsolated.length })}
                onConfirm={isolateAsContacts}
              >
                <Button icon={<MedicineBoxOutlined />} loading={busy === 'contacts'} data-testid="notice-isolate-found">
                  {t('tracing.isolateFound', { n: notIsolated.length })}
                </Button>
              </Popconfirm>
            ) : (
              can.isolate(me.role) && (
                <Button
                  icon={<MedicineBoxOutlined />}
                  onClick={() => setIsolating(true)}
                  data-testid="notice-isolate-found"
                >
                  {t('tracing.isolateFound', { n: notIsolated.length })}
                </Button>
              )
            ))
          }
        >
          <Table<Found>
            data-testid="found-table"
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={found}
            scroll={mobile ? undefined : { x: 720 }}
            locale={{ emptyText: t('tracing.noFound') }}
            onRow={(row) => ({ 'data-testid': `found-${row.name}` }) as HTMLAttributes<HTMLElement>}
            columns={
              mobile
                ? [
                    {
                      title: t('tracing.person'),
                      key: 'm',
                      render: (_, f) => (
                        <div>
                          <Space size={6} wrap>
                            <strong>{f.name}</strong>
                            {sourceTag(f)}
                            <IsolationStatus isolation={f.isolation} />
                          </Space>
                          <div style={{ fontSize: 12, color: '#666' }}>
                            {[f.idNumber, f.phone].filter(Boolean).join(' · ')}
                          </div>
                        </div>
                      ),
                    },
                  ]
                : [
                    {
                      title: t('tracing.person'),
                      dataIndex: 'name',
                      width: 100,
                      render: (v: string, f) => (
                        <>
                          {v}
                          {!f.inScope && <Tag style={{ marginInlineStart: 4 }}>{t('tracing.elsewhere')}</Tag>}
                        </>
                      ),
                    },
                    {
                      title: t('persons.idNumber'),
                      dataIndex: 'idNumber',
                      width: 180,
                      render: (v: string | null) => v ?? '—',
                    },
                    {
                      title: t('persons.phone'),
                      dataIndex: 'phone',
                      width: 130,
                      render: (v: string | null) => v ?? '—',
                    },
                    { title: t('tracing.foundSource'), dataIndex: 'source', width: 90, render: (_, f) => sourceTag(f) },
                    {
                      title: t('tracing.isolationNow'),
                      key: 'iso',
                      render: (_, f) => <IsolationStatus isolation={f.isolation} />,
                    },
                  ]
            }
          />
        </Card>
        <UnregisteredCard rows={detail.unregistered} mayRegister={tracer} onRegistered={() => act('refresh')} />
      </Col>
      {isolating && (
        <Suspense fallback={null}>
          <EpisodeCreateModal
            prefill={{ persons: notIsolated.map((f) => ({ id: f.personId, name: f.name })), reason: 'close_contact' }}
            onClose={() => setIsolating(false)}
            onCreated={load}
          />
        </Suspense>
      )}
    </Row>
  );
}
