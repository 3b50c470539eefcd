import { Select } from 'antd';
import { useEffect, useState, type CSSProperties } from 'react';
import type { User } from '../../../shared/users';
import { api, type Page } from '../../app/api';
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
  const [q, setQ] = useState('');
  const [users, setUsers] = useState<User[]>([]);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      setLoading(true);
      api
        .get<Page<User>>('/users', { q: q.trim() || undefined, limit: 20 })
        .then((page) => !cancelled && setUsers(page.items))
        .catch(() => !cancelled && setUsers([]))
        .finally(() => !cancelled && setLoading(false));
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [q]);

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
