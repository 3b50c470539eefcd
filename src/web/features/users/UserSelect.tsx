import type { CSSProperties } from 'react';
import type { User } from '../../../shared/users';
import { RemoteSelect } from '../../app/components/RemoteSelect';
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
  return (
    <RemoteSelect<User>
      path="/users"
      toOption={(u) => ({ value: u.id, label: `${u.displayName}（${u.username} · ${t(`role.${u.role}`)}）` })}
      labelOf={() => valueLabel}
      id={id}
      value={value ?? undefined}
      onChange={(next: string | undefined) => onChange?.(next ?? null)}
      allowClear
      placeholder={placeholder}
      style={style}
      popupMatchSelectWidth={false}
    />
  );
}
