import { Form, Input, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ReportingPost } from '../../../shared/reporting';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { checkpointApi, type Shift } from '../checkpoints/checkpointApi';
import { REPORTING_POSTS } from './reportingApi';

export interface PostChoice {
  post: ReportingPost;
  note?: string | null;
  siteId?: string | null;
  shiftId?: string | null;
}

/**
 * 安排岗位: one of the six posts; 卡口值守 may name a checkpoint site of the jurisdiction and one of
 * its shifts in the next two days (the member is then on that site's roster).
 */
export function AssignPostModal({
  title,
  hint,
  withNote = true,
  onClose,
  onSubmit,
}: {
  title: string;
  /** a line above the form (what the choice will do) */
  hint?: string;
  withNote?: boolean;
  onClose: () => void;
  onSubmit: (choice: PostChoice) => Promise<void>;
}) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<PostChoice>();
  const post = Form.useWatch('post', form);
  const siteId = Form.useWatch('siteId', form);
  const [sites, setSites] = useState<{ id: string; name: string }[]>([]);
  const [shifts, setShifts] = useState<Shift[]>([]);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (post === 'checkpoint') checkpointApi.sites({ status: 'active' }).then(setSites).catch(feedback.error);
  }, [post, feedback.error]);
  useEffect(() => {
    if (!siteId) return setShifts([]);
    const now = new Date();
    checkpointApi
      .roster({ siteId, from: now.toISOString(), to: new Date(now.getTime() + 48 * 3600_000).toISOString() })
      .then(setShifts)
      .catch(feedback.error);
  }, [siteId, feedback.error]);

  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await onSubmit({
        post: v.post,
        note: v.note || null,
        ...(v.post === 'checkpoint' ? { siteId: v.siteId ?? null, shiftId: v.shiftId ?? null } : {}),
      });
    } catch (err) {
      feedback.error(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open title={title} onCancel={onClose} onOk={() => void submit()} confirmLoading={saving} destroyOnHidden>
      {hint && <Typography.Paragraph type="secondary">{hint}</Typography.Paragraph>}
      <Form form={form} layout="vertical">
        <Form.Item name="post" label={t('reporting.post')} rules={[{ required: true }]}>
          <Select
            data-testid="assign-post"
            options={REPORTING_POSTS.map((p) => ({ value: p, label: t(`reporting.post.${p}`) }))}
          />
        </Form.Item>
        {post === 'checkpoint' && (
          <>
            <Form.Item name="siteId" label={t('reporting.site')}>
              <Select allowClear options={sites.map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
            <Form.Item name="shiftId" label={t('reporting.shift')}>
              <Select
                allowClear
                placeholder={t('reporting.shiftNone')}
                options={shifts.map((s) => ({
                  value: s.id,
                  label: `${formatTime(s.startsAt, locale)} – ${formatTime(s.endsAt, locale)}`,
                }))}
              />
            </Form.Item>
          </>
        )}
        {withNote && (
          <Form.Item name="note" label={t('reporting.note')}>
            <Input maxLength={100} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
