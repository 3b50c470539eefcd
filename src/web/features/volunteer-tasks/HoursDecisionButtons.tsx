import { Button, Input, Popover, Space } from 'antd';
import { useState } from 'react';
import type { HoursEntry } from '../../../shared/volunteer-tasks';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { volunteerTasksApi } from './volunteerTasksApi';

/** 认定 / 不予认定: approve the hours, or refuse them with a reason (the record stays). */
export function HoursDecisionButtons({ entry, onDone }: { entry: HoursEntry; onDone: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState('');
  const decide = async (body: Parameters<typeof volunteerTasksApi.decide>[1]) => {
    setBusy(true);
    try {
      await volunteerTasksApi.decide(entry.id, body);
      feedback.success(body.decision === 'approve' ? t('vtasks.approved') : t('vtasks.refused'));
      onDone();
    } catch (err) {
      feedback.error(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space size={4}>
      <Button
        size="small"
        type="primary"
        loading={busy}
        onClick={() => decide({ decision: 'approve' })}
        data-testid={`hours-approve-${entry.name}`}
      >
        {t('vtasks.approve')}
      </Button>
      <Popover
        trigger="click"
        content={
          <Space direction="vertical">
            <Input.TextArea
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              maxLength={500}
              rows={2}
              placeholder={t('vtasks.refuseReason')}
            />
            <Button
              size="small"
              danger
              disabled={!reason.trim()}
              onClick={() => decide({ decision: 'refuse', reason: reason.trim() })}
            >
              {t('vtasks.refuse')}
            </Button>
          </Space>
        }
      >
        <Button size="small" danger disabled={busy}>
          {t('vtasks.refuse')}
        </Button>
      </Popover>
    </Space>
  );
}
