import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { ApiError } from './api';
import { useI18n } from './i18n';

/**
 * 登录已过期: the session lapsed while the user was working. They log in again here, over the page
 * they were on — the form they filled stays as it was and the request that met the lapse is sent
 * again. The same user only: someone else logging in would send the form under another name.
 */
export function ReloginModal({
  username,
  login,
  onDone,
}: {
  username: string;
  login: (username: string, password: string) => Promise<unknown>;
  onDone: (ok: boolean) => void;
}) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    if (!password) return setError(t('login.passwordRequired'));
    setBusy(true);
    try {
      await login(username, password);
      onDone(true);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('relogin.title')}
      okText={t('relogin.submit')}
      cancelText={t('relogin.giveUp')}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={() => onDone(false)}
      maskClosable={false}
      closable={false}
      data-testid="relogin"
      destroyOnHidden
    >
      <p>{t('relogin.hint')}</p>
      <Form layout="vertical" onFinish={() => void submit()}>
        <Form.Item label={t('login.username')}>
          <Input value={username} disabled data-testid="relogin-username" />
        </Form.Item>
        <Form.Item label={t('login.password')}>
          <Input.Password
            autoFocus
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            onPressEnter={() => void submit()}
            autoComplete="current-password"
            data-testid="relogin-password"
          />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} data-testid="relogin-error" />}
    </Modal>
  );
}
