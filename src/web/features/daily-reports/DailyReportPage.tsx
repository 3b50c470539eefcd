import {
  ArrowLeftOutlined,
  AuditOutlined,
  FileExcelOutlined,
  HistoryOutlined,
  PrinterOutlined,
  ReloadOutlined,
  SaveOutlined,
  SendOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Input, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { DailyReport } from '../../../shared/daily-reports';
import type { Metric } from '../../../shared/rollups';
import { ApiError } from '../../app/api';
import { DetailStatus } from '../../app/components/DetailStatus';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useDetail } from '../../app/useDetail';
import { useIsMobile } from '../../app/useIsMobile';
import { DailyReportChildren } from './DailyReportChildren';
import { DailyReportGap } from './DailyReportGap';
import { DailyReportFigures, editsOf, type FigureEdit, type FigureEdits } from './DailyReportFigures';
import { ReviewModal, SubmitModal } from './DailyReportModals';
import { DailyReportVersions } from './DailyReportVersions';
import { STATUS_COLORS, dailyReportApi } from './dailyReportApi';

const NARRATIVE = ['assessment', 'problems', 'requests'] as const;
type Narrative = Record<(typeof NARRATIVE)[number], string>;
const narrativeOf = (r: DailyReport): Narrative => ({
  assessment: r.assessment ?? '',
  problems: r.problems ?? '',
  requests: r.requests ?? '',
});

/**
 * One unit's daily report: the figures Qunfang computed beside those reported (a changed figure
 * needs a reason), the narrative, and — for a township or county — which children were summed and
 * which are missing. The unit saves, recomputes and submits; the level above reviews or returns.
 * Versions, the Excel a county files and an A4 print view are one click away.
 */
