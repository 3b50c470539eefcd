import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Locale as AntdLocale } from 'antd/es/locale';
import antdZhCN from 'antd/es/locale/zh_CN';
import type { Locale } from '../../../shared/enums';
import { setApiLocale } from '../api';
import { zhCN, type MessageKey } from './zh-CN';

export type { MessageKey };
export type Messages = Record<MessageKey, string>;
export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

const STORAGE_KEY = 'qf_locale';

/** The three UI languages, labelled in their own script. */
export const LOCALE_OPTIONS: { value: Locale; label: string }[] = [
  { value: 'zh-CN', label: '简体' },
  { value: 'en', label: 'English' },
  { value: 'zh-TW', label: '繁體' },
];

function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en' || value === 'zh-TW';
}

/** The locale the user chose last time on this browser, if any. */
export function storedLocale(): Locale | null {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLocale(value) ? value : null;
  } catch {
    return null;
  }
}

let traditional: Promise<{ messages: Messages; antd: AntdLocale }> | null = null;

/**
 * Traditional Chinese is not stored: the Simplified dictionary is converted once with OpenCC
 * (Taiwan standard). The converter (~1 MB) is fetched only when 繁體 is first chosen.
 */
function loadTraditional() {
  traditional ??= Promise.all([import('opencc-js/cn2t'), import('antd/es/locale/zh_TW')]).then(
    ([opencc, antdLocale]) => {
      const convert = opencc.Converter({ from: 'cn', to: 'tw' });
      const messages = {} as Messages;
      for (const key of Object.keys(zhCN) as MessageKey[]) messages[key] = convert(zhCN[key]);
      return { messages, antd: antdLocale.default };
    },
  );
  return traditional;
}

/**
 * English is fetched when chosen, like 繁體: a phone in a Chinese county should not download a
 * dictionary it does not read (issue 18: a first screen under 400 KB on a weak signal).
 */
async function loadLocale(locale: Locale): Promise<{ messages: Messages; antd: AntdLocale }> {
  if (locale === 'en') {
    const [messages, antdLocale] = await Promise.all([import('./en'), import('antd/es/locale/en_US')]);
    return { messages: messages.en, antd: antdLocale.default };
  }
  if (locale === 'zh-TW') return loadTraditional();
  return { messages: zhCN, antd: antdZhCN };
}

interface I18nValue {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
  antdLocale: AntdLocale;
}

const I18nContext = createContext<I18nValue | null>(null);

function format(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/** Holds the UI language; the dictionary and antd's locale switch together once both are loaded. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [wanted, setWanted] = useState<Locale>(() => {
    const initial = storedLocale() ?? 'zh-CN';
    setApiLocale(initial); // before any child's first request
    return initial;
  });
  // Simplified Chinese is bundled. An English user sees nothing until the English dictionary has
  // arrived, rather than a flash of Chinese; a Traditional user sees Simplified until OpenCC is loaded.
  const [state, setState] = useState<{ locale: Locale; messages: Messages; antd: AntdLocale } | null>(() =>
    wanted === 'en' ? null : { locale: 'zh-CN', messages: zhCN, antd: antdZhCN },
  );

  useEffect(() => {
    let cancelled = false;
    setApiLocale(wanted);
    loadLocale(wanted)
      .then((loaded) => {
        if (!cancelled) setState({ locale: wanted, ...loaded });
      })
      .catch(() => {
        if (!cancelled) setWanted('zh-CN');
      });
    return () => {
      cancelled = true;
    };
  }, [wanted]);

  useEffect(() => {
    if (!state) return;
    document.documentElement.lang = state.locale;
    document.title = state.messages['app.name'];
  }, [state]);

  const setLocale = useCallback((locale: Locale) => {
    try {
      localStorage.setItem(STORAGE_KEY, locale);
    } catch {
      // private mode: the choice lasts for this page only
    }
    setWanted(locale);
  }, []);

  const value = useMemo<I18nValue | null>(() => {
    if (!state) return null;
    const t: Translate = (key, vars) => format(state.messages[key] ?? key, vars);
    return { locale: state.locale, setLocale, t, antdLocale: state.antd };
  }, [state, setLocale]);

  if (!value) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
