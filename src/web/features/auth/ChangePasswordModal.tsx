import { Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { passwordIsStrong } from '../../../shared/users';
import { api } from '../../app/api';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';

interface PasswordForm {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/** POST /api/auth/password for the logged-in user. */
export default function ChangePasswordModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<PasswordForm>();
  const [saving, setSaving] = useState(false);

  const onOk = async () => {
    const values = await validated(form);
    if (!values) return;
    setSaving(true);
    try {
      await api.post('/auth/password', { oldPassword: values.oldPassword, newPassword: values.newPassword });
      feedback.success(t('password.changed'));
      onClose();
    } catch (err) {
      feedback.formError(form, err, { BAD_CREDENTIALS: 'oldPassword', PASSWORD_WEAK: 'newPassword' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open title={t('password.title')} onOk={onOk} onCancel={onClose} confirmLoading={saving} destroyOnHidden>
      <Form form={form} layout="vertical" requiredMark={false}>
        <Form.Item name="oldPassword" label={t('password.old')} rules={[{ required: true }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          rules={[
            { required: true, message: t('password.weak') },
            { validator: async (_, v: string) => { if (v && !passwordIsStrong(v)) throw new Error(t('password.weak')); } },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.mismatch') },
            ({ getFieldValue }) => ({
              validator: async (_, v: string) => {
                if (v && v !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
