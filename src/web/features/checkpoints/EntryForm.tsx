import { CheckOutlined, SwapOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Input, Select, Typography, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { PLATE_PATTERN, type Decision, type Passage, type Site } from '../../../shared/checkpoints';
import { ApiError } from '../../app/api';
import { useFeedback } from '../../app/feedback';
import { newUuid } from '../../app/ids';
import { useI18n } from '../../app/i18n';
import { checkpointApi, type PassageBody } from './checkpointApi';
import { DecisionPicker } from './DecisionPicker';
import { OccupantRow } from './OccupantRow';
import { hasFever, isBlank, movedPhone, occupantsOfLast, problemOf, toOccupantInput } from './occupants';
import { PlateInput } from './PlateInput';
import { useOccupants } from './useOccupants';

/** The input each occupant field's problem sends the focus to. */
const FIELD_INPUT = { idNumber: 'id', name: 'name', phone: 'phone', temperature: 'temp' } as const;

const VEHICLES = ['car', 'bus', 'truck', 'van', 'motorcycle', 'tricycle', 'other'] as const;
type Vehicle = (typeof VEHICLES)[number];

export interface EntryDone {
  plate: string | null;
  people: number;
  fevers: number;
  decision: Decision;
}

/**
 * One vehicle (or pedestrian) at the barrier, by keyboard: plate (Enter/Tab takes it), then
 * "同上次人员" or the occupants (ID number → name → mobile → temperature, the name and mobile
 * skipped when the ID number is registered; Enter to the next; Enter on an empty ID number finishes), then the decision (1–4) and Enter to submit. The passage id is made
 * when the form opens, so a send retried after a network failure is stored once.
 */
export function EntryForm({ site, onDone }: { site: Site; onDone: (done: EntryDone) => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [passageId] = useState(newUuid);
  const [plate, setPlate] = useState('');
  const [plateError, setPlateError] = useState<string | null>(null);
  const [walking, setWalking] = useState(false);
  const [vehicle, setVehicle] = useState<Vehicle>('car');
  const [direction, setDirection] = useState<'in' | 'out'>('in');
  const [last, setLast] = useState<Passage | null>(null);
  const [origin, setOrigin] = useState('');
  const [destination, setDestination] = useState('');
  const [disinfected, setDisinfected] = useState(true);
  const [leaflet, setLeaflet] = useState(true);
  const [chosen, setChosen] = useState<Decision | null>(null);
  const [saving, setSaving] = useState(false);
  const [unsent, setUnsent] = useState(false);
  const occupants = useOccupants();
  const { rows } = occupants;
  const plateRef = useRef<InputRef>(null);
  const sameRef = useRef<HTMLButtonElement>(null);
  const decisionRef = useRef<HTMLDivElement>(null);

  const [focusSame, setFocusSame] = useState(false);
  useEffect(() => {
    if (!focusSame) return;
    setFocusSame(false);
    sameRef.current?.focus();
  }, [focusSame]);

  const fevers = rows.filter(hasFever).length;
  // a fever turns 放行 into 转诊 by itself; the crew's own choice is asked again when that changes
  const feverish = fevers > 0;
  const [wasFeverish, setWasFeverish] = useState(feverish);
  if (feverish !== wasFeverish) {
    setWasFeverish(feverish);
    setChosen(null);
  }
  const decision: Decision = chosen ?? (fevers > 0 ? 'referred' : 'pass');

  const acceptPlate = async (accepted: string) => {
    setPlate(accepted);
    if (!PLATE_PATTERN.test(accepted)) return setPlateError(t('entry.plateInvalid'));
    setPlateError(null);
    const passage = await checkpointApi.lastPassage(site.id, accepted).catch(() => null);
    setLast(passage?.occupants.length ? passage : null);
    if (passage?.occupants.length) setFocusSame(true);
    else occupants.focusOn(rows[0]!.key, rows[0]!.personId ? 'temp' : 'id');
  };

  const toggleWalking = () => {
    setWalking((w) => !w);
    setPlate('');
    setPlateError(null);
    setLast(null);
    if (!walking) occupants.focusOn(rows[0]!.key, 'id');
    else requestAnimationFrame(() => plateRef.current?.focus());
  };

  const finishOccupants = (key: string) => {
    if (rows.length > 1) occupants.remove(key);
    decisionRef.current?.focus();
  };

  const submit = async () => {
    if (saving) return;
    if (!walking && !PLATE_PATTERN.test(plate)) {
      setPlateError(t('entry.plateInvalid'));
      return plateRef.current?.focus();
    }
    // a mobile number left in an ID box goes to the phone field before anything is sent
    const filled = rows
      .filter((r) => !isBlank(r))
      .map((r) => {
        const moved = movedPhone(r);
        if (!moved) return r;
        occupants.patch(r.key, moved);
        return { ...r, ...moved };
      });
    if (!filled.length) return occupants.focusOn(rows[0]!.key, 'id');
    for (const row of filled) {
      const error = problemOf(row, t);
      if (error) {
        occupants.patch(row.key, { error });
        return occupants.focusOn(row.key, FIELD_INPUT[error.field]);
      }
    }
    const body: PassageBody = {
      id: passageId,
      siteId: site.id,
      direction,
      plate: walking ? null : plate,
      vehicleType: walking ? 'none' : vehicle,
      origin: origin.trim() || null,
      destination: destination.trim() || null,
      disinfected,
      leaflet,
      decision,
      occupants: filled.map(toOccupantInput),
    };
    setSaving(true);
    try {
      await checkpointApi.submit(body);
      onDone({ plate: body.plate ?? null, people: filled.length, fevers, decision });
    } catch (err) {
      placeError(err, filled);
    } finally {
      setSaving(false);
    }
  };

  /** A refused passage: the problem on its field; a lost connection keeps everything for a retry with the same id. */
  const placeError = (err: unknown, filled: typeof rows) => {
    if (!(err instanceof ApiError)) return feedback.error(err);
    if (err.code === 'NETWORK' || err.status >= 500) {
      setUnsent(true);
      return decisionRef.current?.focus();
    }
    if (err.code === 'PLATE_INVALID') {
      setPlateError(err.message);
      return plateRef.current?.focus();
    }
    const details = err.details as { field?: unknown[] } | undefined;
    const path =
      err.code === 'VALIDATION'
        ? err.issues[0]?.path.map(String).filter((p) => p !== 'body')
        : details?.field?.map(String);
    const row = path?.[0] === 'occupants' ? filled[Number(path[1])] : undefined;
    if (!row) return feedback.error(err);
    const field = path?.[2] === 'idNumber' || path?.[2] === 'phone' || path?.[2] === 'temperature' ? path[2] : 'name';
    occupants.patch(row.key, {
      error: { field, message: err.code === 'VALIDATION' ? `${err.message}：${err.issues[0]?.message}` : err.message },
    });
    occupants.focusOn(row.key, FIELD_INPUT[field]);
  };

  return (
    <div data-testid="entry-form">
      <div style={{ display: 'flex', gap: 6, alignItems: 'flex-start' }}>
        <PlateInput
          siteId={site.id}
          value={plate}
          onChange={(p) => {
            setPlate(p);
            setPlateError(null);
            setLast(null);
          }}
          onAccept={(p) => void acceptPlate(p)}
          onFlipDirection={() => setDirection((d) => (d === 'in' ? 'out' : 'in'))}
          disabled={walking}
          error={plateError}
          inputRef={plateRef}
        />
        <Button
          size="large"
          aria-pressed={walking}
          type={walking ? 'primary' : 'default'}
          onClick={toggleWalking}
          data-testid="entry-walk"
          style={{ height: 52, paddingInline: 10 }}
        >
          {t('entry.walk')}
        </Button>
        <Button
          size="large"
          icon={<SwapOutlined />}
          onClick={() => setDirection((d) => (d === 'in' ? 'out' : 'in'))}
          data-testid="entry-direction"
          data-value={direction}
          aria-label={t('entry.direction')}
          style={{
            height: 52,
            paddingInline: 10,
            fontSize: 18,
            fontWeight: 700,
            color: direction === 'in' ? '#9f1d1d' : '#0958d9',
          }}
        >
          {t(`direction.${direction}`)}
        </Button>
      </div>
      {last && (
        <Button
          ref={sameRef}
          block
          size="large"
          type="primary"
          ghost
          icon={<TeamOutlined />}
          data-testid="entry-same-as-last"
          onClick={() => {
            occupants.replaceAll(occupantsOfLast(last));
            setLast(null);
          }}
          style={{ marginTop: 8, height: 48, fontSize: 16 }}
        >
          {t('entry.sameAsLast', { n: last.occupants.length })}
        </Button>
      )}
      <div style={{ marginTop: 10 }}>
        {rows.map((row, index) => (
          <OccupantRow
            key={row.key}
            index={index}
            draft={row}
            refs={{
              id: occupants.refOf(row.key, 'id'),
              name: occupants.refOf(row.key, 'name'),
              phone: occupants.refOf(row.key, 'phone'),
              temp: occupants.refOf(row.key, 'temp'),
            }}
            onChange={(change) =>
              change.idNumber !== undefined
                ? occupants.changeId(row, change.idNumber)
                : occupants.patch(row.key, change)
            }
            onIdKey={(e) => {
              if (e.key !== 'Enter' && (e.key !== 'Tab' || e.shiftKey)) return;
              if (e.key === 'Tab' && !row.idNumber) return;
              e.preventDefault();
              if (e.key === 'Enter' && isBlank(row)) finishOccupants(row.key);
              else void occupants.afterId(row);
            }}
            onNameEnter={() => occupants.afterName(row)}
            onPhoneEnter={() => occupants.focusOn(row.key, 'temp')}
            onTempEnter={() => occupants.afterTemp(row)}
            onRemove={rows.length > 1 ? () => occupants.remove(row.key) : undefined}
          />
        ))}
      </div>
      <div
        style={{ display: 'grid', gridTemplateColumns: walking ? '1fr 1fr' : '1fr 1fr 1fr', gap: 6, marginBottom: 8 }}
      >
        <Input
          aria-label={t('entry.origin')}
          placeholder={t('entry.origin')}
          value={origin}
          onChange={(e) => setOrigin(e.target.value)}
          maxLength={100}
        />
        <Input
          aria-label={t('entry.destination')}
          placeholder={t('entry.destination')}
          value={destination}
          onChange={(e) => setDestination(e.target.value)}
          maxLength={100}
        />
        {!walking && (
          <Select
            aria-label={t('entry.vehicleType')}
            value={vehicle}
            onChange={setVehicle}
            options={VEHICLES.map((v) => ({ value: v, label: t(`vehicle.${v}`) }))}
          />
        )}
      </div>
      <div style={{ display: 'flex', gap: 16, marginBottom: 8 }}>
        <Checkbox
          checked={disinfected}
          onChange={(e) => setDisinfected(e.target.checked)}
          data-testid="entry-disinfected"
        >
          {t('entry.disinfected')}
        </Checkbox>
        <Checkbox checked={leaflet} onChange={(e) => setLeaflet(e.target.checked)} data-testid="entry-leaflet">
          {t('entry.leaflet')}
        </Checkbox>
      </div>
      <DecisionPicker ref={decisionRef} value={decision} onChange={setChosen} onSubmit={() => void submit()} />
      {fevers > 0 && (
        <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
          {t('entry.feverAuto')}
        </Typography.Text>
      )}
      {unsent && (
        <Alert type="warning" showIcon title={t('entry.unsent')} style={{ marginTop: 8 }} data-testid="entry-unsent" />
      )}
      <Button
        type="primary"
        size="large"
        block
        icon={<CheckOutlined />}
        loading={saving}
        onClick={() => void submit()}
        data-testid="entry-submit"
        style={{ height: 52, fontSize: 18, marginTop: 10 }}
      >
        {unsent ? t('entry.retry') : t('entry.submit')}
      </Button>
      <Typography.Text
        type="secondary"
        className="qf-keyboard-hint"
        style={{ display: 'block', textAlign: 'center', fontSize: 12, marginTop: 6 }}
      >
        {t('entry.keyboardHint')}
      </Typography.Text>
    </div>
  );
}
