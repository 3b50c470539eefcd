import { Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import type { PartyMember, PartyMemberCategory, PartyMemberStatus, PartyOrg } from '../../../shared/party';
import { RemoteSelect } from '../../app/components/RemoteSelect';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { MEMBER_CATEGORIES, MEMBER_STATUSES, partyApi } from './partyApi';

interface Values {
  name?: string;
  idNumber?: string;
  phone?: string;
  organisationId: string;
  category: PartyMemberCategory;
  status: PartyMemberStatus;
  post?: string;
  joinedOn?: string;
}

/**
 * 登记 / 编辑党员. Registering takes the ID number: the registry person with that number is linked
 * (or registered — one ID number, one person); a number registered under another name is refused
 * (ID_NUMBER_NAME_MISMATCH), a person already on the roll too (PARTY_MEMBER_EXISTS). Editing changes
 * the branch, category, status, post and join date; name, ID number and phone are the registry's.
 */
export function PartyMemberFormModal({
  member,
  organisation,
  onClose,
  onSaved,
}: {
  member?: PartyMember;
  /** a new member's branch, preselected */
  organisation?: { id: string; name: string };
  onClose: () => void;
  onSaved: (member: PartyMember) => void;
}) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const required = [{ required: true, message: t('party.required') }];

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setSaving(true);
    const common = {
      organisationId: v.organisationId,
      category: v.category,
      status: v.status,
      post: v.post?.trim() || null,
      joinedOn: v.joinedOn?.trim() || null,
    };
    try {
      const saved = member
        ? await partyApi.updateMember(member.id, common)
        : await partyApi.createMember({
            ...common,
            name: v.name!.trim(),
            idNumber: v.idNumber!.trim(),
            phone: v.phone?.trim() || null,
          });
      feedback.success(member ? t('common.saved') : t('party.members.created'));
      onSaved(saved);
    } catch (err) {
      feedback.formError(form, err, {
        ID_NUMBER_INVALID: 'idNumber',
        ID_NUMBER_NAME_MISMATCH: 'name',
        PARTY_MEMBER_EXISTS: 'idNumber',
        NOT_FOUND: 'organisationId',
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={member ? `${t('party.members.edit')}：${member.name}` : t('party.members.add')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'party-member-submit' }}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={
          member
            ? {
                organisationId: member.organisationId,
                category: member.category,
                status: member.status,
                post: member.post ?? undefined,
                joinedOn: member.joinedOn ?? undefined,
              }
            : { organisationId: organisation?.id, category: 'full', status: 'normal' }
        }
      >
        {!member && (
          <>
            <Form.Item name="name" label={t('party.member.name')} rules={required}>
              <Input maxLength={50} data-testid="party-member-name" />
            </Form.Item>
            <Form.Item name="idNumber" label={t('party.member.idNumber')} rules={required}>
              <Input maxLength={18} data-testid="party-member-id" />
            </Form.Item>
            <Form.Item name="phone" label={t('party.member.phone')} extra={t('party.member.phoneHint')}>
              <Input maxLength={11} placeholder={t('common.optional')} data-testid="party-member-phone" />
            </Form.Item>
          </>
        )}
        <Form.Item name="organisationId" label={t('party.member.organisation')} rules={required}>
          <RemoteSelect<PartyOrg>
            path="/party/organisations"
            toOption={(o) => ({ value: o.id, label: o.name })}
            labelOf={(id) =>
              id === member?.organisationId
                ? member?.organisationName
                : id === organisation?.id
                  ? organisation?.name
                  : null
            }
            data-testid="party-member-org"
          />
        </Form.Item>
        <Form.Item name="category" label={t('party.member.category')} rules={required}>
          <Select options={MEMBER_CATEGORIES.map((c) => ({ value: c, label: t(`party.member.category.${c}`) }))} />
        </Form.Item>
        <Form.Item name="status" label={t('party.member.status')} rules={required}>
          <Select options={MEMBER_STATUSES.map((s) => ({ value: s, label: t(`party.member.status.${s}`) }))} />
        </Form.Item>
        <Form.Item name="post" label={t('party.member.post')}>
          <Input maxLength={50} placeholder={t('common.optional')} />
        </Form.Item>
        <Form.Item
          name="joinedOn"
          label={t('party.member.joinedOn')}
          rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('party.member.joinedOnHint') }]}
        >
          <Input maxLength={10} placeholder={t('party.member.joinedOnHint')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
