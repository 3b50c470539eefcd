import { Form, Input, InputNumber, Modal, Table } from 'antd';
import { useState } from 'react';
import type { SupplyRequest, SupplyRequestLine } from '../../../shared/supplies-requests';
import { api } from '../../app/api';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';

interface Values {
  approved: Record<string, number>;
  note?: string;
}

/** The level above approves a request's lines in whole or in part (0 refuses a line). */
export function RequestApproveModal({
  request,
  onClose,
  onDone,
}: {
  request: SupplyRequest;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const initial = Object.fromEntries(request.lines.map((l) => [l.id, l.approvedQuantity ?? l.quantity]));

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setSaving(true);
    try {
      await api.post(`/supplies/requests/${request.id}/approve`, {
        lines: request.lines.map((l) => ({ lineId: l.id, approvedQuantity: v.approved[l.id] ?? 0 })),
        note: v.note || null,
      });
      feedback.success(t('sr.approvedOk'));
      onDone();
    } catch (err) {
      feedback.formError(form, err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={`${t('sr.approveTitle')} · ${request.warehouseName}`}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      width={720}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'approve-submit' }}
    >
      <Form form={form} layout="vertical" initialValues={{ approved: initial }}>
        <Table<SupplyRequestLine>
          dataSource={request.lines}
          rowKey="id"
          size="small"
          pagination={false}
          columns={[
            { title: t('sr.item'), render: (_, l) => `${l.itemName}${l.spec ? `（${l.spec}）` : ''}` },
            { title: t('sr.quantity'), render: (_, l) => `${l.quantity} ${l.unit}` },
            { title: t('sr.needBy'), render: (_, l) => l.needBy ?? '—' },
            {
              title: t('sr.approved'),
              render: (_, l, i) => (
                <Form.Item name={['approved', l.id]} noStyle rules={[{ required: true }]}>
                  <InputNumber
                    min={l.allocatedQuantity}
                    max={l.quantity}
                    precision={0}
                    data-testid={`approve-quantity-${i}`}
                  />
                </Form.Item>
              ),
            },
          ]}
        />
        <Form.Item name="note" label={t('sr.approvalNote')} style={{ marginTop: 16 }}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
