import { Select } from 'antd';
import type { CSSProperties } from 'react';
import type { User } from '../../../shared/users';
import { useRemoteSearch } from '../../app/useRemoteSearch';
import { useI18n } from '../../app/i18n';

interface Props {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** The current value's name, shown before any search has run. */
  valueLabel?: string | null;
  placeholder?: string;
  style?: CSSProperties;
}

/** Pick a user account by searching GET /api/users?q= (username or name). */
export function UserSelect({ id, value, onChange, valueLabel, placeholder, style }: Props) {
  const { t } = useI18n();
  const { items: users, loading, setQ } = useRemoteSearch<User>('/users');

  const options = users.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username} · ${t(`role.${u.role}`)}）` }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: valueLabel ?? value });

  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(next: string | undefined) => onChange?.(next ?? null)}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      loading={loading}
      options={options}
      placeholder={placeholder}
      style={style}
      popupMatchSelectWidth={false}
    />
  );
}
