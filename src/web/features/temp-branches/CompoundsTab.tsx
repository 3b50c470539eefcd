import { PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Space, Switch, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { Compound } from '../../../shared/temp-branches';
import { useMe } from '../../app/auth';
import { PagedTable } from '../../app/components/PagedTable';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { usePaged } from '../../app/usePaged';
import { RegionPicker } from '../regions/RegionPicker';
import { tempBranchesApi } from './tempBranchesApi';

interface Values {
  regionId: string | null;
  name?: string;
  propertyManagement: boolean;
  propertyCompany?: string;
}

/** 小区: the compounds marked in the jurisdiction, their households and residents now, property management and branch. */
export function CompoundsTab({ onChanged }: { onChanged: () => void }) {
  const { t } = useI18n();
  const me = useMe();
  const feedback = useFeedback();
  const [refresh, setRefresh] = useState(0);
  const [marking, setMarking] = useState(false);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Values>();
  const list = usePaged<Compound>('/compounds', {}, feedback.error, refresh);
  const manage = can.manageBranches(me.role);
  const changed = () => {
    setRefresh((n) => n + 1);
    onChanged();
  };
  const mark = async () => {
    const v = await validated(form);
    if (!v) return;
    setSaving(true);
    try {
      await tempBranchesApi.markCompound({
        regionId: v.regionId!,
        name: v.name?.trim() || undefined,
        propertyManagement: v.propertyManagement,
        propertyCompany: v.propertyCompany?.trim() || null,
      });
      feedback.success(t('tempBranches.compounds.marked'));
      setMarking(false);
      form.resetFields();
      changed();
    } catch (err) {
      feedback.formError(form, err, {
        REGION_NOT_FOUND: 'regionId',
        COMPOUND_EXISTS: 'regionId',
        COMPOUND_REGION_INVALID: 'regionId',
      });
    } finally {
      setSaving(false);
    }
  };
  const toggle = async (c: Compound) => {
    try {
      await tempBranchesApi.changeCompound(c.id, { propertyManagement: !c.propertyManagement });
      feedback.success(t('tempBranches.compounds.saved'));
      changed();
    } catch (err) {
      feedback.error(err);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {manage && (
        <Button icon={<PlusOutlined />} onClick={() => setMarking(true)} data-testid="compound-new">
          {t('tempBranches.compounds.mark')}
        </Button>
      )}
      <PagedTable<Compound>
        list={list}
        rowKey="id"
        size="small"
        scroll={{ x: true }}
        locale={{ emptyText: t('tempBranches.compounds.none') }}
        columns={[
          { title: t('tempBranches.compounds.name'), dataIndex: 'name' },
          { title: t('tempBranches.region'), render: (_, c) => c.regionName ?? '—' },
          { title: t('tempBranches.compounds.households'), dataIndex: 'households' },
          { title: t('tempBranches.compounds.residents'), dataIndex: 'residents' },
          {
            title: t('tempBranches.compounds.property'),
            render: (_, c) => (
              <Space size={4} wrap>
                <Tag color={c.propertyManagement ? 'green' : 'orange'}>
                  {c.propertyManagement
                    ? t('tempBranches.compounds.hasProperty')
                    : t('tempBranches.compounds.noProperty')}
                </Tag>
                {c.propertyCompany}
                {manage && (
                  <Button
                    size="small"
                    type="link"
                    onClick={() => void toggle(c)}
                    data-testid={`compound-toggle-${c.id}`}
                  >
                    {t('tempBranches.compounds.toggle', {
                      state: c.propertyManagement
                        ? t('tempBranches.compounds.noProperty')
                        : t('tempBranches.compounds.hasProperty'),
                    })}
                  </Button>
                )}
              </Space>
            ),
          },
          {
            title: t('tempBranches.compounds.branch'),
            render: (_, c) =>
              c.branchId ? <Link to={`/temp-branches/${c.branchId}`}>{t('tempBranches.status.open')}</Link> : '—',
          },
        ]}
      />
      {marking && (
        <Modal
          open
          title={t('tempBranches.compounds.mark')}
          onCancel={() => setMarking(false)}
          onOk={mark}
          confirmLoading={saving}
          okButtonProps={{ 'data-testid': 'compound-submit' }}
          destroyOnHidden
        >
          <Form form={form} layout="vertical" initialValues={{ regionId: null, propertyManagement: false }}>
            <Form.Item
              name="regionId"
              label={t('tempBranches.compounds.region')}
              rules={[{ required: true, message: t('tempBranches.required') }]}
            >
              <RegionPicker />
            </Form.Item>
            <Form.Item
              name="name"
              label={t('tempBranches.compounds.name')}
              extra={t('tempBranches.compounds.nameHint')}
            >
              <Input maxLength={60} />
            </Form.Item>
            <Form.Item name="propertyManagement" label={t('tempBranches.compounds.property')} valuePropName="checked">
              <Switch data-testid="compound-property" />
            </Form.Item>
            <Form.Item name="propertyCompany" label={t('tempBranches.compounds.company')}>
              <Input maxLength={80} />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </Space>
  );
}
