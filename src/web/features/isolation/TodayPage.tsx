import { CheckCircleFilled, ReloadOutlined, TeamOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Empty, Spin, Switch, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Slot, TodayItem } from '../../../shared/isolation';
import { useMe } from '../../app/auth';
import { CallButton } from '../../app/components/CallButton';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { HouseholdFillForm } from './HouseholdFillForm';
import { isFever, isolationApi, lengthOf, placeOf, slotWindow } from './isolationApi';
import { SlotFillForm } from './SlotFillForm';

type View =
  | { kind: 'list' }
  | { kind: 'slot'; item: TodayItem; slot: Slot }
  | { kind: 'household'; householdId: string; members: TodayItem[] };

/** A slot as a chip: its window, and the temperature once filled (red for a fever or a miss). */
function SlotChip({ slot, current }: { slot: Slot; current: boolean }) {
  const { t } = useI18n();
  const fever = isFever(slot.temperature) || slot.condition === 'unwell';
  const color =
    slot.status === 'filled'
      ? fever
        ? 'red'
        : 'green'
      : slot.status === 'missed'
        ? 'red'
        : slot.status === 'cancelled'
          ? 'default'
          : current
            ? 'blue'
            : 'default';
  const text =
    slot.status === 'filled'
      ? slot.temperature !== null
        ? `${slot.temperature.toFixed(1)}℃`
        : t(`isolation.condition.${slot.condition ?? 'well'}`)
      : t(`isolation.slotStatus.${slot.status}`);
  return (
    <Tag
      color={color}
      data-testid={`today-slot-${slot.id}`}
      data-status={slot.status}
      style={{ marginInlineEnd: 4, fontWeight: current ? 700 : undefined }}
    >
      {slotWindow(slot)} {text}
    </Tag>
  );
}

/** Households with two or more members due now: one report can cover them all. */
function householdsDue(items: TodayItem[]): Map<string, TodayItem[]> {
  const by = new Map<string, TodayItem[]>();
  for (const item of items) {
    const h = item.episode.householdId;
    if (!h || !item.currentSlotId || !(item.dueNow || item.overdue)) continue;
    by.set(h, [...(by.get(h) ?? []), item]);
  }
  return new Map([...by].filter(([, members]) => members.length >= 2));
}

/**
 * 今日随访 — "my people today", for an observer's phone and for the keyboard: everyone they watch,
 * the ones due now and overdue on top, each with today's slots. Enter (or a tap) on a person opens
 * the big fill form; the arrows move between people. Two or more members of one household due at
 * once get a single 整户填报 report.
 */
