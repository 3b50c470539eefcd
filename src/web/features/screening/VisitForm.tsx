import { ArrowLeftOutlined, CheckOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, App, Button, Input, Radio, Spin, Typography, type InputRef } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useRef, useState } from 'react';
import type { Person } from '../../../shared/residents';
import { VisitOutcome, type Round } from '../../../shared/screening';
import { useFeedback } from '../../app/feedback';
import { newUuid } from '../../app/ids';
import { useI18n } from '../../app/i18n';
import { householdApi, householdLabel, type HouseholdDetail } from '../residents/residentApi';
import { screeningApi } from './screeningApi';
import {
  EMPTY_CHECK,
  isRisk,
  isUnmeasured,
  MemberCheck,
  missingProblem,
  parseTemperature,
  type CheckDraft,
} from './MemberCheck';

// Loaded when first opened: the person form (date pickers, the region tree) is not part of the first screen.
const PersonFormDrawer = lazy(() =>
  import('../residents/PersonFormDrawer').then((m) => ({ default: m.PersonFormDrawer })),
);

export interface VisitDone {
  address: string;
  keyPersons: number;
  outcome: VisitOutcome;
}

interface Props {
  round: Round;
  householdId: string;
  onBack: () => void;
  onDone: (done: VisitDone) => void;
}

/**
 * The household at the door: each member's check, the outcome, submit. A fever or a history picks
 * 重点人员 by itself (无风险 is then not offered); so does anyone at home without a temperature,
 * who needs the reason (拒测 / 未测量) and a note instead. Keyboard: the first temperature has the focus,
 * Enter goes to the next one and, after the last, submits; Escape goes back to the search. The
 * visit carries an id made here, so a send retried after a timeout is stored once.
 */
