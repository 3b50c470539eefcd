import { Button, Input, Space, Tag, Typography, type InputRef } from 'antd';
import { useEffect, useRef, useState, type ReactNode, type Ref } from 'react';
import { SlotCondition, type Slot } from '../../../shared/isolation';
import { Symptom } from '../../../shared/screening';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { parseTemperature } from '../screening/MemberCheck';
import { isFever, isolationApi, slotWindow } from './isolationApi';

const COLORS: Record<SlotCondition, string> = {
  well: '#389e0d',
  unwell: '#cf1322',
  not_seen: '#d46b08',
  refused: '#595959',
};
const CONDITIONS = SlotCondition.options;

/** One follow-up as typed: the temperature as text, the condition picked by hand (if any), symptoms. */
export interface FillDraft {
  temperature: string;
  chosen: SlotCondition | null;
  symptoms: Symptom[];
}
export const EMPTY_FILL: FillDraft = { temperature: '', chosen: null, symptoms: [] };

/** Seen unwell by itself on a fever or any symptom; not seen / refused only when picked. */
function conditionOf(draft: FillDraft): SlotCondition {
  if (draft.chosen === 'not_seen' || draft.chosen === 'refused') return draft.chosen;
  const temp = parseTemperature(draft.temperature);
  const risk = (temp !== null && !Number.isNaN(temp) && isFever(temp)) || draft.symptoms.length > 0;
  return risk ? 'unwell' : (draft.chosen ?? 'well');
}

/** The draft as the API takes it, or the problem that stops it. */
export function fillOf(
  draft: FillDraft,
):
  | { ok: true; body: { temperature: number | null; symptoms: Symptom[]; condition: SlotCondition } }
  | { ok: false; problem: 'range' | 'required' } {
  const condition = conditionOf(draft);
  const seen = condition === 'well' || condition === 'unwell';
  const temp = parseTemperature(draft.temperature);
  if (seen && temp === null) return { ok: false, problem: 'required' };
  if (seen && Number.isNaN(temp)) return { ok: false, problem: 'range' };
  return { ok: true, body: { temperature: seen ? temp : null, symptoms: seen ? draft.symptoms : [], condition } };
}

interface FieldsProps {
  draft: FillDraft;
  onChange: (next: FillDraft) => void;
  /** Enter in the temperature. */
  onEnter: () => void;
  tempRef?: Ref<InputRef>;
  autoFocus?: boolean;
  testId: string;
  problem?: string | null;
  compact?: boolean;
}

/**
 * The inputs of one follow-up, for a thumb and for the keyboard: a big temperature (red from
 * 37.3 ℃; Enter submits), the condition as one focusable group (keys 1–4, arrows), symptom chips.
 */
