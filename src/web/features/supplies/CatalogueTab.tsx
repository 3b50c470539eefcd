import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import type { ItemCategory, SupplyItem } from '../../../shared/supplies';
import { useMe } from '../../app/auth';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { suppliesApi } from './suppliesApi';

const CATEGORIES: ItemCategory[] = ['ppe', 'disinfectant', 'equipment', 'food', 'other'];

/**
 * 物资目录: the county's catalogue — the standard items (KN95 kept apart from N95) and the county's
 * own. An item's unit is fixed once the ledger uses it; the form says so before it is saved.
 */
export function CatalogueTab({ items, onAdded }: { items: SupplyItem[]; onAdded: () => void }) {
  const me = useMe();
  const { t } = useI18n();
  const [adding, setAdding] = useState(false);
  return (
    <Card
      title={t('desk.catalogue')}
      extra={
        can.manageCatalogue(me.role) && (
          <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="item-new">
            {t('desk.newItem')}
          </Button>
        )
      }
    >
      <Table<SupplyItem>
        rowKey="id"
        size="small"
        scroll={{ x: true }}
        pagination={{ pageSize: 50 }}
        dataSource={items}
        data-testid="catalogue-table"
        columns={[
          { title: t('desk.itemCode'), dataIndex: 'code' },
          { title: t('desk.itemName'), dataIndex: 'name' },
          { title: t('desk.category'), render: (_, i) => t(`desk.category.${i.category}`) },
          { title: t('desk.unit'), dataIndex: 'unit' },
          { title: t('desk.standard'), render: (_, i) => i.standard ?? '—' },
          { title: t('desk.specHint'), render: (_, i) => i.specHint ?? '—' },
          {
            title: '',
            render: (_, i) => (
              <>
                {i.builtin && <Tag>{t('desk.builtin')}</Tag>}
                {i.used && <Tag color="blue">{t('desk.used')}</Tag>}
                {i.status === 'retired' && <Tag>{t('desk.retired')}</Tag>}
              </>
            ),
          },
        ]}
      />
      {adding && (
        <ItemModal
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            onAdded();
          }}
        />
      )}
    </Card>
  );
}

function ItemModal({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<{
    code: string;
    name: string;
    category: ItemCategory;
    unit: string;
    standard?: string;
    specHint?: string;
  }>();
  const [saving, setSaving] = useState(false);
  const required = [{ required: true, message: t('donations.required') }];
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setSaving(true);
    try {
      await suppliesApi.createItem({
        code: v.code.trim(),
        name: v.name.trim(),
        category: v.category,
        unit: v.unit.trim(),
        standard: v.standard?.trim() || null,
        specHint: v.specHint?.trim() || null,
      });
      feedback.success(t('desk.itemAdded'));
      onSaved();
    } catch (err) {
      feedback.formError(form, err, { SUPPLY_ITEM_CODE_TAKEN: 'code' });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('desk.newItem')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'item-submit' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" initialValues={{ category: 'food' }}>
        <Form.Item name="code" label={t('desk.itemCode')} rules={required} extra={t('desk.itemCodeHint')}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="name" label={t('desk.itemName')} rules={required}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="category" label={t('desk.category')} rules={required}>
          <Select options={CATEGORIES.map((c) => ({ value: c, label: t(`desk.category.${c}`) }))} />
        </Form.Item>
        <Form.Item name="unit" label={t('desk.unit')} rules={required}>
          <Input maxLength={10} style={{ width: 120 }} />
        </Form.Item>
        <Alert type="warning" showIcon message={t('desk.unitFixed')} style={{ marginBottom: 16 }} />
        <Form.Item name="standard" label={t('desk.standard')}>
          <Input maxLength={60} placeholder="GB 2626" />
        </Form.Item>
        <Form.Item name="specHint" label={t('desk.specHint')}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
