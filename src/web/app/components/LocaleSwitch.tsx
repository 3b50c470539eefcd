import { GlobalOutlined } from '@ant-design/icons';
import { Select } from 'antd';
import type { Locale } from '../../../shared/enums';
import { LOCALE_OPTIONS, useI18n } from '../i18n';

/** 简体 / English / 繁體. Options carry `data-testid="locale-option-<locale>"` for browser tests. */
export function LocaleSwitch({ variant = 'outlined' }: { variant?: 'outlined' | 'borderless' }) {
  const { locale, setLocale, t } = useI18n();
  return (
    <Select<Locale>
      data-testid="locale-switch"
      aria-label={t('header.locale')}
      value={locale}
      onChange={setLocale}
      options={LOCALE_OPTIONS}
      optionRender={(option) => <span data-testid={`locale-option-${option.value}`}>{option.label}</span>}
      prefix={<GlobalOutlined />}
      variant={variant}
      popupMatchSelectWidth={false}
      style={{ minWidth: 96 }}
    />
  );
}
