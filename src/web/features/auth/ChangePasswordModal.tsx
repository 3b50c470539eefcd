import { Form, Modal } from 'antd';
import { useState } from 'react';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { ChangePasswordFields, useSubmitPasswordChange, type PasswordForm } from './ChangePasswordForm';

/** POST /api/auth/password for the logged-in user, from the header menu. */
export default function ChangePasswordModal({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<PasswordForm>();
  const [saving, setSaving] = useState(false);
  const submit = useSubmitPasswordChange(form);

  const onOk = async () => {
    setSaving(true);
    try {
      if (await submit()) {
        feedback.success(t('password.changed'));
        onClose();
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open title={t('password.title')} onOk={onOk} onCancel={onClose} confirmLoading={saving} destroyOnHidden>
      <ChangePasswordFields form={form} />
    </Modal>
  );
}
