import { Select } from 'antd';
import { useEffect, useState } from 'react';
import type { IsolationSite, Room } from '../../../shared/isolation';
import type { Person } from '../../../shared/residents';
import type { User } from '../../../shared/users';
import { RemoteSelect } from '../../app/components/RemoteSelect';
import { useI18n } from '../../app/i18n';
import { isolationApi } from './isolationApi';

export interface PickedPerson {
  id: string;
  name: string;
}

interface PersonsProps {
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  /** Names of persons already chosen (a prefilled alert, an earlier search). */
  known: PickedPerson[];
  onKnown: (persons: PickedPerson[]) => void;
}

/**
 * Pick one or more persons by searching GET /api/persons?q= (name, pinyin initials, ID or phone
 * suffix). Several persons make a bulk isolation (a bus's passengers, a tracer's list).
 */
export function PersonsPicker({ id, value = [], onChange, known, onKnown }: PersonsProps) {
  const { t } = useI18n();
  const names = new Map(known.map((p) => [p.id, p.name]));

  return (
    <RemoteSelect<Person, string[]>
      path="/persons"
      toOption={(p) => ({
        value: p.id,
        label: `${p.name}（${[p.idNumber ?? p.phone, p.address ?? p.regionName].filter(Boolean).join(' · ')}）`,
      })}
      labelOf={(chosen) => names.get(chosen)}
      onPick={(picked) => {
        const found = picked.filter((p) => !names.has(p.id)).map((p) => ({ id: p.id, name: p.name }));
        if (found.length) onKnown([...known, ...found]);
      }}
      emptyText={t('isolation.noPersons')}
      id={id}
      mode="multiple"
      value={value}
      onChange={(next) => onChange?.(next)}
      placeholder={t('isolation.personsPlaceholder')}
      data-testid="episode-persons"
    />
  );
}

const OBSERVERS = { role: 'observer' };

/** Pick an observer among the observer accounts in my jurisdiction (GET /api/users?role=observer). */
export function ObserverSelect({
  id,
  value,
  onChange,
  valueLabel,
}: {
  id?: string;
  value?: string | null;
  onChange?: (v: string | null) => void;
  valueLabel?: string | null;
}) {
  const { t } = useI18n();
  return (
    <RemoteSelect<User>
      path="/users"
      query={OBSERVERS}
      toOption={(u) =>
        u.status === 'active'
          ? { value: u.id, label: `${u.displayName}（${u.username}${u.regionName ? ` · ${u.regionName}` : ''}）` }
          : null
      }
      labelOf={() => valueLabel}
      id={id}
      value={value ?? undefined}
      onChange={(next: string | undefined) => onChange?.(next ?? null)}
      allowClear
      placeholder={t('isolation.observerPlaceholder')}
      popupMatchSelectWidth={false}
      data-testid="episode-observer"
    />
  );
}

/** Active centralised sites with their free places. */
export function SiteSelect({
  id,
  value,
  onChange,
}: {
  id?: string;
  value?: string;
  onChange?: (v: string | undefined) => void;
}) {
  const { t } = useI18n();
  const [sites, setSites] = useState<IsolationSite[] | null>(null);
  useEffect(() => {
    isolationApi
      .sites()
      .then(setSites)
      .catch(() => setSites([]));
  }, []);
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      loading={sites === null}
      placeholder={t('isolation.sitePlaceholder')}
      notFoundContent={t('isolation.noSites')}
      data-testid="episode-site"
      options={(sites ?? [])
        .filter((s) => s.status === 'active')
        .map((s) => ({
          value: s.id,
          label: t('isolation.siteOption', { name: s.name, free: Math.max(s.capacity - s.occupied, 0) }),
          disabled: s.capacity <= s.occupied,
        }))}
    />
  );
}

/** A room of a site with a free place, or empty for "the next free room". */
export function RoomSelect({
  id,
  siteId,
  value,
  onChange,
}: {
  id?: string;
  siteId: string | undefined;
  value?: string;
  onChange?: (v: string | undefined) => void;
}) {
  const { t } = useI18n();
  const [rooms, setRooms] = useState<Room[]>([]);
  useEffect(() => {
    setRooms([]);
    if (!siteId) return;
    let cancelled = false;
    isolationApi
      .site(siteId)
      .then((r) => !cancelled && setRooms(r.rooms))
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [siteId]);
  return (
    <Select
      id={id}
      allowClear
      value={value}
      onChange={onChange}
      disabled={!siteId}
      placeholder={t('isolation.roomAuto')}
      showSearch={{ optionFilterProp: 'label' }}
      options={rooms
        .filter((r) => r.status === 'available' && r.occupants.length < r.capacity)
        .map((r) => ({
          value: r.id,
          label: t('isolation.roomOption', { label: r.label, n: r.occupants.length, capacity: r.capacity }),
        }))}
    />
  );
}