export function FillFields({ draft, onChange, onEnter, tempRef, autoFocus, testId, problem, compact }: FieldsProps) {
  const { t } = useI18n();
  const condition = conditionOf(draft);
  const seen = condition === 'well' || condition === 'unwell';
  const temp = parseTemperature(draft.temperature);
  const fever = temp !== null && !Number.isNaN(temp) && isFever(temp);
  const set = (patch: Partial<FillDraft>) => onChange({ ...draft, ...patch });
  const index = CONDITIONS.indexOf(condition);
  const pick = (c: SlotCondition) => set({ chosen: c });

  return (
    <div>
      <div style={{ display: 'flex', gap: 10, alignItems: 'center', flexWrap: 'wrap' }}>
        <Input
          ref={tempRef}
          autoFocus={autoFocus}
          data-testid={`${testId}-temp`}
          aria-label={t('isolation.temperature')}
          inputMode="decimal"
          enterKeyHint="done"
          autoComplete="off"
          placeholder={t('isolation.temperature')}
          size="large"
          suffix="℃"
          disabled={!seen}
          status={problem ? 'error' : undefined}
          value={draft.temperature}
          onChange={(e) => set({ temperature: e.target.value })}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              onEnter();
            }
          }}
          style={{
            width: compact ? 130 : 170,
            borderColor: fever ? '#cf1322' : undefined,
            background: fever ? '#fff1f0' : undefined,
          }}
          styles={{
            input: {
              fontSize: compact ? 20 : 28,
              color: fever ? '#cf1322' : undefined,
              fontWeight: fever ? 700 : undefined,
              background: 'transparent',
            },
          }}
        />
        {fever && <Tag color="red">{t('field.fever')}</Tag>}
      </div>
      {problem && (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {problem}
        </Typography.Text>
      )}
      <div
        role="radiogroup"
        tabIndex={0}
        aria-label={t('isolation.condition')}
        data-testid={`${testId}-condition`}
        data-value={condition}
        className="qf-decision"
        onKeyDown={(e) => {
          const digit = Number(e.key);
          if (digit >= 1 && digit <= CONDITIONS.length) pick(CONDITIONS[digit - 1]!);
          else if (e.key === 'ArrowRight' || e.key === 'ArrowDown') pick(CONDITIONS[(index + 1) % CONDITIONS.length]!);
          else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp')
            pick(CONDITIONS[(index + CONDITIONS.length - 1) % CONDITIONS.length]!);
          else if (e.key === 'Enter') onEnter();
          else return;
          e.preventDefault();
        }}
        style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 6, padding: 3, marginTop: 10, borderRadius: 8 }}
      >
        {CONDITIONS.map((c, i) => {
          const on = c === condition;
          return (
            // biome-ignore lint/a11y/useSemanticElements: a radio group of large tap targets with 1–4 shortcuts and roving focus (WAI-ARIA radiogroup); native radios cannot be styled as these buttons
            <button
              key={c}
              type="button"
              role="radio"
              aria-checked={on}
              tabIndex={-1}
              onClick={() => pick(c)}
              data-testid={`${testId}-condition-${c}`}
              style={{
                font: 'inherit',
                fontSize: 16,
                minHeight: 44,
                borderRadius: 6,
                cursor: 'pointer',
                border: `1px solid ${on ? COLORS[c] : '#d9d9d9'}`,
                background: on ? COLORS[c] : '#fff',
                color: on ? '#fff' : '#262626',
                fontWeight: on ? 700 : 400,
              }}
            >
              <span style={{ opacity: 0.7, fontSize: 12, marginInlineEnd: 6 }}>{i + 1}</span>
              {t(`isolation.condition.${c}`)}
            </button>
          );
        })}
      </div>
      <fieldset
        style={{
          display: 'flex',
          flexWrap: 'wrap',
          gap: 6,
          marginTop: 10,
          border: 0,
          padding: 0,
          marginInline: 0,
          minInlineSize: 0,
        }}
        aria-label={t('visit.symptoms')}
      >
        {Symptom.options.map((s) => {
          const on = draft.symptoms.includes(s);
          return (
            <Button
              key={s}
              shape="round"
              autoInsertSpace={false}
              type={on ? 'primary' : 'default'}
              danger={on}
              aria-pressed={on}
              disabled={!seen}
              onClick={() => set({ symptoms: on ? draft.symptoms.filter((x) => x !== s) : [...draft.symptoms, s] })}
              data-testid={`${testId}-symptom-${s}`}
            >
              {t(`symptom.${s}`)}
            </Button>
          );
        })}
      </fieldset>
    </div>
  );
}

interface Props {
  slot: Slot;
  heading: ReactNode;
  onDone: (slot: Slot) => void;
  onCancel: () => void;
}

/** Fill one follow-up slot (POST /api/isolation/slots/:id); Escape goes back. */
export function SlotFillForm({ slot, heading, onDone, onCancel }: Props) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [draft, setDraft] = useState<FillDraft>(EMPTY_FILL);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const tempRef = useRef<InputRef>(null);

  useEffect(() => {
    tempRef.current?.focus();
  }, []);

  const submit = async () => {
    if (saving) return;
    const fill = fillOf(draft);
    if (!fill.ok) {
      setProblem(fill.problem === 'required' ? t('isolation.tempRequired') : t('field.tempRange'));
      return tempRef.current?.focus();
    }
    setSaving(true);
    try {
      onDone(await isolationApi.fill(slot.id, fill.body));
    } catch (err) {
      feedback.error(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: catches Escape bubbling up from the fields inside (close the form); the box itself takes no input
    <div
      data-testid="slot-fill"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onCancel();
      }}
    >
      <div style={{ marginBottom: 10 }}>
        {heading}
        <Typography.Text type="secondary" style={{ display: 'block' }}>
          {t('isolation.slotOfDay', { day: slot.day, seq: slot.seq })} · {slotWindow(slot)}
        </Typography.Text>
      </div>
      <FillFields
        draft={draft}
        onChange={(next) => {
          setDraft(next);
          setProblem(null);
        }}
        onEnter={() => void submit()}
        tempRef={tempRef}
        testId="slot-fill"
        problem={problem}
      />
      <Space style={{ marginTop: 14, width: '100%' }} direction="vertical">
        <Button
          type="primary"
          size="large"
          block
          loading={saving}
          onClick={() => void submit()}
          data-testid="slot-fill-submit"
          style={{ height: 52, fontSize: 18 }}
        >
          {t('isolation.fillSubmit')}
        </Button>
        <Button block onClick={onCancel}>
          {t('common.back')}
        </Button>
        <Typography.Text type="secondary" className="qf-keyboard-hint" style={{ fontSize: 12 }}>
          {t('isolation.fillKeyboardHint')}
        </Typography.Text>
      </Space>
    </div>
  );
}
