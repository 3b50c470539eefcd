import { Form, Input, type FormInstance } from 'antd';
import { passwordIsStrong } from '../../../shared/users';
import { api } from '../../app/api';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';

export interface PasswordForm {
  oldPassword: string;
  newPassword: string;
  confirm: string;
}

/**
 * POST /api/auth/password from a filled form; false when the form is invalid or the server
 * refused (the reason is shown on the field it concerns).
 */
export function useSubmitPasswordChange(form: FormInstance<PasswordForm>): () => Promise<boolean> {
  const feedback = useFeedback();
  return async () => {
    const values = await validated(form);
    if (!values) return false;
    try {
      await api.post('/auth/password', { oldPassword: values.oldPassword, newPassword: values.newPassword });
      return true;
    } catch (err) {
      feedback.formError(form, err, {
        BAD_CREDENTIALS: 'oldPassword',
        PASSWORD_WEAK: 'newPassword',
        PASSWORD_GUESSABLE: 'newPassword',
        PASSWORD_UNCHANGED: 'newPassword',
      });
      return false;
    }
  };
}

/** Current password, new password (8+ with letters and digits; the server also refuses common ones) and its repetition. */
export function ChangePasswordFields({ form }: { form: FormInstance<PasswordForm> }) {
  const { t } = useI18n();
  return (
    <Form form={form} layout="vertical" requiredMark={false}>
      <Form.Item name="oldPassword" label={t('password.old')} htmlFor="password-old" rules={[{ required: true }]}>
        <Input.Password id="password-old" autoComplete="current-password" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t('password.new')}
        htmlFor="password-new"
        extra={t('password.rules')}
        rules={[
          { required: true, message: t('password.weak') },
          {
            validator: async (_, v: string) => {
              if (v && !passwordIsStrong(v)) throw new Error(t('password.weak'));
            },
          },
        ]}
      >
        <Input.Password id="password-new" autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        htmlFor="password-confirm"
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
        <Input.Password id="password-confirm" autoComplete="new-password" />
      </Form.Item>
    </Form>
  );
}
