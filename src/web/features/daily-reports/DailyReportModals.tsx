import { Alert, Input, Modal, Radio, Space, Typography, type ButtonProps } from 'antd';
import { useState } from 'react';
import type { DailyReport } from '../../../shared/daily-reports';
import { useI18n } from '../../app/i18n';
import { DailyReportGap } from './DailyReportGap';

/**
 * 报送: confirm that the figures freeze; while children are missing, say which, show how far the sum
 * falls short of the live figures, and require the note that goes up with the report (the county
 * expects the report on time, with the gaps explained).
 */
export function SubmitModal({
  report,
  busy,
  onOk,
  onClose,
}: {
  report: DailyReport;
  busy: boolean;
  onOk: (missingNote?: string) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const missing = report.children?.missing ?? [];
  const [note, setNote] = useState(report.missingNote ?? '');
  const [tried, setTried] = useState(false);
  const ok = () => {
    setTried(true);
    if (missing.length > 0 && !note.trim()) return;
    onOk(missing.length > 0 ? note.trim() : undefined);
  };
  return (
    <Modal
      open
      title={t('dailyReport.submit')}
      okText={t('dailyReport.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={ok}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'dr-submit-ok' } as ButtonProps}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph>{t('dailyReport.submitConfirm')}</Typography.Paragraph>
        {missing.length > 0 && (
          <>
            <Alert
              type="warning"
              showIcon
              title={t('dailyReport.missingNotePrompt', { names: missing.map((c) => c.name).join('、') })}
            />
            <DailyReportGap report={report} />
            <Input.TextArea
              data-testid="dr-missing-note"
              rows={3}
              maxLength={1000}
              value={note}
              status={tried && !note.trim() ? 'error' : undefined}
              placeholder={t('dailyReport.missingNote')}
              onChange={(e) => setNote(e.target.value)}
            />
            {tried && !note.trim() && (
              <Typography.Text type="danger">{t('dailyReport.missingNoteRequired')}</Typography.Text>
            )}
          </>
        )}
      </Space>
    </Modal>
  );
}

/** 审核: the level above marks a submitted report reviewed, or returns it with a note saying what to put right. */
export function ReviewModal({
  report,
  busy,
  onOk,
  onClose,
}: {
  report: DailyReport;
  busy: boolean;
  onOk: (decision: 'reviewed' | 'returned', note?: string) => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [decision, setDecision] = useState<'reviewed' | 'returned'>(
    report.status === 'submitted' ? 'reviewed' : 'returned',
  );
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const needsNote = decision === 'returned' && !note.trim();
  const ok = () => {
    setTried(true);
    if (needsNote) return;
    onOk(decision, note.trim() || undefined);
  };
  return (
    <Modal
      open
      title={t('dailyReport.reviewTitle', { name: report.regionName })}
      okText={t('common.ok')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={ok}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'dr-review-ok' } as ButtonProps}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Radio.Group
          value={decision}
          onChange={(e) => setDecision(e.target.value as 'reviewed' | 'returned')}
          options={[
            ...(report.status === 'submitted' ? [{ value: 'reviewed', label: t('dailyReport.review') }] : []),
            { value: 'returned', label: t('dailyReport.return') },
          ]}
        />
        <Input.TextArea
          data-testid="dr-review-note"
          rows={3}
          maxLength={1000}
          value={note}
          status={tried && needsNote ? 'error' : undefined}
          placeholder={t(decision === 'returned' ? 'dailyReport.returnNote' : 'dailyReport.reviewNote')}
          onChange={(e) => setNote(e.target.value)}
        />
        {tried && needsNote && <Typography.Text type="danger">{t('dailyReport.returnNoteRequired')}</Typography.Text>}
      </Space>
    </Modal>
  );
}
