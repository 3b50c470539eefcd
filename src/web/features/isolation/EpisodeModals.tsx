import { Alert, DatePicker, Form, Input, Modal, Radio, Spin, Typography } from 'antd';
// straight from its module, so the QR code stays out of the shared antd chunk (see vite.config.ts)
import QRCode from 'antd/es/qr-code';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import type { EndEpisodeInput, Episode } from '../../../shared/isolation';
import { ApiError } from '../../app/api';
import { useMe } from '../../app/auth';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { isolationApi } from './isolationApi';
import { ObserverSelect } from './pickers';

type EndStatus = EndEpisodeInput['status'];
const END_STATUSES: EndStatus[] = ['completed', 'hospital', 'lost', 'ended_early'];

/**
 * 结束观察: 期满解除 (completed — only at the planned end with normal last follow-ups; it issues the
 * certificate), 转院, 失访 or 提前解除, the last three with a reason. The server's refusals
 * (NOT_YET_DUE, FOLLOW_UPS_NOT_NORMAL …) are shown in the dialog in the UI language.
 */
export function EndEpisodeModal({
  episode,
  onClose,
  onEnded,
}: {
  episode: Episode;
  onClose: () => void;
  onEnded: (ep: Episode) => void;
}) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ status: EndStatus; reason?: string }>();
  const status = Form.useWatch('status', form);
  const [saving, setSaving] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    setSaving(true);
    setRefused(null);
    try {
      const ended = await isolationApi.end(episode.id, {
        status: values.status,
        reason: values.reason?.trim() || undefined,
      });
      feedback.success(t('isolation.ended'));
      onEnded(ended);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'END_REASON_REQUIRED')
        form.setFields([{ name: 'reason', errors: [err.message] }]);
      else if (err instanceof ApiError && err.status < 500 && err.code !== 'NETWORK') setRefused(err.message);
      else feedback.error(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('isolation.end')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'end-submit', danger: status !== 'completed' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ status: 'completed' }}
        onValuesChange={() => setRefused(null)}
      >
        <Form.Item name="status" label={t('isolation.endStatus')}>
          <Radio.Group
            data-testid="end-status"
            options={END_STATUSES.map((s) => ({ value: s, label: t(`isolation.status.${s}`) }))}
          />
        </Form.Item>
        {status === 'completed' && (
          <Typography.Paragraph type="secondary">
            {t('isolation.completeHint', { day: episode.plannedEndDay })}
          </Typography.Paragraph>
        )}
        <Form.Item
          name="reason"
          label={t('isolation.endReason')}
          rules={[{ required: status !== 'completed', whitespace: true, message: t('isolation.endReasonRequired') }]}
        >
          <Input.TextArea
            rows={2}
            maxLength={300}
            placeholder={status === 'completed' ? t('common.optional') : undefined}
            data-testid="end-reason"
          />
        </Form.Item>
      </Form>
      {refused && <Alert type="error" showIcon title={refused} data-testid="end-refused" />}
    </Modal>
  );
}

/** 修改: the observer (for those who may list users) and the planned end (slots follow). */
export function ChangeEpisodeModal({
  episode,
  onClose,
  onChanged,
}: {
  episode: Episode;
  onClose: () => void;
  onChanged: (ep: Episode) => void;
}) {
  const me = useMe();
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ observerId: string | null; plannedEndDay: Dayjs }>();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    const plannedEndDay = values.plannedEndDay.format('YYYY-MM-DD');
    setSaving(true);
    try {
      const changed = await isolationApi.change(episode.id, {
        ...(plannedEndDay !== episode.plannedEndDay ? { plannedEndDay } : {}),
        // an observer is replaced, never removed: a cleared choice keeps the one there is
        ...(can.pickObserver(me.role) && values.observerId && values.observerId !== episode.observerId
          ? { observerId: values.observerId }
          : {}),
      });
      feedback.success(t('common.saved'));
      onChanged(changed);
    } catch (err) {
      feedback.formError(form, err, { EPISODE_DATES_INVALID: 'plannedEndDay', OBSERVER_INVALID: 'observerId' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('isolation.change')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'change-submit' }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ observerId: episode.observerId, plannedEndDay: dayjs(episode.plannedEndDay) }}
      >
        <Form.Item
          name="plannedEndDay"
          label={t('isolation.plannedEnd')}
          extra={t('isolation.plannedEndHint')}
          rules={[{ required: true }]}
        >
          <DatePicker allowClear={false} style={{ width: '100%' }} />
        </Form.Item>
        {can.pickObserver(me.role) && (
          <Form.Item
            name="observerId"
            label={t('isolation.observer')}
            rules={episode.observerId ? [{ required: true, message: t('isolation.observerPlaceholder') }] : []}
          >
            <ObserverSelect valueLabel={episode.observerName} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

/**
 * 自报链接: the isolated person's own link (no login; it stops working when the observation ends),
 * as a URL to copy and a QR code to scan from the observer's phone. Making it is audited.
 */
export function SelfReportLinkModal({ episode, onClose }: { episode: Episode; onClose: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [url, setUrl] = useState<string | null>(null);
  const failed = useRef((err: unknown) => {
    feedback.error(err);
    onClose();
  });

  useEffect(() => {
    let cancelled = false;
    isolationApi
      .link(episode.id)
      .then((link) => !cancelled && setUrl(window.location.origin + link.path))
      .catch((err: unknown) => !cancelled && failed.current(err));
    return () => {
      cancelled = true;
    };
  }, [episode.id]);

  return (
    <Modal
      open
      title={t('isolation.linkTitle', { name: episode.personName })}
      onCancel={onClose}
      footer={null}
      destroyOnHidden
    >
      {!url ? (
        <Spin />
      ) : (
        <div style={{ textAlign: 'center' }}>
          <QRCode value={url} size={220} style={{ margin: '0 auto 12px' }} data-testid="self-report-qr" />
          <Typography.Paragraph
            copyable={{ text: url, tooltips: [t('isolation.copy'), t('isolation.copied')] }}
            style={{ wordBreak: 'break-all' }}
          >
            <span data-testid="self-report-url">{url}</span>
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ textAlign: 'start' }}>
            {t('isolation.linkHint')}
          </Typography.Paragraph>
        </div>
      )}
    </Modal>
  );
}
