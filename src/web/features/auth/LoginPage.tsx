import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../app/api';
import { useAuth } from '../../app/auth';
import { LocaleSwitch } from '../../app/components/LocaleSwitch';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';

interface LoginForm {
  username: string;
  password: string;
}

/** Where the user was going, if it is a page of this app (never an outside URL); else `/`, the role's start page. */
function safeNext(next: string | null): string {
  return next?.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

/**
 * What the login answer adds to its message: when to try again (a lock or a throttled address,
 * from `retryAfterSeconds`), or how many tries are left from this address before a lock.
 */
function errorHint(
  error: ApiError,
  t: ReturnType<typeof useI18n>['t'],
  locale: ReturnType<typeof useI18n>['locale'],
): string | null {
  const details = (error.details ?? {}) as { retryAfterSeconds?: number; attemptsLeft?: number };
  if (typeof details.retryAfterSeconds === 'number') {
    return t('login.retryAt', {
      time: formatTime(new Date(Date.now() + details.retryAfterSeconds * 1000).toISOString(), locale),
    });
  }
  if (typeof details.attemptsLeft === 'number' && details.attemptsLeft <= 3)
    return t('login.attemptsLeft', { n: details.attemptsLeft });
  return null;
}

/** Username and password; a lockout (ACCOUNT_LOCKED), a throttled address or a wrong password is shown from the server's message. */
export default function LoginPage() {
  const { me, login } = useAuth();
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [error, setError] = useState<ApiError | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const next = safeNext(params.get('next'));

  if (me) return <Navigate to={next} replace />;

  const onFinish = async (values: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      await login(values.username.trim(), values.password);
      navigate(next, { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'BAD_RESPONSE', t('common.unknownError')));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        padding: 16,
        background: 'linear-gradient(160deg, #9f1d1d 0%, #6d1414 38%, #f5f5f5 38.1%)',
      }}
    >
      <div style={{ position: 'absolute', top: 12, right: 12 }}>
        <LocaleSwitch />
      </div>
      <div style={{ color: '#fff', textAlign: 'center', marginBottom: 20 }}>
        <div style={{ fontSize: 40, fontWeight: 700, letterSpacing: 6 }}>群防</div>
        <div style={{ opacity: 0.9 }}>{t('app.tagline')}</div>
      </div>
      <Card style={{ width: '100%', maxWidth: 380, boxShadow: '0 8px 24px rgba(0,0,0,0.12)' }}>
        <Typography.Title level={4} style={{ marginTop: 0, textAlign: 'center' }}>
          {t('login.title')}
        </Typography.Title>
        {error && (
          <Alert
            data-testid="login-error"
            data-code={error.code}
            type="error"
            showIcon
            title={error.message}
            description={errorHint(error, t, locale)}
            style={{ marginBottom: 16 }}
          />
        )}
        <Form<LoginForm> layout="vertical" onFinish={onFinish} requiredMark={false} autoComplete="on">
          <Form.Item
            name="username"
            label={t('login.username')}
            htmlFor="login-username"
            rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}
          >
            <Input id="login-username" prefix={<UserOutlined />} autoComplete="username" size="large" autoFocus />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            htmlFor="login-password"
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password
              id="login-password"
              prefix={<LockOutlined />}
              autoComplete="current-password"
              size="large"
            />
          </Form.Item>
          <Button id="login-submit" type="primary" htmlType="submit" block size="large" loading={submitting}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
      <Typography.Text type="secondary" style={{ marginTop: 24, fontSize: 12 }}>
        {t('login.footer')}
      </Typography.Text>
    </div>
  );
}
