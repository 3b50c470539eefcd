import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import type { Region } from '../../../shared/regions';
import type { Responsibility } from '../../../shared/responsibility';
import { MOBILE_PATTERN } from '../../../shared/validators';
import { api } from '../../app/api';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { UserSelect } from '../users/UserSelect';
import { nameCount } from '../../app/nameInput';

interface ResponsibilityForm {
  personName: string;
  post: string;
  phone?: string;
  userId?: string | null;
  note?: string;
}

/**
 * Add or edit one answerable person (包保责任人) for a node. When editing, the phone is shown masked
 * in the list, so the field starts empty and an empty field leaves the stored number as it is.
 */
export function ResponsibilityModal({
  region,
  editing,
  canLinkUser,
  onClose,
  onSaved,
}: {
  region: Region;
  editing: Responsibility | null;
  canLinkUser: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<ResponsibilityForm>();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    const phone = values.phone?.trim();
    // PATCH takes the whole assignment (ResponsibilityInput), so unchanged fields go back as they were.
    const body = {
      regionId: editing?.regionId ?? region.id,
      personName: values.personName.trim(),
      post: values.post.trim(),
      note: values.note?.trim() || null,
      userId: canLinkUser ? (values.userId ?? null) : (editing?.userId ?? null),
      ...(phone ? { phone } : editing ? {} : { phone: null }),
    };
    setSaving(true);
    try {
      if (editing) await api.patch(`/responsibilities/${editing.id}`, body);
      else await api.post('/responsibilities', body);
      feedback.success(t('common.saved'));
      onSaved();
    } catch (err) {
      feedback.formError(form, err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={editing ? t('resp.editTitle') : t('resp.addTitle')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okButtonProps={{ id: 'resp-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          editing
            ? { personName: editing.personName, post: editing.post, userId: editing.userId, note: editing.note ?? '' }
            : {}
        }
      >
        <Form.Item label={t('regions.parent')} style={{ marginBottom: 12 }}>
          {region.name}
        </Form.Item>
        <Form.Item
          name="personName"
          label={t('resp.personName')}
          htmlFor="resp-personName"
          rules={[{ required: true, whitespace: true, message: t('resp.nameRequired') }, { max: 50 }]}
        >
          <Input id="resp-personName" count={nameCount(50)} autoFocus />
        </Form.Item>
        <Form.Item
          name="post"
          label={t('resp.post')}
          htmlFor="resp-post"
          rules={[{ required: true, whitespace: true, message: t('resp.postRequired') }, { max: 100 }]}
        >
          <Input id="resp-post" maxLength={100} placeholder={t('resp.postPlaceholder')} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={`${t('resp.phone')}（${t('common.optional')}）`}
          htmlFor="resp-phone"
          extra={editing?.phone ? `${editing.phone} · ${t('resp.phoneKeep')}` : undefined}
          rules={[{ pattern: MOBILE_PATTERN, message: t('phone.invalid') }]}
        >
          <Input id="resp-phone" inputMode="tel" maxLength={11} />
        </Form.Item>
        {canLinkUser && (
          <Form.Item name="userId" label={`${t('resp.user')}（${t('common.optional')}）`} htmlFor="resp-user">
            <UserSelect id="resp-user" placeholder={t('resp.userPlaceholder')} />
          </Form.Item>
        )}
        <Form.Item
          name="note"
          label={`${t('resp.note')}（${t('common.optional')}）`}
          htmlFor="resp-note"
          rules={[{ max: 500 }]}
        >
          <Input.TextArea id="resp-note" autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
