import { Alert, Button, Card, Form, Space, Typography } from 'antd';
import { useState } from 'react';
import { useAuth } from '../../app/auth';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { ChangePasswordFields, useSubmitPasswordChange, type PasswordForm } from './ChangePasswordForm';

/**
 * Shown instead of every page while the user's password was set by someone else (a new account,
 * a reset by a user above): the server answers nothing but /api/auth/* until it is changed.
 */
export default function ForcedPasswordPage() {
  const { me, logout, passwordChanged } = useAuth();
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<PasswordForm>();
  const [saving, setSaving] = useState(false);
  const submit = useSubmitPasswordChange(form);

  const onSave = async () => {
    setSaving(true);
    try {
      if (await submit()) {
        feedback.success(t('password.changed'));
        passwordChanged();
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        background: '#f5f5f5',
      }}
    >
      <Card style={{ width: '100%', maxWidth: 420 }} data-testid="forced-password">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('password.forcedTitle')}
        </Typography.Title>
        <Alert
          type="warning"
          showIcon
          title={t('password.forcedHint', { name: me?.displayName ?? '' })}
          style={{ marginBottom: 16 }}
        />
        <ChangePasswordFields form={form} />
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Button onClick={() => void logout()} data-testid="forced-password-logout">
            {t('password.forcedLogout')}
          </Button>
          <Button type="primary" loading={saving} onClick={() => void onSave()} data-testid="forced-password-submit">
            {t('password.title')}
          </Button>
        </Space>
      </Card>
    </div>
  );
}
