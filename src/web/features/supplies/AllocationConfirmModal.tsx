import { Descriptions, Form, Input, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import type { Allocation } from '../../../shared/supplies-requests';
import { api } from '../../app/api';
import { useFeedback, validated } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';

/** 签收: the receiving unit counts what arrived; a difference from what was sent needs its reason. */
export function AllocationConfirmModal({
  allocation: a,
  onClose,
  onDone,
}: {
  allocation: Allocation;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ receivedQuantity: number; discrepancyReason?: string }>();
  const [saving, setSaving] = useState(false);
  const received = Form.useWatch('receivedQuantity', form);

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setSaving(true);
    try {
      await api.post(`/supplies/allocations/${a.id}/confirm`, {
        receivedQuantity: v.receivedQuantity,
        discrepancyReason: v.discrepancyReason || null,
      });
      feedback.success(t('al.confirmedOk'));
      onDone();
    } catch (err) {
      feedback.formError(form, err, { ALLOCATION_DISCREPANCY_UNEXPLAINED: 'discrepancyReason' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('al.confirmTitle')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'confirm-submit' }}
    >
      <Descriptions size="small" column={1} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('al.from')}>{a.fromWarehouseName}</Descriptions.Item>
        <Descriptions.Item label={t('al.item')}>
          {a.itemName}
          {a.spec ? ` · ${a.spec}` : ''}
          {a.batch ? ` · ${a.batch}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('al.quantity')}>
          {a.quantity.toLocaleString(locale)} {a.unit}
        </Descriptions.Item>
        <Descriptions.Item label={t('al.courier')}>{a.courier}</Descriptions.Item>
        <Descriptions.Item label={t('al.sentAt')}>{formatTime(a.sentAt, locale)}</Descriptions.Item>
      </Descriptions>
      <Form form={form} layout="vertical" initialValues={{ receivedQuantity: a.quantity }}>
        <Form.Item name="receivedQuantity" label={t('al.receivedQuantity')} rules={[{ required: true }]}>
          <InputNumber min={0} max={a.quantity} precision={0} data-testid="confirm-quantity" />
        </Form.Item>
        <Form.Item
          name="discrepancyReason"
          label={t('al.discrepancyReason')}
          rules={[{ required: received !== undefined && received !== a.quantity, whitespace: true }]}
        >
          <Input.TextArea maxLength={500} rows={2} data-testid="confirm-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
