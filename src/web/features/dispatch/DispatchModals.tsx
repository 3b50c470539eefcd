import { DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import type { DispatchItem } from '../../../shared/dispatch';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { UserSelect } from '../users/UserSelect';
import { dispatchApi } from './dispatchApi';

interface AssignValues {
  who: 'user' | 'name';
  assigneeUserId?: string | null;
  assigneeName?: string;
  dueAt: Dayjs;
}

/** Hand lines (one, a group, or those picked) to a user of my jurisdiction or a person named in words, by a time. */
export function AssignModal({
  items,
  onClose,
  onSaved,
}: {
  items: DispatchItem[];
  onClose: () => void;
  onSaved: (items: DispatchItem[]) => void;
}) {
  const item = items[0]!;
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<AssignValues>();
  const [busy, setBusy] = useState(false);
  const who = Form.useWatch('who', form) ?? (item.assigneeUserId || !item.assigneeName ? 'user' : 'name');
  const submit = async (v: AssignValues) => {
    setBusy(true);
    try {
      const res = await dispatchApi.assignMany({
        ids: items.map((i) => i.id),
        ...(v.who === 'user' ? { assigneeUserId: v.assigneeUserId ?? undefined } : { assigneeName: v.assigneeName }),
        dueAt: v.dueAt.toISOString(),
      });
      onSaved(res.items);
    } catch (err) {
      feedback.formError(form, err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('dispatch.assign')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary" data-testid="dispatch-assign-lines">
        {items.length === 1 ? item.title : t('dispatch.selectedLines', { n: items.length })}
      </Typography.Paragraph>
      <Form<AssignValues>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={{
          who,
          assigneeUserId: item.assigneeUserId,
          assigneeName: item.assigneeUserId ? undefined : (item.assigneeName ?? undefined),
          dueAt: item.dueAt ? dayjs(item.dueAt) : dayjs().add(2, 'hour').startOf('hour'),
        }}
      >
        <Form.Item name="who">
          <Radio.Group
            options={[
              { value: 'user', label: t('dispatch.assignUser') },
              { value: 'name', label: t('dispatch.assignName') },
            ]}
          />
        </Form.Item>
        {who === 'user' ? (
          <Form.Item
            name="assigneeUserId"
            label={t('dispatch.assignee')}
            rules={[{ required: true, message: t('dispatch.assigneeRequired') }]}
          >
            <UserSelect valueLabel={item.assigneeName} />
          </Form.Item>
        ) : (
          <Form.Item
            name="assigneeName"
            label={t('dispatch.assignee')}
            rules={[{ required: true, whitespace: true, message: t('dispatch.assigneeRequired') }]}
          >
            <Input maxLength={50} data-testid="dispatch-assignee-name" />
          </Form.Item>
        )}
        <Form.Item name="dueAt" label={t('dispatch.dueAt')} rules={[{ required: true }]}>
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            allowClear={false}
            style={{ width: '100%' }}
            data-testid="dispatch-due-at"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Mark lines done with a note of what was done. */
export function DoneModal({
  items,
  onClose,
  onSaved,
}: {
  items: DispatchItem[];
  onClose: () => void;
  onSaved: (items: DispatchItem[]) => void;
}) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    try {
      onSaved((await dispatchApi.doneMany({ ids: items.map((i) => i.id), note: note.trim() || undefined })).items);
    } catch (err) {
      feedback.error(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={t('dispatch.markDone')}
      okText={t('dispatch.markDone')}
      cancelText={t('common.cancel')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {items.length === 1 ? items[0]!.title : t('dispatch.selectedLines', { n: items.length })}
      </Typography.Paragraph>
      <Input.TextArea
        rows={3}
        maxLength={500}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        placeholder={t('dispatch.doneNote')}
        data-testid="dispatch-done-note"
      />
    </Modal>
  );
}
