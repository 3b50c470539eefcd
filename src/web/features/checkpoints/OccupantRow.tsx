import { CloseOutlined } from '@ant-design/icons';
import { Button, Input, Tag, Typography, type InputRef } from 'antd';
import type { KeyboardEvent } from 'react';
import { useI18n } from '../../app/i18n';
import { hasFever, idProblem, isMobile, nameGiven, parseTemperature, type OccupantDraft } from './occupants';

export interface RowRefs {
  id: (el: InputRef | null) => void;
  name: (el: InputRef | null) => void;
  phone: (el: InputRef | null) => void;
  temp: (el: InputRef | null) => void;
}

interface Props {
  index: number;
  draft: OccupantDraft;
  onChange: (patch: Partial<OccupantDraft>) => void;
  /** Enter or Tab in the ID number: on to the name or the temperature; Enter on an empty row finishes. */
  onIdKey: (event: KeyboardEvent<HTMLInputElement>) => void;
  onNameEnter: () => void;
  onPhoneEnter: () => void;
  onTempEnter: () => void;
  onRemove?: () => void;
  refs: RowRefs;
}

/**
 * One occupant: ID number (18 valid characters look the person up and fill the name), name
 * (out of the Tab order once filled for the crew), mobile (with the name, how someone without an
 * ID number is traced; a mobile typed as the ID number is moved here), temperature (red from 37.3 ℃).
 */
export function OccupantRow({
  index,
  draft,
  onChange,
  onIdKey,
  onNameEnter,
  onPhoneEnter,
  onTempEnter,
  onRemove,
  refs,
}: Props) {
  const { t } = useI18n();
  const known = !!draft.personId;
  const problem = known ? null : draft.idNumber.trim().length >= 18 ? idProblem(draft.idNumber) : null;
  const phoneProblem = !known && draft.phone.trim().length >= 11 && !isMobile(draft.phone);
  const temp = parseTemperature(draft.temperature);
  const fever = hasFever(draft);
  const error = draft.error;
  const facts = draft.facts
    ? [draft.facts.sex ? t(`sex.${draft.facts.sex}`) : null, draft.facts.birthDate].filter(Boolean).join(' · ')
    : '';
  const enter = (handler: () => void) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    handler();
  };

  return (
    <div
      data-testid={`entry-occupant-${index}`}
      style={{
        border: `1px solid ${fever ? '#ffa39e' : '#f0f0f0'}`,
        background: fever ? '#fff1f0' : '#fff',
        borderRadius: 8,
        padding: 8,
        marginBottom: 8,
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 6, marginBottom: 6 }}>
        <Typography.Text strong>{t('entry.occupantN', { n: index + 1 })}</Typography.Text>
        {draft.lookup === 'loading' && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('entry.lookingUp')}
          </Typography.Text>
        )}
        {draft.lookup === 'found' && facts && (
          <Tag color="blue" data-testid={`entry-facts-${index}`}>
            {facts}
          </Tag>
        )}
        {draft.lookup === 'unknown' && <Tag data-testid={`entry-unknown-${index}`}>{t('entry.notRegistered')}</Tag>}
        {fever && <Tag color="red">{t('field.fever')}</Tag>}
        <span style={{ flex: 1 }} />
        {onRemove && (
          <Button
            size="small"
            type="text"
            tabIndex={-1}
            icon={<CloseOutlined />}
            aria-label={t('entry.removeOccupant')}
            onClick={onRemove}
          />
        )}
      </div>
      <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)', gap: 6 }}>
        <Input
          ref={refs.id}
          data-testid={`entry-id-${index}`}
          aria-label={t('entry.idNumber')}
          placeholder={t('entry.idNumber')}
          autoComplete="off"
          autoCapitalize="characters"
          enterKeyHint="next"
          maxLength={20}
          readOnly={known}
          tabIndex={known ? -1 : undefined}
          status={problem || error?.field === 'idNumber' ? 'error' : undefined}
          value={known ? (draft.maskedId ?? '—') : draft.idNumber}
          onChange={(e) =>
            onChange({ idNumber: e.target.value.toUpperCase().replace(/\s/g, ''), phoneMoved: false, error: null })
          }
          onKeyDown={onIdKey}
          style={{ fontVariantNumeric: 'tabular-nums', paddingInline: 6 }}
        />
        <Input
          ref={refs.name}
          data-testid={`entry-name-${index}`}
          aria-label={t('entry.name')}
          placeholder={t('entry.name')}
          autoComplete="off"
          enterKeyHint="next"
          readOnly={known}
          tabIndex={nameGiven(draft) ? -1 : undefined}
          status={error?.field === 'name' ? 'error' : undefined}
          value={draft.name}
          onChange={(e) => onChange({ name: e.target.value, error: null })}
          onKeyDown={enter(onNameEnter)}
        />
        <Input
          ref={refs.phone}
          data-testid={`entry-phone-${index}`}
          aria-label={`${t('entry.occupantN', { n: index + 1 })} ${t('entry.phone')}`}
          placeholder={t('entry.phone')}
          inputMode="tel"
          enterKeyHint="next"
          autoComplete="off"
          maxLength={11}
          readOnly={known}
          tabIndex={known || draft.lookup === 'found' ? -1 : undefined}
          status={phoneProblem || error?.field === 'phone' ? 'error' : undefined}
          value={known ? '' : draft.phone}
          onChange={(e) => onChange({ phone: e.target.value.replace(/\D/g, ''), phoneMoved: false, error: null })}
          onKeyDown={enter(() => {
            // a number cut short is caught here, as the ID box catches a bad check digit, not at 登记
            if (draft.phone.trim() && !isMobile(draft.phone))
              onChange({ error: { field: 'phone', message: t('entry.phoneInvalid') } });
            else onPhoneEnter();
          })}
          style={{ fontVariantNumeric: 'tabular-nums', paddingInline: 6 }}
        />
        <Input
          ref={refs.temp}
          data-testid={`entry-temp-${index}`}
          aria-label={`${t('entry.occupantN', { n: index + 1 })} ${t('field.temperature')}`}
          placeholder="℃"
          inputMode="decimal"
          enterKeyHint="next"
          autoComplete="off"
          status={Number.isNaN(temp) || error?.field === 'temperature' ? 'error' : undefined}
          value={draft.temperature}
          onChange={(e) => onChange({ temperature: e.target.value, error: null })}
          onKeyDown={enter(onTempEnter)}
          style={{ borderColor: fever ? '#cf1322' : undefined }}
          styles={{
            input: { fontSize: 18, color: fever ? '#cf1322' : undefined, fontWeight: fever ? 700 : undefined },
          }}
        />
      </div>
      {problem && (
        <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid={`entry-id-error-${index}`}>
          {t(
            problem === 'CHECKSUM'
              ? 'entry.idChecksum'
              : problem === 'BIRTH_DATE'
                ? 'entry.idBirthDate'
                : 'entry.idInvalid',
          )}
        </Typography.Text>
      )}
      {!problem && phoneProblem && (
        <Typography.Text
          type="danger"
          style={{ fontSize: 12, display: 'block' }}
          data-testid={`entry-phone-error-${index}`}
        >
          {t('entry.phoneInvalid')}
        </Typography.Text>
      )}
      {draft.phoneMoved && (
        <Typography.Text
          type="warning"
          style={{ fontSize: 12, display: 'block' }}
          data-testid={`entry-phone-moved-${index}`}
        >
          {t('entry.phoneMoved')}
        </Typography.Text>
      )}
      {!problem && error && (
        <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid={`entry-error-${index}`}>
          {error.message}
        </Typography.Text>
      )}
    </div>
  );
}