export default function TodayPage() {
  const me = useMe();
  const { t } = useI18n();
  const feedback = useFeedback();
  const observer = me.role === 'observer';
  const [all, setAll] = useState(!observer);
  const [items, setItems] = useState<TodayItem[] | null>(null);
  const [view, setView] = useState<View>({ kind: 'list' });
  const [done, setDone] = useState<string | null>(null);
  const cards = useRef(new Map<string, HTMLButtonElement | null>());
  const focusFirst = useRef(true);

  const load = useCallback(() => {
    isolationApi
      .today(all)
      .then(setItems)
      .catch((err: unknown) => {
        feedback.error(err);
        setItems([]);
      });
  }, [all, feedback]);

  useEffect(load, [load]);

  // Back at the list: the first person with a report to fill has the focus.
  useEffect(() => {
    if (view.kind !== 'list' || !items || !focusFirst.current) return;
    focusFirst.current = false;
    const first = items.find((i) => i.currentSlotId && (i.dueNow || i.overdue)) ?? items.find((i) => i.currentSlotId);
    if (first) cards.current.get(first.episode.id)?.focus();
  }, [view, items]);

  const backToList = (message: string | null) => {
    setDone(message);
    setView({ kind: 'list' });
    focusFirst.current = true;
    load();
  };

  if (items === null) return <Spin style={{ display: 'block', margin: '64px auto' }} />;

  if (view.kind === 'slot') {
    const ep = view.item.episode;
    return (
      <div style={{ maxWidth: 640, margin: '0 auto' }}>
        <Card size="small">
          <SlotFillForm
            slot={view.slot}
            heading={
              <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
                <Typography.Text strong style={{ fontSize: 20, flex: 1 }} data-testid="slot-fill-name">
                  {ep.personName} <Typography.Text type="secondary">{placeOf(ep)}</Typography.Text>
                </Typography.Text>
                {ep.phone && (
                  <CallButton
                    number={() => isolationApi.callNumber(ep.id)}
                    name={ep.personName}
                    testId="slot-fill-call"
                  />
                )}
              </div>
            }
            onDone={(slot) =>
              backToList(
                t('isolation.filledFor', {
                  name: ep.personName,
                  value:
                    slot.temperature !== null
                      ? `${slot.temperature.toFixed(1)}℃`
                      : t(`isolation.condition.${slot.condition ?? 'well'}`),
                }),
              )
            }
            onCancel={() => backToList(null)}
          />
        </Card>
      </div>
    );
  }
  if (view.kind === 'household') {
    return (
      <div style={{ maxWidth: 640, margin: '0 auto' }}>
        <Card size="small">
          <HouseholdFillForm
            householdId={view.householdId}
            members={view.members}
            onDone={(n) => backToList(t('isolation.householdFilled', { n }))}
            onCancel={() => backToList(null)}
          />
        </Card>
      </div>
    );
  }

  const households = householdsDue(items);
  const dueCount = items.filter((i) => i.currentSlotId && (i.dueNow || i.overdue)).length;
  const order = items.map((i) => i.episode.id);
  const move = (episodeId: string, step: number) => {
    const next = order[(order.indexOf(episodeId) + step + order.length) % order.length];
    if (next) cards.current.get(next)?.focus();
  };
  const shownHousehold = new Set<string>();

  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }} data-testid="today">
      <Card size="small" style={{ marginBottom: 8 }}>
        <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
          <Typography.Text strong style={{ fontSize: 18, flex: 1 }}>
            {t('isolation.todayTitle')}
          </Typography.Text>
          {!observer && (
            <label htmlFor="today-all" style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }}>
              <Switch id="today-all" checked={all} onChange={setAll} data-testid="today-all" />
              {t('isolation.todayAll')}
            </label>
          )}
          <Button icon={<ReloadOutlined />} onClick={load} aria-label={t('common.refresh')} />
        </div>
        <Typography.Text type="secondary" data-testid="today-summary">
          {t('isolation.todaySummary', { n: items.length, due: dueCount })}
        </Typography.Text>
      </Card>
      {done && (
        <Alert
          type="success"
          showIcon
          icon={<CheckCircleFilled />}
          title={done}
          closable={{ onClose: () => setDone(null) }}
          style={{ marginBottom: 8 }}
          data-testid="today-done"
        />
      )}
      {items.length === 0 && (
        <Card size="small">
          <Empty description={observer ? t('isolation.todayNoneMine') : t('isolation.todayNone')} />
        </Card>
      )}
      {items.map((item) => {
        const ep = item.episode;
        const household = ep.householdId ? households.get(ep.householdId) : undefined;
        const showHousehold = household && !shownHousehold.has(ep.householdId!);
        if (showHousehold) shownHousehold.add(ep.householdId!);
        const slot = item.slots.find((s) => s.id === item.currentSlotId);
        const urgent = item.overdue ? '#cf1322' : item.dueNow ? '#1f5fbf' : '#f0f0f0';
        return (
          <div key={ep.id}>
            {showHousehold && (
              <Button
                block
                size="large"
                icon={<TeamOutlined />}
                onClick={() => setView({ kind: 'household', householdId: ep.householdId!, members: household })}
                data-testid={`today-household-${ep.householdId}`}
                style={{ marginBottom: 6, height: 48 }}
              >
                {t('isolation.householdFillN', { n: household.length })}
              </Button>
            )}
            <div style={{ display: 'flex', gap: 6, alignItems: 'flex-start', marginBottom: 8 }}>
              <button
                type="button"
                ref={(el) => {
                  cards.current.set(ep.id, el);
                }}
                data-testid={`today-${ep.id}`}
                data-due={item.dueNow ? 'now' : item.overdue ? 'overdue' : slot ? 'later' : 'none'}
                disabled={!slot}
                onClick={() => slot && setView({ kind: 'slot', item, slot })}
                onKeyDown={(e) => {
                  if (e.key === 'ArrowDown') move(ep.id, 1);
                  else if (e.key === 'ArrowUp') move(ep.id, -1);
                  else return;
                  e.preventDefault();
                }}
                style={{
                  all: 'unset',
                  boxSizing: 'border-box',
                  display: 'block',
                  flex: 1,
                  minWidth: 0,
                  cursor: slot ? 'pointer' : 'default',
                  background: '#fff',
                  borderRadius: 8,
                  border: '1px solid #f0f0f0',
                  borderInlineStart: `5px solid ${urgent}`,
                  padding: '10px 12px',
                  opacity: slot ? 1 : 0.75,
                }}
                className="qf-today-card"
              >
                <div style={{ display: 'flex', alignItems: 'baseline', gap: 8, flexWrap: 'wrap' }}>
                  <span style={{ fontSize: 18, fontWeight: 600 }}>{ep.personName}</span>
                  <span style={{ color: '#666' }}>
                    {t('isolation.dayOf', { n: ep.dayNumber, total: lengthOf(ep) })}
                  </span>
                  <span style={{ flex: 1 }} />
                  {item.overdue && <Tag color="red">{t('isolation.overdue')}</Tag>}
                  {item.dueNow && <Tag color="blue">{t('isolation.dueNow')}</Tag>}
                  {!slot && <Tag color="green">{t('isolation.todayDone')}</Tag>}
                </div>
                <div style={{ color: '#666', fontSize: 13, margin: '2px 0 6px' }}>{placeOf(ep)}</div>
                <div>
                  {item.slots.map((s) => (
                    <SlotChip key={s.id} slot={s} current={s.id === item.currentSlotId} />
                  ))}
                </div>
              </button>
              {ep.phone && (
                <CallButton
                  number={() => isolationApi.callNumber(ep.id)}
                  name={ep.personName}
                  testId={`today-call-${ep.id}`}
                />
              )}
            </div>
          </div>
        );
      })}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('isolation.todayKeyboardHint')}
      </Typography.Text>
      <style>{'.qf-today-card:focus-visible{outline:2px solid #1f5fbf;outline-offset:1px}'}</style>
    </div>
  );
}