export function VisitForm({ round, householdId, onBack, onDone }: Props) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const { message } = App.useApp();
  const [household, setHousehold] = useState<HouseholdDetail | null>(null);
  const [checks, setChecks] = useState<Record<string, CheckDraft>>({});
  const [chosen, setChosen] = useState<VisitOutcome | null>(null);
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  const [adding, setAdding] = useState(false);
  const [focusPending, setFocusPending] = useState(false);
  const [showProblems, setShowProblems] = useState(false);
  const [visitId] = useState(newUuid);
  const temps = useRef(new Map<string, InputRef | null>());
  const submitRef = useRef<HTMLButtonElement>(null);
  const backRef = useRef(onBack);
  backRef.current = onBack;

  const load = useCallback(
    async (focusFirst: boolean) => {
      try {
        const h = await householdApi.get(householdId);
        setHousehold(h);
        setChecks((prev) => Object.fromEntries(h.members.map((m) => [m.id, prev[m.id] ?? EMPTY_CHECK])));
        if (focusFirst) setFocusPending(true);
      } catch (err) {
        feedback.error(err);
        backRef.current();
      }
    },
    [householdId, feedback],
  );

  useEffect(() => {
    void load(true);
  }, [load]);

  // Once the members are on screen, the first temperature takes the focus (the submit button if nobody is registered).
  useEffect(() => {
    if (!focusPending || !household) return;
    setFocusPending(false);
    const first = household.members[0];
    if (first) temps.current.get(first.id)?.focus();
    else submitRef.current?.focus();
  }, [focusPending, household]);

  const members: Person[] = household?.members ?? [];
  const risk = members.some((m) => checks[m.id] && isRisk(checks[m.id]!));
  // someone at home without a temperature: the visit cannot be 无风险 (the worker picks another outcome)
  const unmeasured = members.some((m) => checks[m.id] && isUnmeasured(checks[m.id]!));
  const outcome: VisitOutcome | null =
    chosen === 'not_home' || chosen === 'refer'
      ? chosen
      : risk
        ? 'key_person'
        : unmeasured
          ? chosen === 'key_person'
            ? chosen
            : null
          : (chosen ?? 'no_risk');
  const nobodyHome = outcome === 'not_home';

  const submit = async () => {
    if (!household || saving) return;
    const bad = nobodyHome
      ? undefined
      : members.find((m) => checks[m.id]?.present && Number.isNaN(parseTemperature(checks[m.id]!.temperature)));
    if (bad) {
      temps.current.get(bad.id)?.focus();
      return;
    }
    const lacking = nobodyHome ? undefined : members.find((m) => checks[m.id] && missingProblem(checks[m.id]!));
    if (lacking || !outcome) {
      setShowProblems(true);
      if (lacking) temps.current.get(lacking.id)?.focus();
      message.warning(t(lacking ? 'field.needTemperatureOrReason' : 'field.chooseOutcome'));
      return;
    }
    setSaving(true);
    try {
      await screeningApi.visit({
        id: visitId,
        roundId: round.id,
        householdId: household.id,
        outcome,
        note: note.trim() || null,
        checks: members.map((m) => {
          const c = checks[m.id] ?? EMPTY_CHECK;
          const present = !nobodyHome && c.present;
          return {
            personId: m.id,
            present,
            temperature: present ? parseTemperature(c.temperature) : null,
            temperatureMissing: present && isUnmeasured(c) ? c.missing : null,
            temperatureNote: present && isUnmeasured(c) ? c.missingNote.trim() || null : null,
            symptoms: present ? c.symptoms : [],
            hubeiTravel: present && c.hubeiTravel,
            contactHistory: present && c.contactHistory,
          };
        }),
      });
      const keyPersons = nobodyHome ? 0 : members.filter((m) => checks[m.id] && isRisk(checks[m.id]!)).length;
      onDone({ address: household.address, keyPersons, outcome });
    } catch (err) {
      feedback.error(err);
    } finally {
      setSaving(false);
    }
  };

  const nextAfter = (personId: string) => {
    const present = members.filter((m) => checks[m.id]?.present);
    const index = present.findIndex((m) => m.id === personId);
    const next = present[index + 1];
    if (next) temps.current.get(next.id)?.focus();
    else void submit();
  };

  if (!household) return <Spin style={{ display: 'block', margin: '48px auto' }} />;

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: catches Escape bubbling up from the fields inside (back to the list); the box itself takes no input
    <div
      data-testid="field-visit"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !adding) onBack();
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 4, marginBottom: 8 }}>
        <Button
          type="text"
          icon={<ArrowLeftOutlined />}
          onClick={onBack}
          aria-label={t('field.back')}
          data-testid="field-back"
        />
        <div style={{ minWidth: 0 }}>
          <Typography.Text strong style={{ fontSize: 18, display: 'block' }} data-testid="field-address">
            {household.address}
          </Typography.Text>
          <Typography.Text type="secondary">
            {household.headName ? `${t('households.head')}：${household.headName} · ` : ''}
            {t('field.members', { n: members.length })}
          </Typography.Text>
        </div>
      </div>
      {members.length === 0 && (
        <Alert type="info" showIcon title={t('field.noMembersHint')} style={{ marginBottom: 10 }} />
      )}
      {members.map((m) => (
        <MemberCheck
          key={m.id}
          person={m}
          check={checks[m.id] ?? EMPTY_CHECK}
          disabled={nobodyHome}
          onChange={(next) => setChecks((prev) => ({ ...prev, [m.id]: next }))}
          onEnter={() => nextAfter(m.id)}
          showProblems={showProblems}
          tempRef={(el) => {
            temps.current.set(m.id, el);
          }}
        />
      ))}
      <Button
        icon={<UserAddOutlined />}
        onClick={() => setAdding(true)}
        style={{ marginBottom: 12 }}
        data-testid="field-add-member"
      >
        {t('field.addMember')}
      </Button>
      <Typography.Text strong style={{ display: 'block', marginBottom: 6 }}>
        {t('field.outcome')}
      </Typography.Text>
      <Radio.Group
        data-testid="field-outcome"
        value={outcome}
        onChange={(e) => setChosen(e.target.value as VisitOutcome)}
        optionType="button"
        buttonStyle="solid"
        style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 6, marginBottom: 6 }}
        options={VisitOutcome.options.map((o) => ({
          value: o,
          label: t(`outcome.${o}`),
          disabled: o === 'no_risk' && (risk || unmeasured),
          style: { textAlign: 'center', borderRadius: 6, borderInlineStartWidth: 1 },
        }))}
      />
      {risk && !nobodyHome && (
        <Typography.Text type="danger" style={{ display: 'block', fontSize: 12 }}>
          {t('field.riskAuto')}
        </Typography.Text>
      )}
      {!risk && unmeasured && !nobodyHome && (
        <Typography.Text
          type={showProblems && !outcome ? 'danger' : 'warning'}
          style={{ display: 'block', fontSize: 12 }}
          data-testid="field-unmeasured"
        >
          {t('field.unmeasuredNoRisk')}
        </Typography.Text>
      )}
      <Input.TextArea
        aria-label={t('visit.note')}
        placeholder={t('visit.note')}
        value={note}
        onChange={(e) => setNote(e.target.value)}
        maxLength={500}
        autoSize={{ minRows: 1, maxRows: 3 }}
        style={{ margin: '10px 0' }}
      />
      <Button
        ref={submitRef}
        type="primary"
        size="large"
        block
        icon={<CheckOutlined />}
        loading={saving}
        onClick={() => void submit()}
        data-testid="field-submit"
        style={{ height: 52, fontSize: 18 }}
      >
        {t('field.submit')}
      </Button>
      <Typography.Text
        type="secondary"
        className="qf-keyboard-hint"
        style={{ display: 'block', textAlign: 'center', fontSize: 12, marginTop: 6 }}
      >
        {t('field.keyboardHint')}
      </Typography.Text>
      {adding && (
        <Suspense fallback={<Spin />}>
          <PersonFormDrawer
            household={{ id: household.id, label: householdLabel(household) }}
            onClose={() => setAdding(false)}
            onSaved={() => {
              setAdding(false);
              void load(false);
            }}
          />
        </Suspense>
      )}
    </div>
  );
}
