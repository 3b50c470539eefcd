import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import type { PledgeUnit } from '../../../shared/pledges';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { RegionPicker } from '../regions/RegionPicker';
import { pledgesApi } from './pledgesApi';

/** 新增征集单位 (name, region; the standard text unless another is typed) or 修改正文 of one. */
export function UnitModal({
  unit,
  onClose,
  onSaved,
}: {
  unit: PledgeUnit | null;
  onClose: () => void;
  onSaved: (unit: PledgeUnit) => void;
}) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ name: string; regionId: string; text?: string }>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      const saved = unit
        ? await pledgesApi.updateUnit(unit.id, { name: v.name, text: v.text || undefined })
        : await pledgesApi.createUnit({ name: v.name, regionId: v.regionId, text: v.text || undefined });
      feedback.success(t('pledges.saved'));
      onSaved(saved);
    } catch (err) {
      feedback.formError(form, err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={unit ? t('pledges.editText') : t('pledges.newUnit')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      destroyOnHidden
      width={640}
    >
      <Form form={form} layout="vertical" initialValues={unit ? { name: unit.name, text: unit.text } : {}}>
        <Form.Item name="name" label={t('pledges.unitName')} rules={[{ required: true }]}>
          <Input maxLength={80} data-testid="unit-name" />
        </Form.Item>
        {!unit && (
          <Form.Item name="regionId" label={t('pledges.region')} rules={[{ required: true }]}>
            <RegionPicker />
          </Form.Item>
        )}
        <Form.Item name="text" label={t('pledges.text')} extra={t('pledges.textHint')}>
          <Input.TextArea rows={6} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
