import type { Household } from '../../../shared/residents';
import { RemoteSelect } from '../../app/components/RemoteSelect';
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
  return (
    <RemoteSelect<Household>
      path="/households"
      toOption={(h) => ({ value: h.id, label: householdLabel(h) })}
      labelOf={() => valueLabel}
      id={id}
      value={value ?? undefined}
      onChange={(next: string | undefined) => onChange?.(next ?? null)}
      allowClear
      disabled={disabled}
      placeholder={t('personForm.householdPlaceholder')}
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
    />
  );
}
