import { DownloadOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Modal, Progress, Result, Row, Space, Statistic, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ERROR_CATALOGUE, type ErrorCode } from '../../../shared/errors';
import { importReportFileName } from '../../../shared/files';
import { api, uploadWithProgress } from '../../app/api';
import { useFeedback } from '../../app/feedback';
import { useI18n, type Translate } from '../../app/i18n';
import { XLSX_TYPE, type ImportJob } from '../residents/residentApi';
import type { PartyImportKind } from './partyApi';

const POLL_MS = 500;

type Stage =
  | { kind: 'idle' }
  | { kind: 'uploading'; fileName: string; fraction: number }
  | { kind: 'job'; job: ImportJob };

const TEMPLATE_NAME: Record<PartyImportKind, string> = {
  organisations: '党组织导入模板.xlsx',
  members: '党员花名册导入模板.xlsx',
};

/**
 * 导入党组织 / 导入党员花名册, as the resident roster import does it: the template (a sample row and
 * an explanation row), the file sent as the raw body with upload progress, the background job polled
 * for rows processed, then created / updated / unchanged / refused and the refused rows' report
 * (row, column and reason in Chinese) to fix and import again.
 */
export function PartyImportModal({
  kind,
  onClose,
  onImported,
}: {
  kind: PartyImportKind;
  onClose: () => void;
  /** Called when a job ends with rows landed, so the page behind reloads. */
  onImported: () => void;
}) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [templateLoading, setTemplateLoading] = useState(false);
  const alive = useRef(true);
  const landed = useRef(onImported);
  landed.current = onImported;

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const show = (job: ImportJob) => {
    setStage({ kind: 'job', job });
    if (job.status !== 'running' && job.created + job.updated > 0) landed.current();
  };

  const poll = async (id: string) => {
    while (alive.current) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      if (!alive.current) return;
      try {
        const job = await api.get<ImportJob>(`/party/imports/${id}`);
        if (!alive.current) return;
        show(job);
        if (job.status !== 'running') return;
      } catch (err) {
        feedback.error(err);
        return;
      }
    }
  };

  const upload = async (file: File) => {
    const csv = /\.csv$/i.test(file.name);
    if (!csv && !/\.xlsx$/i.test(file.name)) {
      feedback.error(new Error(t('import.wrongType')));
      return;
    }
    setStage({ kind: 'uploading', fileName: file.name, fraction: 0 });
    try {
      const job = await uploadWithProgress<ImportJob>(
        `/party/${kind}/import`,
        { fileName: file.name },
        file,
        csv ? 'text/csv' : XLSX_TYPE,
        (fraction) => {
          if (alive.current) setStage({ kind: 'uploading', fileName: file.name, fraction });
        },
      );
      if (!alive.current) return;
      show(job);
      if (job.status === 'running') void poll(job.id);
    } catch (err) {
      feedback.error(err);
      setStage({ kind: 'idle' });
    }
  };

  const template = async () => {
    setTemplateLoading(true);
    try {
      await api.download(`/party/${kind}/import-template`, TEMPLATE_NAME[kind]);
    } catch (err) {
      feedback.error(err);
    } finally {
      setTemplateLoading(false);
    }
  };

  const busy = stage.kind === 'uploading' || (stage.kind === 'job' && stage.job.status === 'running');

  return (
    <Modal
      open
      width={720}
      title={t(kind === 'organisations' ? 'party.import.orgsTitle' : 'party.import.membersTitle')}
      onCancel={onClose}
      footer={null}
      maskClosable={!busy}
      destroyOnHidden
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="party-import">
        <Alert
          type="info"
          showIcon
          title={t('party.import.templateHint')}
          description={
            <Button
              size="small"
              icon={<DownloadOutlined />}
              loading={templateLoading}
              onClick={template}
              data-testid="import-template"
              style={{ marginTop: 4 }}
            >
              {t('party.import.template')}
            </Button>
          }
        />
        {stage.kind === 'idle' && (
          <div data-testid="import-file">
            <Upload.Dragger
              accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              showUploadList={false}
              multiple={false}
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t('import.drop')}</p>
              <p className="ant-upload-hint">{t('import.dropHint')}</p>
            </Upload.Dragger>
          </div>
        )}
        {stage.kind === 'uploading' && (
          <div data-testid="import-progress" data-stage="uploading">
            <Typography.Text>{t('import.uploading', { name: stage.fileName })}</Typography.Text>
            <Progress percent={Math.round(stage.fraction * 100)} status="active" />
          </div>
        )}
        {stage.kind === 'job' && stage.job.status === 'running' && (
          <div data-testid="import-progress" data-stage="processing">
            <Typography.Text>{t('import.processing', { rows: stage.job.rows })}</Typography.Text>
            <Progress percent={100} status="active" format={() => t('import.rowsDone', { rows: stage.job.rows })} />
          </div>
        )}
        {stage.kind === 'job' && stage.job.status !== 'running' && (
          <ImportOutcome job={stage.job} onAgain={() => setStage({ kind: 'idle' })} />
        )}
      </Space>
    </Modal>
  );
}

