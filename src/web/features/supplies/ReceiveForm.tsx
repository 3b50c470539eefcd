import { App, Button, Checkbox, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { DonationDetail, DonationLine } from '../../../shared/donations';
import type { SupplyItem, Warehouse } from '../../../shared/supplies';
import { fetchAll } from '../../app/api';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { suppliesApi } from './suppliesApi';

interface LineValues {
  lineId: string;
  include: boolean;
  itemId: string;
  spec: string;
  quantity: number | null;
  batch?: string;
  expiry?: string;
  verdict: 'accepted' | 'rejected';
  verdictReason?: string;
  discrepancyReason?: string;
}
interface Values {
  warehouseId?: string;
  lines: LineValues[];
}

/**
 * 验收: the open lines of a donation counted into one warehouse. Each line keeps what was declared;
 * the desk writes what arrived — another item (a "N95" that is KN95), specification or quantity asks
 * for the reason — with batch, expiry and the verdict (合格, or 不合格 with the reason).
 */
export function ReceiveForm({
  donation,
  lines,
  items,
  onReceived,
}: {
  donation: DonationDetail;
  lines: DonationLine[];
  items: SupplyItem[];
  onReceived: (d: DonationDetail) => void;
}) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [warehouses, setWarehouses] = useState<Warehouse[]>([]);
  const [saving, setSaving] = useState(false);
  const watched = (Form.useWatch('lines', form) ?? []) as LineValues[];
  const money = donation.kind === 'money';
  const itemOptions = items
    .filter((i) => i.status === 'active' && (i.category === 'money') === money)
    .map((i) => ({ value: i.id, label: `${i.name}（${i.unit}）` }));

  useEffect(() => {
    fetchAll<Warehouse>('/supplies/warehouses', {})
      .then((ws) => setWarehouses(ws.filter((w) => w.status === 'active')))
      .catch(feedback.error);
  }, [feedback]);

  const differs = (l: LineValues | undefined, i: number) => {
    const line = lines[i];
    if (!l || !line) return false;
    return l.itemId !== line.itemId || (l.spec ?? '') !== line.spec || l.quantity !== line.quantity;
  };

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    const chosen = v.lines.filter((l) => l.include);
    if (!chosen.length) {
      message.warning(t('donations.noLineChosen'));
      return;
    }
    setSaving(true);
    try {
      const saved = await suppliesApi.receive(donation.id, {
        warehouseId: v.warehouseId!,
        lines: chosen.map((l) => {
          const line = lines.find((x) => x.id === l.lineId)!;
          return {
            lineId: l.lineId,
            itemId: l.itemId !== line.itemId ? l.itemId : undefined,
            spec: (l.spec ?? '').trim(),
            quantity: l.quantity ?? 0,
            batch: (l.batch ?? '').trim(),
            expiry: l.expiry || null,
            verdict: l.verdict,
            verdictReason: l.verdict === 'rejected' ? l.verdictReason?.trim() || null : null,
            discrepancyReason: l.discrepancyReason?.trim() || null,
          };
        }),
      });
      feedback.success(t('donations.receivedOk'));
      onReceived(saved);
    } catch (err) {
      feedback.formError(form, err, { WAREHOUSE_NOT_FOUND: 'warehouseId', WAREHOUSE_CLOSED: 'warehouseId' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form
      form={form}
      name="receive"
      layout="vertical"
      initialValues={{
        lines: lines.map((l) => ({
          lineId: l.id,
          include: true,
          itemId: l.itemId,
          spec: l.spec,
          quantity: l.quantity,
          batch: '',
          verdict: 'accepted',
        })),
      }}
    >
      <Form.Item
        name="warehouseId"
        label={t('donations.warehouse')}
        rules={[{ required: true, message: t('donations.required') }]}
      >
        <Select
          style={{ maxWidth: 360 }}
          options={warehouses.map((w) => ({ value: w.id, label: `${w.name}（${w.regionName ?? ''}）` }))}
          notFoundContent={t('donations.noWarehouses')}
        />
      </Form.Item>
      <Form.List name="lines">
        {(fields) =>
          fields.map((f, i) => {
            const line = lines[i]!;
            const l = watched[i];
            const rejected = l?.verdict === 'rejected';
            return (
              <div key={f.key} className="qf-receive-line" data-testid={`receive-line-${line.lineNo}`}>
                <Typography.Text strong>
                  {t('donations.lineDeclared', {
                    no: line.lineNo,
                    item: `${line.itemName}${line.spec ? `（${line.spec}）` : ''}`,
                    quantity: line.quantity,
                    unit: line.unit,
                  })}
                </Typography.Text>
                <Form.Item name={[f.name, 'lineId']} hidden>
                  <Input />
                </Form.Item>
                <Space wrap align="start">
                  <Form.Item name={[f.name, 'include']} valuePropName="checked" label=" ">
                    <Checkbox>{t('donations.receiveThis')}</Checkbox>
                  </Form.Item>
                  <Form.Item name={[f.name, 'itemId']} label={t('donations.receivedItem')}>
                    <Select showSearch={{ optionFilterProp: 'label' }} style={{ width: 200 }} options={itemOptions} />
                  </Form.Item>
                  {!money && (
                    <Form.Item name={[f.name, 'spec']} label={t('donations.spec')}>
                      <Input maxLength={100} style={{ width: 120 }} />
                    </Form.Item>
                  )}
                  <Form.Item name={[f.name, 'quantity']} label={t('donations.counted')}>
                    <InputNumber min={0} precision={0} style={{ width: 120 }} />
                  </Form.Item>
                  {!money && (
                    <>
                      <Form.Item name={[f.name, 'batch']} label={t('donations.batch')}>
                        <Input maxLength={60} style={{ width: 130 }} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'expiry']} label={t('donations.expiry')}>
                        <Input type="date" />
                      </Form.Item>
                    </>
                  )}
                  <Form.Item name={[f.name, 'verdict']} label={t('donations.verdict')}>
                    <Radio.Group
                      optionType="button"
                      options={[
                        { value: 'accepted', label: t('donations.verdict.accepted') },
                        { value: 'rejected', label: t('donations.verdict.rejected') },
                      ]}
                    />
                  </Form.Item>
                  {rejected && (
                    <Form.Item
                      name={[f.name, 'verdictReason']}
                      label={t('donations.verdictReason')}
                      rules={[{ required: l?.include, message: t('donations.required') }]}
                    >
                      <Input maxLength={300} style={{ width: 220 }} />
                    </Form.Item>
                  )}
                  {differs(l, i) && (
                    <Form.Item
                      name={[f.name, 'discrepancyReason']}
                      label={t('donations.discrepancyReason')}
                      rules={[{ required: l?.include, message: t('donations.required') }]}
                      extra={
                        l?.itemId !== line.itemId
                          ? t('donations.corrected', {
                              declared: line.itemName,
                              received: items.find((x) => x.id === l?.itemId)?.name ?? '',
                            })
                          : undefined
                      }
                    >
                      <Input maxLength={300} style={{ width: 260 }} placeholder={t('donations.discrepancyHint')} />
                    </Form.Item>
                  )}
                </Space>
              </div>
            );
          })
        }
      </Form.List>
      <Button type="primary" loading={saving} onClick={submit} data-testid="receive-submit">
        {t('donations.receiveSubmit')}
      </Button>
    </Form>
  );
}
