/**
 * One injectable clock. Instants are stored in UTC (ISO 8601 strings); "a day" — follow-up slots,
 * zero-report deadlines, daily reports — is the county's local day in its configured time zone.
 */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests can set and move. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export function nowIso(clock: Clock): string {
  return clock.now().toISOString();
}

/**
 * The latest calendar day it is anywhere on Earth now (UTC+14): a date after it — a birth date, say
 * — is in the future whatever the county's time zone, without needing to know it.
 */
export function latestDayAnywhere(clock: Clock): string {
  return new Date(clock.now().getTime() + 14 * 3600_000).toISOString().slice(0, 10);
}

/** The local calendar day (YYYY-MM-DD) of an instant in a time zone such as Asia/Shanghai. */
export function localDay(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Local midnights already worked out: formatting a time zone is slow, and slot plans and reports ask for the same days again and again. */
const midnights = new Map<string, number>();

/** The UTC instant at which a local day begins, e.g. 2020-01-20 in Asia/Shanghai → 2020-01-19T16:00Z. */
export function startOfLocalDay(day: string, timeZone: string): Date {
  return new Date(localDayStartMs(day, timeZone));
}

/** startOfLocalDay as epoch milliseconds. */
export function localDayStartMs(day: string, timeZone: string): number {
  const key = `${timeZone}|${day}`;
  let ms = midnights.get(key);
  if (ms === undefined) {
    if (midnights.size > 20_000) midnights.clear();
    ms = computeStartOfLocalDay(day, timeZone);
    midnights.set(key, ms);
  }
  return ms;
}

/** Local day `day` shifted by `n` calendar days ('YYYY-MM-DD'; no time zone involved). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

function computeStartOfLocalDay(day: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const guess = Date.UTC(y, m - 1, d);
  // Offset of the zone at that moment, from how the zone renders it.
  const offsetAt = (t: number) => {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    }).formatToParts(new Date(t));
    const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
    return Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - t;
  };
  const first = guess - offsetAt(guess);
  return guess - offsetAt(first);
}
