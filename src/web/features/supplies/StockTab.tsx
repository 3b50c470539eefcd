import { Button, Card, Form, Input, InputNumber, Modal, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { StockRow } from '../../../shared/supplies';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { suppliesApi } from './suppliesApi';

/**
 * 库存: stock of the jurisdiction by warehouse, item, specification and batch — the ledger's sums,
 * never edited. 盘点 on a row: the desk types what it counted; the difference from the book is
 * written to the ledger with the reason.
 */
export function StockTab() {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const [stock, setStock] = useState<StockRow[] | null>(null);
  const [counting, setCounting] = useState<StockRow | null>(null);

  const load = useCallback(() => {
    suppliesApi
      .stock()
      .then(setStock)
      .catch((err: unknown) => {
        setStock([]);
        feedback.error(err);
      });
  }, [feedback]);
  useEffect(load, [load]);

  return (
    <Card
      title={t('supplies.stock')}
      extra={
        <a href="/ledger" target="_blank" rel="noreferrer" data-testid="supplies-public-ledger">
          {t('supplies.publicLedger')}
        </a>
      }
    >
      <Table<StockRow>
        dataSource={stock ?? []}
        loading={stock === null}
        rowKey={(r) => `${r.warehouseId}|${r.itemId}|${r.spec}|${r.batch}`}
        size="small"
        scroll={{ x: true }}
        pagination={{ pageSize: 50 }}
        locale={{ emptyText: t('supplies.noStock') }}
        data-testid="supplies-stock"
        columns={[
          { title: t('supplies.warehouse'), dataIndex: 'warehouseName' },
          { title: t('supplies.item'), dataIndex: 'itemName' },
          { title: t('supplies.spec'), render: (_, r) => r.spec || '—' },
          { title: t('supplies.batch'), render: (_, r) => r.batch || '—' },
          { title: t('supplies.expiry'), render: (_, r) => r.expiry ?? '—' },
          {
            title: t('supplies.quantity'),
            align: 'right',
            render: (_, r) => `${r.quantity.toLocaleString(locale)} ${r.unit}`,
          },
          {
            title: '',
            render: (_, r) => (
              <Button size="small" onClick={() => setCounting(r)} data-testid={`stocktake-${r.itemCode}-${r.batch}`}>
                {t('desk.stocktake')}
              </Button>
            ),
          },
        ]}
      />
      {counting && (
        <StocktakeModal
          row={counting}
          onClose={() => setCounting(null)}
          onSaved={() => {
            setCounting(null);
            load();
          }}
        />
      )}
    </Card>
  );
}

function StocktakeModal({ row, onClose, onSaved }: { row: StockRow; onClose: () => void; onSaved: () => void }) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ counted: number; reason: string }>();
  const counted = Form.useWatch('counted', form);
  const [saving, setSaving] = useState(false);
  const difference = typeof counted === 'number' ? counted - row.quantity : null;
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    if (v.counted === row.quantity) {
      form.setFields([{ name: 'counted', errors: [t('desk.noDifference')] }]);
      return;
    }
    setSaving(true);
    try {
      await suppliesApi.stocktake({
        warehouseId: row.warehouseId,
        itemId: row.itemId,
        spec: row.spec,
        batch: row.batch,
        expiry: row.expiry,
        quantity: v.counted - row.quantity,
        reason: v.reason.trim(),
      });
      feedback.success(t('desk.stocktakeSaved'));
      onSaved();
    } catch (err) {
      feedback.formError(form, err, { STOCK_INSUFFICIENT: 'counted' });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('desk.stocktakeTitle', { item: row.itemName, warehouse: row.warehouseName })}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'stocktake-submit' }}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {t('desk.book', { quantity: row.quantity.toLocaleString(locale), unit: row.unit })}
        {row.batch ? ` · ${t('supplies.batch')} ${row.batch}` : ''}
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="counted"
          label={t('desk.counted')}
          rules={[{ required: true, message: t('donations.required') }]}
        >
          <InputNumber id="stocktake-counted" min={0} precision={0} style={{ width: 200 }} />
        </Form.Item>
        {difference !== null && (
          <Typography.Paragraph data-testid="stocktake-difference">
            {t('desk.difference', { difference: (difference > 0 ? '+' : '') + difference.toLocaleString(locale) })}
          </Typography.Paragraph>
        )}
        <Form.Item
          name="reason"
          label={t('desk.reason')}
          rules={[{ required: true, message: t('donations.required') }]}
        >
          <Input.TextArea id="stocktake-reason" maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
