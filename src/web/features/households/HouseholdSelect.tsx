import { Select } from 'antd';
import type { Household } from '../../../shared/residents';
import { useRemoteSearch } from '../../app/useRemoteSearch';
import { useI18n } from '../../app/i18n';
import { householdLabel } from '../residents/residentApi';

interface Props {
  id?: string;
  value?: string | null;
  onChange?: (value: string | null) => void;
  /** The current value's label, shown before any search has run. */
  valueLabel?: string | null;
  disabled?: boolean;
}

/** Pick a household by searching GET /api/households?q= (building, room, address, head's name). */
export function HouseholdSelect({ id, value, onChange, valueLabel, disabled }: Props) {
  const { t } = useI18n();
  const { items, loading, setQ } = useRemoteSearch<Household>('/households');

  const options = items.map((h) => ({ value: h.id, label: householdLabel(h) }));
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: valueLabel ?? value });

  return (
    <Select
      id={id}
      value={value ?? undefined}
      onChange={(next: string | undefined) => onChange?.(next ?? null)}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      disabled={disabled}
      loading={loading}
      options={options}
      placeholder={t('personForm.householdPlaceholder')}
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
    />
  );
}
