import { DownloadOutlined, ReloadOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Result, Row, Space, Statistic } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { importReportFileName } from '../../../shared/files';
import { api } from '../../app/api';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { ERROR_CATALOGUE, type ErrorCode } from '../../../shared/errors';
import type { ImportJob } from './residentApi';

/**
 * The end of an import: created / updated / unchanged / refused, and when rows were refused the
 * report (those rows as sent, with the row number and the reason) to fix and import again.
 */
export function ImportResult({ job, onAgain }: { job: ImportJob; onAgain: () => void }) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const [loading, setLoading] = useState(false);

  const report = async () => {
    setLoading(true);
    try {
      await api.download(`/imports/${job.id}/report`, importReportFileName(job.fileName));
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
        <Col xs={12} sm={6}>
          <Statistic
            title={t('import.created')}
            value={job.created}
            styles={{ content: { color: '#389e0d' } }}
            data-testid="import-created"
          />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic
            title={t('import.updated')}
            value={job.updated}
            styles={{ content: { color: '#1f5fbf' } }}
            data-testid="import-updated"
          />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t('import.unchanged')} value={job.unchanged} data-testid="import-unchanged" />
        </Col>
        <Col xs={12} sm={6}>
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
        <Button icon={<TeamOutlined />} onClick={() => navigate('/persons')}>
          {t('import.toPersons')}
        </Button>
        {again}
      </Space>
    </div>
  );
}

/**
 * Why the file was refused, in the reader's language: where reading stopped (row, column) and the
 * catalogue's message for the code, then the server's detail (in Chinese) when there is one.
 */
function failure(job: ImportJob, t: ReturnType<typeof useI18n>['t'], locale: string): string {
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
