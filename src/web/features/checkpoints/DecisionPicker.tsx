import { forwardRef } from 'react';
import type { Decision } from '../../../shared/checkpoints';
import { useI18n } from '../../app/i18n';
import { DECISIONS } from './checkpointApi';

const COLORS: Record<Decision, string> = {
  pass: '#389e0d',
  turned_back: '#d46b08',
  referred: '#cf1322',
  isolated: '#722ed1',
};

interface Props {
  value: Decision;
  onChange: (decision: Decision) => void;
  /** Enter on the group submits the passage. */
  onSubmit: () => void;
}

/**
 * 处置: one focusable group. Keys 1–4 pick 放行 / 劝返 / 转诊 / 隔离, the arrows move, Enter submits;
 * the buttons inside are for a finger and stay out of the Tab order.
 */
export const DecisionPicker = forwardRef<HTMLDivElement, Props>(function DecisionPicker(
  { value, onChange, onSubmit },
  ref,
) {
  const { t } = useI18n();
  const index = DECISIONS.indexOf(value);
  return (
    <div
      ref={ref}
      role="radiogroup"
      tabIndex={0}
      aria-label={t('entry.decision')}
      data-testid="entry-decision"
      data-value={value}
      className="qf-decision"
      onKeyDown={(e) => {
        const digit = Number(e.key);
        if (digit >= 1 && digit <= DECISIONS.length) onChange(DECISIONS[digit - 1]!);
        else if (e.key === 'ArrowRight' || e.key === 'ArrowDown') onChange(DECISIONS[(index + 1) % DECISIONS.length]!);
        else if (e.key === 'ArrowLeft' || e.key === 'ArrowUp')
          onChange(DECISIONS[(index + DECISIONS.length - 1) % DECISIONS.length]!);
        else if (e.key === 'Enter') onSubmit();
        else return;
        e.preventDefault();
      }}
      style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 6, padding: 3, borderRadius: 8 }}
    >
      {DECISIONS.map((d, i) => {
        const on = d === value;
        return (
          // biome-ignore lint/a11y/useSemanticElements: a radio group of large tap targets with 1–4 shortcuts and roving focus (WAI-ARIA radiogroup); native radios cannot be styled as these buttons
          <button
            key={d}
            type="button"
            role="radio"
            aria-checked={on}
            tabIndex={-1}
            onClick={() => onChange(d)}
            data-testid={`entry-decision-${d}`}
            style={{
              font: 'inherit',
              fontSize: 16,
              minHeight: 44,
              borderRadius: 6,
              cursor: 'pointer',
              border: `1px solid ${on ? COLORS[d] : '#d9d9d9'}`,
              background: on ? COLORS[d] : '#fff',
              color: on ? '#fff' : '#262626',
              fontWeight: on ? 700 : 400,
            }}
          >
            <span style={{ opacity: 0.7, fontSize: 12, marginInlineEnd: 6 }}>{i + 1}</span>
            {t(`decision.${d}`)}
          </button>
        );
      })}
    </div>
  );
});
