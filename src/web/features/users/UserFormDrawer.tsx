import { Button, Drawer, Form, Input, Select, Space } from 'antd';
import { useState } from 'react';
import { ROLES, type Locale, type Role, type UserStatus } from '../../../shared/enums';
import { passwordIsStrong, type User } from '../../../shared/users';
import { MOBILE_PATTERN } from '../../../shared/validators';
import { api } from '../../app/api';
import { useMe } from '../../app/auth';
import { useFeedback, validated } from '../../app/feedback';
import { LOCALE_OPTIONS, useI18n } from '../../app/i18n';
import { useIsMobile } from '../../app/useIsMobile';
import { RegionPicker } from '../regions/RegionPicker';
import { nameCount } from '../../app/nameInput';

interface UserForm {
  username: string;
  displayName: string;
  role: Role;
  regionId: string | null;
  password?: string;
  phone?: string;
  status: UserStatus;
  locale: Locale;
}

/**
 * Create or edit a user. Every user but a global admin is bound to one region node (their
 * jurisdiction). Editing: phone and password start empty; empty means "leave as it is".
 */
export function UserFormDrawer({
  editing,
  onClose,
  onSaved,
}: {
  editing: User | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const me = useMe();
  const { t } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const [form] = Form.useForm<UserForm>();
  const [saving, setSaving] = useState(false);
  const role = Form.useWatch('role', form);
  // Only an administrator may create administrators; the server enforces the rest (ROLE_NOT_GRANTABLE).
  const roles = ROLES.filter((r) => r !== 'admin' || me.role === 'admin');

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    const phone = values.phone?.trim();
    setSaving(true);
    try {
      if (editing) {
        await api.patch(`/users/${editing.id}`, {
          displayName: values.displayName.trim(),
          role: values.role,
          regionId: values.regionId ?? null,
          status: values.status,
          locale: values.locale,
          ...(phone ? { phone } : {}),
          ...(values.password ? { password: values.password } : {}),
        });
        feedback.success(t('common.saved'));
      } else {
        await api.post('/users', {
          username: values.username.trim(),
          displayName: values.displayName.trim(),
          role: values.role,
          regionId: values.regionId ?? null,
          phone: phone || null,
          password: values.password,
          locale: values.locale,
        });
        feedback.success(t('users.created'));
      }
      onSaved();
    } catch (err) {
      feedback.formError(form, err, {
        USERNAME_TAKEN: 'username',
        ROLE_NEEDS_REGION: 'regionId',
        ROLE_NOT_GRANTABLE: 'role',
        OUT_OF_SCOPE: 'regionId',
        REGION_NOT_FOUND: 'regionId',
        PASSWORD_WEAK: 'password',
        PASSWORD_GUESSABLE: 'password',
        PASSWORD_RESET_NOT_ABOVE: 'password',
        CANNOT_CHANGE_SELF: 'status',
      });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open
      title={editing ? t('users.editTitle') : t('users.addTitle')}
      onClose={onClose}
      size={mobile ? '100%' : 480}
      destroyOnHidden
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={submit} data-testid="user-submit">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <Form<UserForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={
          editing
            ? {
                username: editing.username,
                displayName: editing.displayName,
                role: editing.role,
                regionId: editing.regionId,
                status: editing.status,
                locale: editing.locale,
              }
            : {
                role: me.role === 'township' ? 'grid' : 'township',
                regionId: me.region?.id ?? null,
                status: 'active',
                locale: 'zh-CN',
              }
        }
      >
        <Form.Item
          name="username"
          label={t('users.username')}
          htmlFor="user-username"
          rules={[{ required: true, pattern: /^[A-Za-z0-9_.-]{3,32}$/, message: t('users.usernameRequired') }]}
        >
          <Input id="user-username" disabled={!!editing} autoComplete="off" maxLength={32} />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          htmlFor="user-displayName"
          rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }, { max: 50 }]}
        >
          <Input id="user-displayName" count={nameCount(50)} />
        </Form.Item>
        <Form.Item
          name="role"
          label={t('users.role')}
          htmlFor="user-role"
          rules={[{ required: true, message: t('users.roleRequired') }]}
        >
          <Select id="user-role" options={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))} />
        </Form.Item>
        <Form.Item
          name="regionId"
          label={t('users.region')}
          htmlFor="user-region"
          rules={[{ required: role !== 'admin', message: t('users.regionRequired') }]}
        >
          <RegionPicker id="user-region" valueLabel={editing?.regionName ?? (editing ? null : me.region?.name)} />
        </Form.Item>
        <Form.Item
          name="password"
          label={editing ? `${t('users.resetPassword')}（${t('common.optional')}）` : t('users.password')}
          htmlFor="user-password"
          extra={editing ? t('users.passwordKeep') : t('password.weak')}
          rules={[
            { required: !editing, message: t('password.weak') },
            {
              validator: async (_, v?: string) => {
                if (v && !passwordIsStrong(v)) throw new Error(t('password.weak'));
              },
            },
          ]}
        >
          <Input.Password id="user-password" autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="phone"
          label={`${t('users.phone')}（${t('common.optional')}）`}
          htmlFor="user-phone"
          extra={editing?.phone ? `${editing.phone} · ${t('users.passwordKeep')}` : undefined}
          rules={[{ pattern: MOBILE_PATTERN, message: t('phone.invalid') }]}
        >
          <Input id="user-phone" inputMode="tel" maxLength={11} />
        </Form.Item>
        {editing && (
          <Form.Item name="status" label={t('users.status')} htmlFor="user-status">
            <Select
              id="user-status"
              options={(['active', 'disabled'] as const).map((s) => ({ value: s, label: t(`users.status.${s}`) }))}
            />
          </Form.Item>
        )}
        <Form.Item name="locale" label={t('users.locale')} htmlFor="user-locale">
          <Select id="user-locale" options={LOCALE_OPTIONS} />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Drawer>
  );
}
