import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, InputNumber, Modal, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import type { SupplyItem, Warehouse } from '../../../shared/supplies';
import type { SupplyRequestInput } from '../../../shared/supplies-requests';
import { api, fetchAll } from '../../app/api';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';

interface Values {
  warehouseId: string;
  note?: string;
  lines: { itemId: string; spec?: string; quantity: number; needBy?: Dayjs }[];
}

/** A site asks for supplies (申领): its warehouse, and lines of item, quantity and need-by. */
export function RequestFormModal({
  open,
  onClose,
  onDone,
}: {
  open: boolean;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const [sites, setSites] = useState<Warehouse[]>([]);
  const [items, setItems] = useState<SupplyItem[]>([]);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (!open) return;
    fetchAll<Warehouse>('/supplies/request-sites', { limit: 500 })
      .then((ws) => setSites(ws.filter((w) => w.status === 'active')))
      .catch(feedback.error);
    api.get<SupplyItem[]>('/supplies/request-items').then(setItems).catch(feedback.error);
  }, [open, feedback]);

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    const body: SupplyRequestInput = {
      warehouseId: v.warehouseId,
      note: v.note || null,
      lines: v.lines.map((l) => ({
        itemId: l.itemId,
        spec: l.spec ?? '',
        quantity: l.quantity,
        needBy: l.needBy ? l.needBy.format('YYYY-MM-DD') : null,
      })),
    };
    setSaving(true);
    try {
      await api.post('/supplies/requests', body);
      feedback.success(t('sr.created'));
      form.resetFields();
      onDone();
    } catch (err) {
      feedback.formError(form, err, { WAREHOUSE_NOT_FOUND: 'warehouseId', WAREHOUSE_CLOSED: 'warehouseId' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('sr.new')}
      onCancel={onClose}
      onOk={submit}
      okText={t('sr.submit')}
      confirmLoading={saving}
      width={720}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'request-submit' }}
    >
      <Form form={form} layout="vertical" initialValues={{ lines: [{}] }}>
        <Form.Item name="warehouseId" label={t('sr.site')} rules={[{ required: true }]}>
          <Select
            data-testid="request-site"
            options={sites.map((w) => ({ value: w.id, label: `${w.name}（${w.regionName ?? ''}）` }))}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="baseline" wrap>
                  <Form.Item name={[f.name, 'itemId']} rules={[{ required: true }]} label={i === 0 ? t('sr.item') : ''}>
                    <Select
                      style={{ width: 200 }}
                      data-testid={`request-item-${i}`}
                      options={items.map((it) => ({ value: it.id, label: `${it.name}（${it.unit}）` }))}
                      showSearch={{ optionFilterProp: 'label' }}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'spec']} label={i === 0 ? t('sr.spec') : ''}>
                    <Input style={{ width: 120 }} maxLength={100} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'quantity']}
                    rules={[{ required: true }]}
                    label={i === 0 ? t('sr.quantity') : ''}
                  >
                    <InputNumber min={1} precision={0} style={{ width: 110 }} data-testid={`request-quantity-${i}`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'needBy']} label={i === 0 ? t('sr.needBy') : ''}>
                    <DatePicker />
                  </Form.Item>
                  {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                </Space>
              ))}
              <Button type="dashed" onClick={() => add({})} icon={<PlusOutlined />}>
                {t('sr.addLine')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="note" label={t('sr.note')} style={{ marginTop: 16 }}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
