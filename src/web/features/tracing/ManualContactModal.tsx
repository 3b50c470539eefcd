import { Checkbox, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Closeness, ExposureType } from '../../../shared/tracing';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { PersonPicker } from './parts';
import { tracingApi, type Decisions } from './tracingApi';

interface Values {
  personId?: string;
  exposureType: ExposureType;
  exposureDate: Dayjs | null;
  closeness: 'close' | 'casual';
  note?: string;
  isolate: boolean;
}

/** 手动添加: a contact the data did not propose (a colleague, a dinner guest), with how, when and how close; home isolation at once if wanted. */
export function ManualContactModal({
  caseId,
  casePersonId,
  onClose,
  onSaved,
}: {
  caseId: string;
  casePersonId: string;
  onClose: () => void;
  onSaved: (r: Decisions) => void;
}) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    if (v.personId === casePersonId) {
      form.setFields([{ name: 'personId', errors: [t('tracing.notOwnContact')] }]);
      return;
    }
    setSaving(true);
    try {
      const r = await tracingApi.decide(caseId, {
        accept: [
          {
            personId: v.personId!,
            exposureType: v.exposureType,
            exposureDate: v.exposureDate?.format('YYYY-MM-DD') ?? null,
            closeness: v.closeness,
            sourceType: 'manual',
            note: v.note?.trim() || null,
          },
        ],
        isolate: v.isolate ? { kind: 'home', reason: 'close_contact' } : undefined,
      });
      feedback.success(
        t('tracing.decided', { accepted: r.accepted, rejected: r.rejected, isolated: r.isolated.length }),
      );
      onSaved(r);
    } catch (err) {
      feedback.formError(form, err, { PERSON_NOT_FOUND: 'personId' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('tracing.addManually')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'manual-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ exposureType: 'other', closeness: 'close', isolate: true, exposureDate: null }}
      >
        <Form.Item
          name="personId"
          label={t('tracing.person')}
          rules={[{ required: true, message: t('tracing.required') }]}
          extra={t('tracing.personHint')}
        >
          <PersonPicker testId="manual-person" />
        </Form.Item>
        <Form.Item
          name="exposureType"
          label={t('tracing.exposureType')}
          rules={[{ required: true, message: t('tracing.required') }]}
        >
          <Select options={ExposureType.options.map((e) => ({ value: e, label: t(`tracing.exposure.${e}`) }))} />
        </Form.Item>
        <Form.Item name="exposureDate" label={t('tracing.exposureDate')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="closeness" label={t('tracing.closeness')}>
          <Radio.Group
            optionType="button"
            options={Closeness.options.map((c) => ({ value: c, label: t(`tracing.closeness.${c}`) }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('tracing.note')}>
          <Input.TextArea maxLength={300} rows={2} />
        </Form.Item>
        <Form.Item name="isolate" valuePropName="checked">
          <Checkbox>{t('tracing.isolateHome')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
