import { EditOutlined, UndoOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import type { ZeroReportDraft, ZeroReportFigureKey } from '../../../shared/zero-reports';
import { ApiError } from '../../app/api';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { zeroReportApi } from './zeroReportApi';

interface Edit {
  value: number;
  reason: string;
}

/** The edits a resubmission starts from: the corrections of the version already submitted. */
function editsOf(draft: ZeroReportDraft): Partial<Record<ZeroReportFigureKey, Edit>> {
  return Object.fromEntries(
    (draft.report?.corrections ?? []).map((c) => [c.field, { value: c.value, reason: c.reason }]),
  );
}

/**
 * One unit's zero report for one day, on a phone: each figure Qunfang computed, shown large; the
 * unit confirms them all with one button, or corrects one — a changed figure needs a reason —
 * and adds remarks. After submitting it says when, which version, and whether on time.
 */
export function ZeroReportForm({ draft, onSubmitted }: { draft: ZeroReportDraft; onSubmitted: () => void }) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const [edits, setEdits] = useState(() => editsOf(draft));
  const [remarks, setRemarks] = useState(draft.report?.remarks ?? '');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);

  const changed = draft.fields.filter((f) => edits[f] && edits[f]!.value !== draft.computed[f]);
  const unexplained = changed.filter((f) => !edits[f]!.reason.trim());
  const allZero = draft.fields.every((f) => (draft.computed[f] ?? 0) === 0);

  const submit = async () => {
    setTried(true);
    if (unexplained.length > 0) return;
    setBusy(true);
    try {
      const result = await zeroReportApi.submit({
        unitType: draft.unit.unitType,
        unitId: draft.unit.unitId,
        day: draft.day,
        corrections: changed.map((f) => ({ field: f, value: edits[f]!.value, reason: edits[f]!.reason.trim() })),
        remarks: remarks.trim() || null,
      });
      feedback.success(t(result.created ? 'zeroReport.form.submitted' : 'zeroReport.form.unchanged'));
      onSubmitted();
    } catch (err) {
      // the figures moved on since the form was opened (a late passage, a new isolation): show the new ones
      if (err instanceof ApiError && err.code === 'ZERO_REPORT_REASON_REQUIRED') {
        feedback.error(new ApiError(err.status, err.code, t('zeroReport.form.figuresChanged')));
        onSubmitted();
      } else feedback.error(err);
    } finally {
      setBusy(false);
    }
  };

  const report = draft.report;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      {report && (
        <Alert
          data-testid="zr-submitted"
          type={report.onTime ? 'success' : 'warning'}
          showIcon
          title={t(report.onTime ? 'zeroReport.form.submittedOnTime' : 'zeroReport.form.submittedLate', {
            time: formatTime(report.submittedAt, locale),
            version: report.version,
          })}
        />
      )}
      {!report && draft.deadlinePassed && <Alert type="warning" showIcon title={t('zeroReport.form.deadlinePassed')} />}
      <Typography.Text type="secondary" data-testid="zr-period" style={{ fontSize: 13 }}>
        {t('zeroReport.form.period', {
          from: formatTime(draft.period.from, locale),
          to: formatTime(draft.period.to, locale),
          asOf: formatTime(draft.asOf, locale),
        })}
      </Typography.Text>
      {draft.fields.map((field) => {
        const edit = edits[field];
        const computed = draft.computed[field] ?? 0;
        const isChanged = edit !== undefined && edit.value !== computed;
        const missingReason = tried && isChanged && !edit.reason.trim();
        return (
          <Card key={field} size="small" data-testid={`zr-figure-${field}`} styles={{ body: { padding: '10px 14px' } }}>
            <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
              <div style={{ flex: 1, minWidth: 0 }}>
                <div style={{ fontSize: 15 }}>{t(`zeroReport.figure.${field}`)}</div>
                {isChanged && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('zeroReport.form.computed', { n: computed })}
                  </Typography.Text>
                )}
              </div>
              {edit === undefined ? (
                <>
                  <span
                    data-testid={`zr-value-${field}`}
                    style={{ fontSize: 26, fontWeight: 600, minWidth: 48, textAlign: 'right' }}
                  >
                    {computed}
                  </span>
                  <Button
                    icon={<EditOutlined />}
                    data-testid={`zr-correct-${field}`}
                    onClick={() => setEdits({ ...edits, [field]: { value: computed, reason: '' } })}
                    aria-label={t('zeroReport.form.correct')}
                  />
                </>
              ) : (
                <>
                  <InputNumber
                    data-testid={`zr-input-${field}`}
                    min={0}
                    max={1_000_000}
                    precision={0}
                    inputMode="numeric"
                    value={edit.value}
                    onChange={(v) => setEdits({ ...edits, [field]: { ...edit, value: typeof v === 'number' ? v : 0 } })}
                    style={{ width: 96 }}
                    size="large"
                    aria-label={t('zeroReport.form.value')}
                  />
                  <Button
                    icon={<UndoOutlined />}
                    onClick={() => {
                      const rest = { ...edits };
                      delete rest[field];
                      setEdits(rest);
                    }}
                    aria-label={t('zeroReport.form.undo')}
                  />
                </>
              )}
            </div>
            {isChanged && (
              <Form.Item
                style={{ margin: '8px 0 0' }}
                validateStatus={missingReason ? 'error' : undefined}
                help={missingReason ? t('zeroReport.form.reasonRequired') : undefined}
              >
                <Input
                  data-testid={`zr-reason-${field}`}
                  maxLength={200}
                  value={edit.reason}
                  placeholder={t('zeroReport.form.reasonPlaceholder')}
                  onChange={(e) => setEdits({ ...edits, [field]: { ...edit, reason: e.target.value } })}
                  aria-label={t('zeroReport.form.reason')}
                />
              </Form.Item>
            )}
          </Card>
        );
      })}
      {allZero && <Typography.Text type="secondary">{t('zeroReport.form.allZero')}</Typography.Text>}
      <Input.TextArea
        data-testid="zr-remarks"
        value={remarks}
        onChange={(e) => setRemarks(e.target.value)}
        maxLength={500}
        autoSize={{ minRows: 2, maxRows: 5 }}
        placeholder={t('zeroReport.form.remarksPlaceholder')}
        aria-label={t('zeroReport.form.remarks')}
      />
      <Button type="primary" size="large" block loading={busy} onClick={() => void submit()} data-testid="zr-submit">
        {t(report ? 'zeroReport.form.resubmit' : 'zeroReport.form.submit')}
      </Button>
    </Space>
  );
}
