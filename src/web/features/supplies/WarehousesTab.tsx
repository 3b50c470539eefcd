import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Modal, Popconfirm, Select, Tag } from 'antd';
import { useState } from 'react';
import type { Warehouse, WarehouseKind } from '../../../shared/supplies';
import { useMe } from '../../app/auth';
import { PagedTable } from '../../app/components/PagedTable';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { usePaged } from '../../app/usePaged';
import { RegionPicker } from '../regions/RegionPicker';
import { suppliesApi } from './suppliesApi';

const KINDS: WarehouseKind[] = ['county', 'township', 'hospital', 'checkpoint', 'isolation_site'];

/** 仓库: the jurisdiction's warehouses; add one at a region, close one (its ledger stays), reopen it. */
export function WarehousesTab() {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [refresh, setRefresh] = useState(0);
  const [adding, setAdding] = useState(false);
  const warehouses = usePaged<Warehouse>('/supplies/warehouses', {}, feedback.error, refresh);
  const setStatus = async (w: Warehouse, status: Warehouse['status']) => {
    try {
      await suppliesApi.changeWarehouse(w.id, { status });
      feedback.success(t(status === 'closed' ? 'desk.closed' : 'desk.reopened'));
      setRefresh((n) => n + 1);
    } catch (err) {
      feedback.error(err);
    }
  };
  return (
    <Card
      title={t('desk.warehouses')}
      extra={
        <Button icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="warehouse-new">
          {t('desk.newWarehouse')}
        </Button>
      }
    >
      <PagedTable<Warehouse>
        list={warehouses}
        rowKey="id"
        size="small"
        scroll={{ x: true }}
        data-testid="warehouses-table"
        columns={[
          { title: t('desk.warehouseName'), dataIndex: 'name' },
          { title: t('desk.warehouseKind'), render: (_, w) => t(`desk.warehouseKind.${w.kind}`) },
          { title: t('desk.region'), render: (_, w) => w.regionName ?? '—' },
          { title: t('desk.keeper'), render: (_, w) => w.keeper ?? '—' },
          { title: t('desk.address'), render: (_, w) => w.address ?? '—' },
          {
            title: t('supplies.status'),
            render: (_, w) =>
              w.status === 'active' ? <Tag color="green">{t('desk.open')}</Tag> : <Tag>{t('desk.closedTag')}</Tag>,
          },
          {
            title: '',
            render: (_, w) =>
              w.status === 'active' ? (
                <Popconfirm title={t('desk.closeConfirm')} onConfirm={() => setStatus(w, 'closed')}>
                  <Button size="small">{t('desk.close')}</Button>
                </Popconfirm>
              ) : (
                <Button size="small" onClick={() => setStatus(w, 'active')}>
                  {t('desk.reopen')}
                </Button>
              ),
          },
        ]}
      />
      {adding && (
        <WarehouseModal
          onClose={() => setAdding(false)}
          onSaved={() => {
            setAdding(false);
            setRefresh((n) => n + 1);
          }}
        />
      )}
    </Card>
  );
}

function WarehouseModal({ onClose, onSaved }: { onClose: () => void; onSaved: () => void }) {
  const me = useMe();
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<{
    name: string;
    kind: WarehouseKind;
    regionId: string | null;
    keeper?: string;
    address?: string;
  }>();
  const [saving, setSaving] = useState(false);
  const required = [{ required: true, message: t('donations.required') }];
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setSaving(true);
    try {
      await suppliesApi.createWarehouse({
        name: v.name.trim(),
        kind: v.kind,
        regionId: v.regionId!,
        keeper: v.keeper?.trim() || null,
        address: v.address?.trim() || null,
      });
      feedback.success(t('desk.warehouseAdded'));
      onSaved();
    } catch (err) {
      feedback.formError(form, err, { REGION_NOT_FOUND: 'regionId' });
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('desk.newWarehouse')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'warehouse-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ kind: me.region ? 'township' : 'county', regionId: me.region?.id ?? null }}
      >
        <Form.Item name="name" label={t('desk.warehouseName')} rules={required}>
          <Input id="warehouse-name" maxLength={60} />
        </Form.Item>
        <Form.Item name="kind" label={t('desk.warehouseKind')} rules={required}>
          <Select options={KINDS.map((k) => ({ value: k, label: t(`desk.warehouseKind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="regionId" label={t('desk.region')} rules={required}>
          <RegionPicker valueLabel={me.region?.name} />
        </Form.Item>
        <Form.Item name="keeper" label={t('desk.keeper')}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="address" label={t('desk.address')}>
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
