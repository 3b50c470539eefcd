import { Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import type { PartyOrg, PartyOrgKind, PartyUnitType } from '../../../shared/party';
import type { Person } from '../../../shared/residents';
import { useMe } from '../../app/auth';
import { RemoteSelect } from '../../app/components/RemoteSelect';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { RegionPicker } from '../regions/RegionPicker';
import { ORG_KINDS, partyApi, UNIT_TYPES } from './partyApi';

interface Values {
  parentId: string | null;
  kind: PartyOrgKind;
  name: string;
  code?: string;
  unitName: string;
  unitType: PartyUnitType;
  regionId: string | null;
  secretaryPersonId: string | null;
  phone?: string;
}

/**
 * 新建 / 编辑党组织: kind, name, the unit it belongs to, its region (jurisdiction), the organisation
 * above it in the party's own tree, an optional code, secretary (a registry person) and phone. The
 * server refuses a branch with organisations under it and a loop (PARTY_ORG_PARENT_INVALID).
 */
export function PartyOrgFormModal({
  org,
  parent,
  onClose,
  onSaved,
}: {
  /** the organisation to change; absent: set up a new one */
  org?: PartyOrg;
  /** a new organisation's parent, preselected (from the tree) */
  parent?: { id: string; name: string } | null;
  onClose: () => void;
  onSaved: (org: PartyOrg) => void;
}) {
  const me = useMe();
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const required = [{ required: true, message: t('party.required') }];

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setSaving(true);
    const body = {
      parentId: v.parentId ?? null,
      kind: v.kind,
      name: v.name.trim(),
      code: v.code?.trim() || null,
      unitName: v.unitName.trim(),
      unitType: v.unitType,
      regionId: v.regionId!,
      secretaryPersonId: v.secretaryPersonId ?? null,
      // the stored phone comes masked: left empty on an edit, it is kept
      ...(v.phone?.trim() ? { phone: v.phone.trim() } : org ? {} : { phone: null }),
    };
    try {
      const saved = org ? await partyApi.updateOrganisation(org.id, body) : await partyApi.createOrganisation(body);
      feedback.success(org ? t('common.saved') : t('party.orgs.created'));
      onSaved(saved);
    } catch (err) {
      feedback.formError(form, err, {
        PARTY_ORG_PARENT_INVALID: 'parentId',
        REGION_NOT_FOUND: 'regionId',
        PERSON_NOT_FOUND: 'secretaryPersonId',
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={org ? t('party.orgs.edit') : t('party.orgs.add')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'party-org-submit' }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          org
            ? {
                parentId: org.parentId,
                kind: org.kind,
                name: org.name,
                code: org.code ?? undefined,
                unitName: org.unitName,
                unitType: org.unitType,
                regionId: org.regionId,
                secretaryPersonId: org.secretaryPersonId,
              }
            : {
                parentId: parent?.id ?? null,
                kind: parent ? 'branch' : 'committee',
                unitType: 'village',
                regionId: me.region?.id ?? null,
                secretaryPersonId: null,
              }
        }
      >
        <Form.Item name="kind" label={t('party.org.kind')} rules={required}>
          <Select
            data-testid="party-org-kind"
            options={ORG_KINDS.map((k) => ({ value: k, label: t(`party.org.kind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item name="name" label={t('party.org.name')} rules={required}>
          <Input maxLength={80} data-testid="party-org-name" />
        </Form.Item>
        <Form.Item name="parentId" label={t('party.org.parent')}>
          <RemoteSelect<PartyOrg>
            path="/party/organisations"
            allowClear
            placeholder={t('party.org.parentNone')}
            toOption={(o) => (o.kind === 'branch' || o.id === org?.id ? null : { value: o.id, label: o.name })}
            labelOf={(id) => (id === org?.parentId ? org?.parentName : id === parent?.id ? parent?.name : null)}
            data-testid="party-org-parent"
          />
        </Form.Item>
        <Form.Item name="unitName" label={t('party.org.unitName')} rules={required}>
          <Input maxLength={80} data-testid="party-org-unit" />
        </Form.Item>
        <Form.Item name="unitType" label={t('party.org.unitType')} rules={required}>
          <Select options={UNIT_TYPES.map((u) => ({ value: u, label: t(`party.org.unitType.${u}`) }))} />
        </Form.Item>
        <Form.Item name="regionId" label={t('party.org.region')} rules={required}>
          <RegionPicker valueLabel={org ? org.regionName : me.region?.name} />
        </Form.Item>
        <Form.Item name="code" label={t('party.org.code')}>
          <Input maxLength={40} placeholder={t('common.optional')} />
        </Form.Item>
        <Form.Item name="secretaryPersonId" label={t('party.org.secretary')} extra={t('party.org.secretaryHint')}>
          <RemoteSelect<Person>
            path="/persons"
            allowClear
            placeholder={t('common.optional')}
            toOption={(p) => ({ value: p.id, label: `${p.name}（${p.idNumber ?? '—'}）` })}
            labelOf={(id) => (id === org?.secretaryPersonId ? org?.secretaryName : null)}
          />
        </Form.Item>
        <Form.Item name="phone" label={t('party.org.phone')} extra={org?.phone ? org.phone : undefined}>
          <Input maxLength={11} placeholder={org?.phone ? undefined : t('common.optional')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
