import { Alert, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import type { StockRow, Warehouse } from '../../../shared/supplies';
import type {
  AllocationInput,
  DesignatedStock,
  SupplyRequest,
  SupplyRequestLine,
} from '../../../shared/supplies-requests';
import { api, fetchAll } from '../../app/api';
import { useAuth } from '../../app/auth';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';

interface Values {
  fromWarehouseId: string;
  stock: string;
  toWarehouseId: string;
  quantity: number;
  courier: string;
  courierPhone?: string;
  note?: string;
  designationDecision?: string;
}

const keyOf = (s: StockRow) => JSON.stringify([s.itemId, s.spec, s.batch]);

/**
 * Allocate (调拨 / 出库): a quantity of one stock of a warehouse to a unit's warehouse, with the
 * courier; from the request queue it is against a line (recipient and item fixed). Designated
 * (定向) stock shows what is still owed to its unit; a command-centre user may record a decision.
 */
export function AllocationFormModal({
  open,
  against,
  onClose,
  onDone,
}: {
  open: boolean;
  against?: { request: SupplyRequest; line: SupplyRequestLine } | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t, locale } = useI18n();
  const { me } = useAuth();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const [warehouses, setWarehouses] = useState<Warehouse[]>([]);
  const [stock, setStock] = useState<StockRow[]>([]);
  const [designations, setDesignations] = useState<DesignatedStock[]>([]);
  const [saving, setSaving] = useState(false);
  const from = Form.useWatch('fromWarehouseId', form);
  const stockKey = Form.useWatch('stock', form);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (against) form.setFieldsValue({ toWarehouseId: against.request.warehouseId });
    fetchAll<Warehouse>('/supplies/warehouses', { limit: 500 })
      .then((ws) => setWarehouses(ws.filter((w) => w.status === 'active')))
      .catch(feedback.error);
  }, [open, against, form, feedback]);

  useEffect(() => {
    setStock([]);
    if (!from) return;
    api
      .get<StockRow[]>('/supplies/stock', { warehouseId: from })
      .then((rows) => setStock(against ? rows.filter((r) => r.itemId === against.line.itemId) : rows))
      .catch(feedback.error);
  }, [from, against, feedback]);

  const chosen = stock.find((s) => keyOf(s) === stockKey);
  useEffect(() => {
    setDesignations([]);
    if (!chosen) return;
    api
      .get<DesignatedStock[]>('/supplies/allocations/designations', {
        warehouseId: chosen.warehouseId,
        itemId: chosen.itemId,
        spec: chosen.spec,
        batch: chosen.batch,
      })
      .then(setDesignations)
      .catch(feedback.error);
  }, [chosen, feedback]);

  const submit = async () => {
    const v = await validated(form);
    if (!v || !chosen) return;
    const body: AllocationInput = {
      fromWarehouseId: v.fromWarehouseId,
      toWarehouseId: v.toWarehouseId,
      itemId: chosen.itemId,
      spec: chosen.spec,
      batch: chosen.batch,
      quantity: v.quantity,
      courier: v.courier,
      courierPhone: v.courierPhone || null,
      note: v.note || null,
      requestLineId: against?.line.id ?? null,
      designationDecision: v.designationDecision || null,
    };
    setSaving(true);
    try {
      await api.post('/supplies/allocations', body);
      feedback.success(t('al.sentOk'));
      onDone();
    } catch (err) {
      feedback.formError(form, err, {
        STOCK_INSUFFICIENT: 'quantity',
        SUPPLY_REQUEST_LINE_NOT_APPROVED: 'quantity',
        ALLOCATION_SAME_WAREHOUSE: 'toWarehouseId',
        DESIGNATED_STOCK_ELSEWHERE: 'toWarehouseId',
      });
    } finally {
      setSaving(false);
    }
  };

  const open_ = against ? (against.line.approvedQuantity ?? 0) - against.line.allocatedQuantity : null;
  const options = warehouses.map((w) => ({ value: w.id, label: w.name }));
  return (
    <Modal
      open={open}
      title={t('al.new')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      width={640}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'allocation-submit' }}
    >
      {against && (
        <Alert
          type="info"
          style={{ marginBottom: 16 }}
          message={t('al.lineOf', { site: against.request.warehouseName, item: against.line.itemName, n: open_ ?? 0 })}
        />
      )}
      <Form form={form} layout="vertical">
        <Form.Item name="fromWarehouseId" label={t('al.from')} rules={[{ required: true }]}>
          <Select
            data-testid="allocation-from"
            options={options}
            showSearch={{ optionFilterProp: 'label' }}
            onChange={() => form.setFieldsValue({ stock: undefined })}
          />
        </Form.Item>
        <Form.Item name="stock" label={t('al.stock')} rules={[{ required: true }]}>
          <Select
            data-testid="allocation-stock"
            showSearch={{ optionFilterProp: 'label' }}
            options={stock.map((s) => ({
              value: keyOf(s),
              label: `${s.itemName}${s.spec ? ` · ${s.spec}` : ''}${s.batch ? ` · ${s.batch}` : ''}（${t(
                'al.available',
                {
                  n: `${s.quantity.toLocaleString(locale)} ${s.unit}`,
                },
              )}）`,
            }))}
          />
        </Form.Item>
        {designations.map((d) => (
          <Alert
            key={d.designatedTo}
            type="warning"
            style={{ marginBottom: 16 }}
            message={t('al.designated', { n: d.owed.toLocaleString(locale), to: d.designatedTo })}
            description={me && can.decideDesignation(me.role) ? undefined : t('al.decisionOnlyCommand')}
            data-testid="allocation-designated"
          />
        ))}
        <Form.Item name="toWarehouseId" label={t('al.to')} rules={[{ required: true }]}>
          <Select
            data-testid="allocation-to"
            options={options}
            disabled={!!against}
            showSearch={{ optionFilterProp: 'label' }}
          />
        </Form.Item>
        <Form.Item name="quantity" label={t('al.quantity')} rules={[{ required: true }]}>
          <InputNumber
            min={1}
            max={chosen?.quantity}
            precision={0}
            style={{ width: 200 }}
            data-testid="allocation-quantity"
          />
        </Form.Item>
        <Form.Item name="courier" label={t('al.courier')} rules={[{ required: true, whitespace: true }]}>
          <Input maxLength={60} data-testid="allocation-courier" />
        </Form.Item>
        <Form.Item name="courierPhone" label={t('al.courierPhone')} rules={[{ pattern: /^1[3-9]\d{9}$/ }]}>
          <Input maxLength={11} inputMode="tel" />
        </Form.Item>
        {designations.length > 0 && me && can.decideDesignation(me.role) && (
          <Form.Item name="designationDecision" label={t('al.decision')}>
            <Input.TextArea maxLength={500} rows={2} data-testid="allocation-decision" />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('al.note')}>
          <Input.TextArea maxLength={500} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
