import { Button, Checkbox, Input, Radio, Switch, Tag, Typography, type InputRef } from 'antd';
import type { Ref } from 'react';
import type { Person } from '../../../shared/residents';
import { FEVER_CELSIUS, MAX_CELSIUS, MIN_CELSIUS, Symptom, TemperatureMissing } from '../../../shared/screening';
import { useI18n } from '../../app/i18n';
import { PersonTags } from '../residents/PersonTags';

/** One person's check at the door, as typed. */
export interface CheckDraft {
  present: boolean;
  temperature: string;
  symptoms: Symptom[];
  hubeiTravel: boolean;
  contactHistory: boolean;
  /** no temperature: why (拒测 / 未测量) and what happened */
  missing: TemperatureMissing | null;
  missingNote: string;
}

export const EMPTY_CHECK: CheckDraft = {
  present: true,
  temperature: '',
  symptoms: [],
  hubeiTravel: false,
  contactHistory: false,
  missing: null,
  missingNote: '',
};

/** Present with no temperature typed: needs a reason and a note, and the visit cannot be 无风险. */
export function isUnmeasured(check: CheckDraft): boolean {
  return check.present && parseTemperature(check.temperature) === null;
}

/** What is still missing before this check can be sent: the reason, then its note. */
export function missingProblem(check: CheckDraft): 'reason' | 'note' | null {
  if (!isUnmeasured(check)) return null;
  if (!check.missing) return 'reason';
  return check.missingNote.trim() ? null : 'note';
}

/** The typed temperature as °C: null when empty, NaN when not a temperature a person can have. */
export function parseTemperature(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (!trimmed) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) && value >= MIN_CELSIUS && value <= MAX_CELSIUS ? Math.round(value * 10) / 10 : NaN;
}

/** A fever (≥ 37.3 ℃, or fever as a symptom) or a Hubei / contact history makes a key person. */
export function isRisk(check: CheckDraft): boolean {
  if (!check.present) return false;
  const temp = parseTemperature(check.temperature);
  return (
    (temp !== null && temp >= FEVER_CELSIUS) ||
    check.symptoms.includes('fever') ||
    check.hubeiTravel ||
    check.contactHistory
  );
}

interface Props {
  person: Person;
  check: CheckDraft;
  disabled: boolean;
  onChange: (next: CheckDraft) => void;
  /** Enter in the temperature: the next person's temperature, or submit after the last. */
  onEnter: () => void;
  tempRef: Ref<InputRef>;
  /** after a refused submit: mark what this check still lacks */
  showProblems?: boolean;
}

/**
 * One member at the door: present, temperature (inputMode decimal, red from 37.3 ℃), symptom
 * chips, and 湖北旅居史 / 接触史. The temperature comes first so Tab and Enter reach it directly.
 */
