import { startOfLocalDay } from '../../clock';
import type { IsolationSettings } from '../../../shared/isolation';

/** Local days from `first` to `last` inclusive (YYYY-MM-DD). */
function daysBetween(first: string, last: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) {
    days.push(new Date(t).toISOString().slice(0, 10));
  }
  return days;
}

/** 1-based day number of `today` in an observation that began on `startDay`. */
export function dayNumber(startDay: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${startDay}T00:00:00Z`)) / 86_400_000) + 1;
}

/** The instant of a local wall-clock time "HH:MM" on a local day. */
function localInstant(day: string, hhmm: string, timeZone: string): Date {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return new Date(startOfLocalDay(day, timeZone).getTime() + (h * 60 + m) * 60_000);
}

export interface SlotPlan {
  day: string;
  seq: number;
  dueFrom: string;
  dueTo: string;
}

/**
 * The follow-up slots of an observation: `slotsPerDay` windows on every day from `firstDay` to
 * `lastDay`, in the county's local time. Slots whose window had already closed at `notBefore`
 * (the moment the episode was created or extended) are left out: nobody was watching then, so
 * they cannot be missed.
 */
export function planSlots(
  firstDay: string,
  lastDay: string,
  slotsPerDay: number,
  settings: IsolationSettings,
  timeZone: string,
  notBefore: Date,
): SlotPlan[] {
  const windows = settings.windows[slotsPerDay as 1 | 2 | 3 | 4];
  const plans: SlotPlan[] = [];
  for (const day of daysBetween(firstDay, lastDay)) {
    windows.forEach((w, i) => {
      const dueTo = localInstant(day, w.slice(6), timeZone);
      if (dueTo.getTime() <= notBefore.getTime()) return;
      plans.push({
        day,
        seq: i + 1,
        dueFrom: localInstant(day, w.slice(0, 5), timeZone).toISOString(),
        dueTo: dueTo.toISOString(),
      });
    });
  }
  return plans;
}

/** The cut-off instant: pending slots whose window ended before it are missed. */
export function missedCutoff(now: Date, settings: IsolationSettings): string {
  return new Date(now.getTime() - settings.graceMinutes * 60_000).toISOString();
}

/** How a stored slot reads now: a pending slot past its window and grace is missed, whether or not the sweeper has marked it yet. */
export function effectiveStatus(
  slot: { status: string; due_to: string },
  cutoff: string,
): 'pending' | 'filled' | 'missed' | 'cancelled' {
  if (slot.status === 'pending' && slot.due_to < cutoff) return 'missed';
  return slot.status as 'pending' | 'filled' | 'missed' | 'cancelled';
}
