import { Button, Switch, Typography, type InputRef } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { TodayItem } from '../../../shared/isolation';
import { ApiError } from '../../app/api';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { isolationApi } from './isolationApi';
import { EMPTY_FILL, FillFields, fillOf, type FillDraft } from './SlotFillForm';

interface Props {
  householdId: string;
  members: TodayItem[];
  onDone: (filled: number) => void;
  onCancel: () => void;
}

/**
 * 整户填报: one report for a household isolated together — each member present gets the slot due
 * now filled (POST /api/isolation/households/:id/follow-up, all or nothing). Enter in a temperature
 * goes to the next member present, and after the last one submits.
 */
export function HouseholdFillForm({ householdId, members, onDone, onCancel }: Props) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [drafts, setDrafts] = useState<Record<string, FillDraft>>(() =>
    Object.fromEntries(members.map((m) => [m.episode.id, EMPTY_FILL])),
  );
  const [present, setPresent] = useState<Record<string, boolean>>(() =>
    Object.fromEntries(members.map((m) => [m.episode.id, true])),
  );
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);
  const temps = useRef(new Map<string, InputRef | null>());

  useEffect(() => {
    const first = members[0];
    if (first) temps.current.get(first.episode.id)?.focus();
  }, [members]);

  const here = members.filter((m) => present[m.episode.id]);

  const submit = async () => {
    if (saving) return;
    const entries = [];
    for (const m of here) {
      const fill = fillOf(drafts[m.episode.id] ?? EMPTY_FILL);
      if (!fill.ok) {
        setProblems({
          [m.episode.id]: fill.problem === 'required' ? t('isolation.tempRequired') : t('field.tempRange'),
        });
        return temps.current.get(m.episode.id)?.focus();
      }
      entries.push({ episodeId: m.episode.id, ...fill.body });
    }
    if (!entries.length) return;
    setSaving(true);
    try {
      onDone((await isolationApi.fillHousehold(householdId, { entries })).filled);
    } catch (err) {
      // NO_SLOT_OPEN names the member whose report is not due: mark that one
      const field = err instanceof ApiError ? (err.details as { field?: string[] } | undefined)?.field : undefined;
      const who = field?.[0] === 'entries' ? entries[Number(field[1])]?.episodeId : undefined;
      if (who && err instanceof ApiError) setProblems({ [who]: err.message });
      feedback.error(err);
    } finally {
      setSaving(false);
    }
  };

  const next = (episodeId: string) => {
    const i = here.findIndex((m) => m.episode.id === episodeId);
    const following = here[i + 1];
    if (following) temps.current.get(following.episode.id)?.focus();
    else void submit();
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: catches Escape bubbling up from the fields inside (close the form); the box itself takes no input
    <div data-testid="household-fill" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('isolation.householdFill')} · {members[0]?.episode.address ?? ''}
      </Typography.Title>
      {members.map((m) => {
        const id = m.episode.id;
        return (
          <div
            key={id}
            style={{
              border: '1px solid #f0f0f0',
              borderRadius: 8,
              padding: 10,
              marginBottom: 10,
              background: present[id] ? '#fff' : '#fafafa',
            }}
          >
            <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 8 }}>
              <Typography.Text strong style={{ fontSize: 17, flex: 1 }}>
                {m.episode.personName}
              </Typography.Text>
              <label
                htmlFor={`household-present-${id}`}
                style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}
              >
                <Switch
                  id={`household-present-${id}`}
                  checked={present[id]}
                  onChange={(on) => setPresent((p) => ({ ...p, [id]: on }))}
                  data-testid={`household-present-${id}`}
                />
                {t('field.present')}
              </label>
            </div>
            {present[id] && (
              <FillFields
                compact
                draft={drafts[id] ?? EMPTY_FILL}
                onChange={(d) => {
                  setDrafts((all) => ({ ...all, [id]: d }));
                  setProblems((p) => ({ ...p, [id]: '' }));
                }}
                onEnter={() => next(id)}
                tempRef={(r) => {
                  temps.current.set(id, r);
                }}
                testId={`household-${id}`}
                problem={problems[id] || null}
              />
            )}
          </div>
        );
      })}
      <Button
        type="primary"
        size="large"
        block
        loading={saving}
        disabled={!here.length}
        onClick={() => void submit()}
        data-testid="household-fill-submit"
        style={{ height: 52, fontSize: 18 }}
      >
        {t('isolation.householdSubmit', { n: here.length })}
      </Button>
      <Button block onClick={onCancel} style={{ marginTop: 8 }}>
        {t('common.back')}
      </Button>
    </div>
  );
}