export function MemberCheck({ person, check, disabled, onChange, onEnter, tempRef, showProblems = false }: Props) {
  const { t } = useI18n();
  const temp = parseTemperature(check.temperature);
  const invalid = Number.isNaN(temp);
  const fever = temp !== null && !invalid && temp >= FEVER_CELSIUS;
  const off = disabled || !check.present;
  const unmeasured = !off && isUnmeasured(check);
  const problem = showProblems && !off ? missingProblem(check) : null;
  const set = (patch: Partial<CheckDraft>) => onChange({ ...check, ...patch });
  const toggleSymptom = (s: Symptom) =>
    set({ symptoms: check.symptoms.includes(s) ? check.symptoms.filter((x) => x !== s) : [...check.symptoms, s] });

  return (
    <div
      data-testid={`field-member-${person.id}`}
      style={{
        border: `1px solid ${fever || isRisk(check) ? '#ffa39e' : '#f0f0f0'}`,
        background: fever ? '#fff1f0' : '#fff',
        borderRadius: 8,
        padding: 12,
        marginBottom: 10,
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Text strong style={{ fontSize: 17 }}>
          {person.name}
        </Typography.Text>
        <Typography.Text type="secondary">
          {[
            person.relation ? t(`relation.${person.relation as 'head'}`) : null,
            person.sex ? t(`sex.${person.sex}`) : null,
            person.birthDate?.slice(0, 4),
          ]
            .filter(Boolean)
            .join(' · ')}
        </Typography.Text>
        <PersonTags tags={person.tags} />
      </div>
      <div style={{ display: 'flex', alignItems: 'center', gap: 10, marginTop: 8 }}>
        <Input
          ref={tempRef}
          data-testid={`field-temp-${person.id}`}
          aria-label={`${person.name} ${t('field.temperature')}`}
          inputMode="decimal"
          enterKeyHint="next"
          autoComplete="off"
          placeholder={t('field.temperature')}
          size="large"
          suffix="℃"
          disabled={off}
          status={invalid ? 'error' : undefined}
          value={check.temperature}
          onChange={(e) => set({ temperature: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              onEnter();
            }
          }}
          style={{ width: 130, borderColor: fever ? '#cf1322' : undefined, background: fever ? '#fff1f0' : undefined }}
          styles={{
            input: {
              fontSize: 20,
              color: fever ? '#cf1322' : undefined,
              fontWeight: fever ? 700 : undefined,
              background: 'transparent',
            },
          }}
        />
        {fever && (
          <Tag color="red" data-testid={`field-fever-${person.id}`}>
            {t('field.fever')}
          </Tag>
        )}
        <span style={{ flex: 1 }} />
        <label htmlFor={`field-present-${person.id}`} style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
          <Switch
            id={`field-present-${person.id}`}
            data-testid={`field-present-${person.id}`}
            checked={check.present}
            disabled={disabled}
            onChange={(present) => set({ present })}
          />
          {t('field.present')}
        </label>
      </div>
      {invalid && (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {t('field.tempRange')}
        </Typography.Text>
      )}
      {unmeasured && (
        <div
          style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 8, marginTop: 8 }}
          data-testid={`field-missing-${person.id}`}
        >
          <Typography.Text type={problem === 'reason' ? 'danger' : 'secondary'} style={{ fontSize: 13 }}>
            {t('field.noTemperature')}
          </Typography.Text>
          <Radio.Group
            size="small"
            optionType="button"
            value={check.missing}
            onChange={(e) => set({ missing: e.target.value as TemperatureMissing })}
            options={TemperatureMissing.options.map((m) => ({ value: m, label: t(`field.missing.${m}`) }))}
          />
          {check.missing && (
            <Input
              size="small"
              data-testid={`field-missing-note-${person.id}`}
              aria-label={`${person.name} ${t('field.missingNote')}`}
              placeholder={t('field.missingNote')}
              maxLength={200}
              status={problem === 'note' ? 'error' : undefined}
              value={check.missingNote}
              onChange={(e) => set({ missingNote: e.target.value })}
              style={{ flex: 1, minWidth: 160 }}
            />
          )}
        </div>
      )}
      <fieldset
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          gap: 6,
          marginTop: 8,
          border: 0,
          padding: 0,
          marginInline: 0,
          minInlineSize: 0,
        }}
        aria-label={t('visit.symptoms')}
      >
        {Symptom.options.map((s) => {
          const on = check.symptoms.includes(s);
          return (
            <Button
              key={s}
              size="small"
              shape="round"
              autoInsertSpace={false}
              type={on ? 'primary' : 'default'}
              danger={on}
              aria-pressed={on}
              disabled={off}
              onClick={() => toggleSymptom(s)}
              data-testid={`field-symptom-${person.id}-${s}`}
            >
              {t(`symptom.${s}`)}
            </Button>
          );
        })}
      </fieldset>
      <div style={{ display: 'flex', gap: 16, marginTop: 8 }}>
        <Checkbox
          checked={check.hubeiTravel}
          disabled={off}
          onChange={(e) => set({ hubeiTravel: e.target.checked })}
          data-testid={`field-hubei-${person.id}`}
        >
          {t('tag.hubei_travel')}
        </Checkbox>
        <Checkbox
          checked={check.contactHistory}
          disabled={off}
          onChange={(e) => set({ contactHistory: e.target.checked })}
          data-testid={`field-contact-${person.id}`}
        >
          {t('tag.contact_history')}
        </Checkbox>
      </div>
    </div>
  );
}
