import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Me } from '../../shared/users';
import { setCountyTimeZone } from './format';
import { api, ApiError, setReauthenticateHandler, setUnauthenticatedHandler } from './api';
import { ReloginModal } from './ReloginModal';
import { storedLocale, useI18n } from './i18n';

interface AuthValue {
  /** undefined while the session is being checked, null when logged out. */
  me: Me | null | undefined;
  login: (username: string, password: string) => Promise<Me>;
  logout: () => Promise<void>;
  /** the user replaced the password someone else set: the app opens up */
  passwordChanged: () => void;
}

const AuthContext = createContext<AuthValue | null>(null);

/** The logged-in user (session cookie `qf_session`), checked once at start with GET /api/auth/me. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const { setLocale } = useI18n();

  useEffect(() => {
    let cancelled = false;
    api
      .get<Me>('/auth/me')
      .then((user) => {
        if (cancelled) return;
        setCountyTimeZone(user.timeZone);
        setMe(user);
      })
      .catch(() => !cancelled && setMe(null));
    setUnauthenticatedHandler(() => setMe(null));
    return () => {
      cancelled = true;
      setUnauthenticatedHandler(null);
    };
  }, []);

  const login = useCallback(
    async (username: string, password: string) => {
      const user = await api.post<Me>('/auth/login', { username, password });
      // A user who never picked a language on this browser gets the one stored on their account.
      if (!storedLocale() && user.locale !== 'zh-CN') setLocale(user.locale);
      setCountyTimeZone(user.timeZone);
      setMe(user);
      return user;
    },
    [setLocale],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout');
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
    }
    setMe(null);
  }, []);

  const passwordChanged = useCallback(() => setMe((m) => (m ? { ...m, mustChangePassword: false } : m)), []);

  // While someone is logged in, a lapsed session asks for their password over the page they are on.
  const [relogin, setRelogin] = useState<((ok: boolean) => void) | null>(null);
  const username = me?.username;
  useEffect(() => {
    if (!username) return;
    setReauthenticateHandler(() => new Promise<boolean>((resolve) => setRelogin(() => resolve)));
    return () => setReauthenticateHandler(null);
  }, [username]);
  const reloginDone = useCallback(
    (ok: boolean) => {
      relogin?.(ok);
      setRelogin(null);
    },
    [relogin],
  );
  const reloginAs = useCallback(async (name: string, password: string) => {
    const user = await api.post<Me>('/auth/login', { username: name, password });
    setCountyTimeZone(user.timeZone);
    setMe(user);
  }, []);

  const value = useMemo(() => ({ me, login, logout, passwordChanged }), [me, login, logout, passwordChanged]);
  return (
    <AuthContext.Provider value={value}>
      {children}
      {relogin && username && <ReloginModal username={username} login={reloginAs} onDone={reloginDone} />}
    </AuthContext.Provider>
  );
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The logged-in user, for pages that only render behind the login guard. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe without a session');
  return me;
}