/** The end of a party import: the four counts, and the refused rows' report when there is one. */
function ImportOutcome({ job, onAgain }: { job: ImportJob; onAgain: () => void }) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const [loading, setLoading] = useState(false);
  const report = async () => {
    setLoading(true);
    try {
      await api.download(`/party/imports/${job.id}/report`, importReportFileName(job.fileName));
    } catch (err) {
      feedback.error(err);
    } finally {
      setLoading(false);
    }
  };
  const again = (
    <Button key="again" icon={<ReloadOutlined />} onClick={onAgain} data-testid="import-again">
      {t('import.again')}
    </Button>
  );
  if (job.status === 'failed' || job.status === 'interrupted') {
    return (
      <div data-testid="import-result" data-status={job.status}>
        <Result
          status="error"
          title={t('import.failed')}
          subTitle={job.status === 'interrupted' ? t('import.interrupted') : failure(job, t, locale)}
          extra={[again]}
        />
      </div>
    );
  }
  return (
    <div data-testid="import-result" data-status={job.status}>
      <Alert
        type={job.invalid ? 'warning' : 'success'}
        showIcon
        title={t('import.done', { name: job.fileName, rows: job.rows })}
        description={job.invalid ? t('import.refusedHint', { n: job.invalid }) : undefined}
        style={{ marginBottom: 16 }}
      />
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col span={6}>
          <Statistic title={t('import.created')} value={job.created} data-testid="import-created" />
        </Col>
        <Col span={6}>
          <Statistic title={t('import.updated')} value={job.updated} data-testid="import-updated" />
        </Col>
        <Col span={6}>
          <Statistic title={t('import.unchanged')} value={job.unchanged} data-testid="import-unchanged" />
        </Col>
        <Col span={6}>
          <Statistic
            title={t('import.refused')}
            value={job.invalid}
            styles={{ content: { color: job.invalid ? '#cf1322' : undefined } }}
            data-testid="import-refused"
          />
        </Col>
      </Row>
      <Space wrap>
        {job.hasReport && (
          <Button
            type="primary"
            danger
            icon={<DownloadOutlined />}
            loading={loading}
            onClick={report}
            data-testid="import-report"
          >
            {t('import.report')}
          </Button>
        )}
        {again}
      </Space>
    </div>
  );
}

/** Why the file was refused, in the reader's language: where reading stopped, then the catalogue's message. */
function failure(job: ImportJob, t: Translate, locale: string): string {
  const e = job.error;
  if (!e || !(e.code in ERROR_CATALOGUE)) return job.message ?? t('common.unknownError');
  const where = e.row
    ? e.column
      ? t('import.atRowColumn', { row: e.row, column: e.column })
      : t('import.atRow', { row: e.row })
    : '';
  const text = ERROR_CATALOGUE[e.code as ErrorCode][locale === 'en' ? 'en' : 'zh'];
  return `${where}${text}${locale === 'en' || !job.message ? '' : `（${job.message}）`}`;
}
