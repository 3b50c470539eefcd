import { ArrowLeftOutlined, DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Progress, Space, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, uploadWithProgress } from '../../app/api';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { useIsMobile } from '../../app/useIsMobile';
import { ImportResult } from './ImportResult';
import { XLSX_TYPE, type ImportJob } from './residentApi';

const POLL_MS = 500;

type Stage =
  | { kind: 'idle' }
  | { kind: 'uploading'; fileName: string; fraction: number }
  | { kind: 'job'; job: ImportJob };

/**
 * Data lines of a CSV (newlines minus the header), counted from the stream so a large file is not
 * held twice; the job reports rows processed but not the total. Unknown (null) for .xlsx.
 */
async function csvDataLines(file: File): Promise<number | null> {
  try {
    const reader = file.stream().getReader();
    let lines = 0;
    let last = 10;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (const byte of value) if (byte === 10) lines++;
      last = value[value.length - 1] ?? last;
    }
    return Math.max(0, lines + (last === 10 ? 0 : 1) - 1);
  } catch {
    return null;
  }
}

/**
 * 导入人员花名册: the roster goes up as the raw body (upload progress from XMLHttpRequest), the server
 * imports it in the background, and the page polls the job every half second for rows processed,
 * then shows what was created, updated, unchanged and refused, with the refused rows' report.
 */
export default function ImportPage() {
  const { t } = useI18n();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const mobile = useIsMobile();
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const [templateLoading, setTemplateLoading] = useState(false);
  const [total, setTotal] = useState<number | null>(null);
  const alive = useRef(true);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const poll = async (id: string) => {
    while (alive.current) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      if (!alive.current) return;
      try {
        const job = await api.get<ImportJob>(`/imports/${id}`);
        if (!alive.current) return;
        setStage({ kind: 'job', job });
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
    setTotal(null);
    if (csv) void csvDataLines(file).then((n) => alive.current && setTotal(n));
    try {
      const job = await uploadWithProgress<ImportJob>(
        '/persons/import',
        { fileName: file.name },
        file,
        csv ? 'text/csv' : XLSX_TYPE,
        (fraction) => {
          if (alive.current) setStage({ kind: 'uploading', fileName: file.name, fraction });
        },
      );
      if (!alive.current) return;
      setStage({ kind: 'job', job });
      if (job.status === 'running') void poll(job.id);
    } catch (err) {
      feedback.error(err);
      setStage({ kind: 'idle' });
    }
  };

  const template = async () => {
    setTemplateLoading(true);
    try {
      await api.download('/persons/import-template', '人员花名册导入模板.xlsx');
    } catch (err) {
      feedback.error(err);
    } finally {
      setTemplateLoading(false);
    }
  };

  const busy = stage.kind === 'uploading' || (stage.kind === 'job' && stage.job.status === 'running');

  return (
    <Card
      size={mobile ? 'small' : undefined}
      title={t('import.title')}
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/persons')}>
          {mobile ? null : t('import.back')}
        </Button>
      }
      style={{ maxWidth: 880 }}
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Alert
          type="info"
          showIcon
          title={t('import.templateHint')}
          description={
            <Button
              size="small"
              icon={<DownloadOutlined />}
              loading={templateLoading}
              onClick={template}
              data-testid="import-template"
              style={{ marginTop: 4 }}
            >
              {t('import.template')}
            </Button>
          }
        />
        <div data-testid="import-file">
          <Upload.Dragger
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            showUploadList={false}
            multiple={false}
            disabled={busy}
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
        {stage.kind === 'uploading' && (
          <div data-testid="import-progress" data-stage="uploading">
            <Typography.Text>{t('import.uploading', { name: stage.fileName })}</Typography.Text>
            <Progress percent={Math.round(stage.fraction * 100)} status="active" />
          </div>
        )}
        {stage.kind === 'job' && stage.job.status === 'running' && (
          <div data-testid="import-progress" data-stage="processing">
            <Typography.Text>
              {total
                ? t('import.processingOf', { rows: stage.job.rows, total })
                : t('import.processing', { rows: stage.job.rows })}
            </Typography.Text>
            {/* Without a total (an .xlsx) the bar runs full and the count above is the progress. */}
            <Progress
              percent={total ? Math.min(99, Math.round((stage.job.rows / total) * 100)) : 100}
              status="active"
              format={() => t('import.rowsDone', { rows: stage.job.rows })}
            />
          </div>
        )}
        {stage.kind === 'job' && stage.job.status !== 'running' && (
          <ImportResult job={stage.job} onAgain={() => setStage({ kind: 'idle' })} />
        )}
      </Space>
    </Card>
  );
}