export default function DailyReportPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [edits, setEdits] = useState<FigureEdits | null>(null);
  const [narrative, setNarrative] = useState<Narrative>({ assessment: '', problems: '', requests: '' });
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [modal, setModal] = useState<'submit' | 'review' | 'versions' | null>(null);

  /** Put a report's figures and narrative into the boxes, as they are saved. */
  const fill = (r: DailyReport) => {
    setEdits(editsOf(r));
    setNarrative(narrativeOf(r));
    setTried(false);
  };
  const detail = useDetail(id, dailyReportApi.get, { onLoaded: fill });
  const report = detail.data;
  const show = (r: DailyReport) => {
    detail.setData(r);
    fill(r);
  };

  const dirty = useMemo(() => {
    if (!report || !edits) return false;
    return (
      JSON.stringify(edits) !== JSON.stringify(editsOf(report)) ||
      JSON.stringify(narrative) !== JSON.stringify(narrativeOf(report))
    );
  }, [report, edits, narrative]);
  const unexplained =
    report && edits
      ? (Object.keys(edits) as Metric[]).filter((m) => edits[m].value !== report.computed[m] && !edits[m].reason.trim())
      : [];

  /** Save what is on screen; null when a reason is missing (the boxes are marked) or the save failed. */
  const save = async (): Promise<DailyReport | null> => {
    if (!report || !edits) return null;
    setTried(true);
    if (unexplained.length > 0) {
      feedback.error(new ApiError(400, 'DAILY_REPORT_REASON_REQUIRED', t('dailyReport.reasonRequired')));
      return null;
    }
    const corrections = (Object.keys(edits) as Metric[])
      .filter((m) => edits[m].value !== report.computed[m] || report.corrections[m])
      .map((m) => ({ metric: m, value: edits[m].value, reason: edits[m].reason.trim() || undefined }));
    try {
      const saved = await dailyReportApi.save(report.id, {
        corrections,
        ...Object.fromEntries(NARRATIVE.map((f) => [f, narrative[f].trim() || null])),
      });
      show(saved);
      return saved;
    } catch (err) {
      feedback.error(err);
      return null;
    }
  };

  const run = async (name: string, action: () => Promise<void>) => {
    setBusy(name);
    try {
      await action();
    } finally {
      setBusy(null);
    }
  };

  const recompute = (base: DailyReport) => dailyReportApi.draft({ regionId: base.regionId, day: base.day }).then(show);

  const onSave = () =>
    run('save', async () => {
      if (await save()) feedback.success(t('common.saved'));
    });
  const onRefresh = () =>
    run('refresh', async () => {
      const base = dirty ? await save() : report;
      if (!base) return;
      try {
        await recompute(base);
        feedback.success(t('dailyReport.refreshed'));
      } catch (err) {
        feedback.error(err);
      }
    });
  const onSubmit = () =>
    run('submit', async () => {
      if (dirty && !(await save())) return;
      setModal('submit');
    });
  const submit = (missingNote?: string) =>
    run('submit', async () => {
      try {
        show(await dailyReportApi.submit(report!.id, { missingNote }));
        setModal(null);
        feedback.success(t('dailyReport.submittedOk'));
      } catch (err) {
        if (err instanceof ApiError && err.code === 'DAILY_REPORT_CHILDREN_CHANGED') {
          setModal(null);
          await recompute(report!).catch(() => undefined);
          feedback.error(new ApiError(409, err.code, t('dailyReport.childrenChanged')));
        } else feedback.error(err);
      }
    });
  const review = (decision: 'reviewed' | 'returned', note?: string) =>
    run('review', async () => {
      try {
        show(await dailyReportApi.review(report!.id, { decision, note }));
        setModal(null);
        feedback.success(t(decision === 'reviewed' ? 'dailyReport.reviewedOk' : 'dailyReport.returnedOk'));
      } catch (err) {
        feedback.error(err);
      }
    });
  const onExport = () =>
    run('export', async () => {
      try {
        await dailyReportApi.exportXlsx(report!.id);
      } catch (err) {
        feedback.error(err);
      }
    });

  if (!report || !edits)
    return (
      <DetailStatus
        detail={detail}
        back={
          <Link to="/daily-reports">
            <Button>{t('dailyReport.back')}</Button>
          </Link>
        }
      />
    );

  const editable = report.may.edit;
  const children = report.children;
  const back = `/daily-reports?day=${report.day}`;

  return (
    <Card
      size={mobile ? 'small' : undefined}
      title={
        <Space wrap>
          <Link to={back} aria-label={t('dailyReport.back')}>
            <ArrowLeftOutlined />
          </Link>
          <span>{t('dailyReport.heading', { name: report.regionName, day: report.day })}</span>
          <Tag color={STATUS_COLORS[report.status]} data-testid="dr-status" data-status={report.status}>
            {t(`dailyReport.status.${report.status}`)}
            {report.version > 0 ? ` · ${t('dailyReport.versionN', { n: report.version })}` : ''}
          </Tag>
          {report.submittedProxyUnit && (
            <Tag color="purple" data-testid="dr-proxy">
              {t('dailyReport.proxyTag', { unit: report.submittedProxyUnit })}
            </Tag>
          )}
        </Space>
      }
      extra={
        <Space wrap>
          <Button icon={<HistoryOutlined />} onClick={() => setModal('versions')} data-testid="dr-versions-open">
            {t('dailyReport.versions')}
          </Button>
          <Button
            icon={<FileExcelOutlined />}
            loading={busy === 'export'}
            onClick={() => void onExport()}
            data-testid="dr-export"
          >
            {t('dailyReport.export')}
          </Button>
          <Button
            icon={<PrinterOutlined />}
            onClick={() => navigate(`/daily-reports/${report.id}/print?print=1`)}
            data-testid="dr-print"
          >
            {t('dailyReport.print')}
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {report.status === 'returned' && report.reviewNote && (
          <Alert
            type="error"
            showIcon
            data-testid="dr-returned"
            title={t('dailyReport.returnedAlert', {
              who: report.reviewedByName ?? '—',
              time: formatTime(report.reviewedAt, locale),
              note: report.reviewNote,
            })}
          />
        )}
        {report.status === 'submitted' && (
          <Alert
            type="info"
            showIcon
            title={t('dailyReport.submittedAlert', {
              time: formatTime(report.submittedAt, locale),
              who: report.submittedByName ?? '—',
              n: report.version,
            })}
          />
        )}
        {report.status === 'reviewed' && (
          <Alert
            type="success"
            showIcon
            title={t('dailyReport.reviewedAlert', {
              who: report.reviewedByName ?? '—',
              time: formatTime(report.reviewedAt, locale),
              note: report.reviewNote ? `：${report.reviewNote}` : '',
            })}
          />
        )}
        {editable && report.may.proxy && (
          <Alert
            type="info"
            showIcon
            data-testid="dr-fill-in"
            title={t('dailyReport.fillInAlert', { name: report.regionName })}
          />
        )}
        {children && children.missing.length > 0 && (
          <Alert
            type={children.included.length === 0 ? 'error' : 'warning'}
            showIcon
            data-testid="dr-missing"
            title={t('dailyReport.missingWarn', {
              n: children.missing.length,
              names: children.missing.map((c) => c.name).join('、'),
            })}
            description={children.included.length === 0 ? t('dailyReport.noneSubmittedWarn') : undefined}
          />
        )}
        <DailyReportGap report={report} />
        {report.missingNote && (
          <Typography.Text>
            {t('dailyReport.missingNote')}：{report.missingNote}
          </Typography.Text>
        )}

        <Space wrap>
          <Typography.Text type="secondary" data-testid="dr-computed-at">
            {t('dailyReport.computedAt', { time: formatTime(report.computedAt, locale) })}
          </Typography.Text>
          {editable && (
            <Button
              size="small"
              icon={<ReloadOutlined />}
              loading={busy === 'refresh'}
              onClick={() => void onRefresh()}
              data-testid="dr-refresh"
            >
              {t('dailyReport.refresh')}
            </Button>
          )}
        </Space>

        {children && (
          <>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t('dailyReport.childrenTitle')}
            </Typography.Title>
            <DailyReportChildren report={report} />
          </>
        )}

        <DailyReportFigures
          report={report}
          edits={edits}
          editable={editable}
          showMissing={tried}
          onChange={(m: Metric, e: FigureEdit) => setEdits({ ...edits, [m]: e })}
        />

        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('dailyReport.narrative')}
        </Typography.Title>
        {NARRATIVE.map((f) => (
          <div key={f}>
            <Typography.Text strong>{t(`dailyReport.${f}`)}</Typography.Text>
            {editable ? (
              <Input.TextArea
                data-testid={`dr-${f}`}
                autoSize={{ minRows: 2, maxRows: 8 }}
                maxLength={4000}
                value={narrative[f]}
                onChange={(e) => setNarrative({ ...narrative, [f]: e.target.value })}
              />
            ) : (
              <Typography.Paragraph data-testid={`dr-${f}-text`} style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
                {report[f] || '—'}
              </Typography.Paragraph>
            )}
          </div>
        ))}

        <Space wrap>
          {editable && (
            <Button
              icon={<SaveOutlined />}
              loading={busy === 'save'}
              disabled={!dirty}
              onClick={() => void onSave()}
              data-testid="dr-save"
            >
              {t('dailyReport.save')}
            </Button>
          )}
          {report.may.submit && (
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={busy === 'submit'}
              onClick={() => void onSubmit()}
              data-testid="dr-submit"
            >
              {t('dailyReport.submit')}
            </Button>
          )}
          {report.may.review && (
            <Button type="primary" icon={<AuditOutlined />} onClick={() => setModal('review')} data-testid="dr-review">
              {report.status === 'submitted' ? t('dailyReport.review') : t('dailyReport.return')}
            </Button>
          )}
          {!editable && report.may.submit === false && report.status === 'submitted' && (
            <Typography.Text type="secondary">{t('dailyReport.lockedHint')}</Typography.Text>
          )}
          {dirty && <Typography.Text type="warning">{t('dailyReport.unsaved')}</Typography.Text>}
        </Space>
      </Space>
      {modal === 'submit' && (
        <SubmitModal
          report={report}
          busy={busy === 'submit'}
          onOk={(note) => void submit(note)}
          onClose={() => setModal(null)}
        />
      )}
      {modal === 'review' && (
        <ReviewModal
          report={report}
          busy={busy === 'review'}
          onOk={(d, note) => void review(d, note)}
          onClose={() => setModal(null)}
        />
      )}
      {modal === 'versions' && <DailyReportVersions reportId={report.id} onClose={() => setModal(null)} />}
    </Card>
  );
}
