import { z } from 'zod';
import { isCalendarDate } from './validators';

/** A local calendar day written YYYY-MM-DD that exists: 2020-02-29 does, 2020-02-30 does not. */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'date: YYYY-MM-DD')
  .refine(isCalendarDate, 'date: not a calendar date');

/** The county's time zone (QUNFANG_TZ); the server sets it once at start-up. */
let countyTimeZone = 'Asia/Shanghai';

/** Read instants typed without an offset in this zone from now on (the server calls it with its config). */
export function setCountyTimeZone(timeZone: string): void {
  countyTimeZone = timeZone;
}

/** The county's time zone as the server set it at start-up (Asia/Shanghai until then). */
export function getCountyTimeZone(): string {
  return countyTimeZone;
}

/** Minutes east of UTC of a time zone at an instant (480 for Asia/Shanghai). */
function offsetMinutes(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(ms));
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  return Math.round(
    (Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) -
      Math.floor(ms / 1000) * 1000) /
      60_000,
  );
}

/** A wall-clock time without an offset (2020-01-22T20:05:00) read in a time zone, as a UTC ISO instant. */
export function localWallClockToInstant(text: string, timeZone: string): string {
  const [day, time = '00:00'] = text.split('T') as [string, string?];
  const [y, mo, d] = day.split('-').map(Number) as [number, number, number];
  const [h, mi, s = '0'] = time.split(':') as [string, string, string?];
  const wall = Date.UTC(y, mo - 1, d, Number(h), Number(mi)) + Math.round(Number(s) * 1000);
  // the offset at the wall-clock time read as UTC, then again at the instant found (a daylight-saving edge)
  let ms = wall - offsetMinutes(wall, timeZone) * 60_000;
  ms = wall - offsetMinutes(ms, timeZone) * 60_000;
  return new Date(ms).toISOString();
}

/**
 * An instant in ISO 8601. With an offset (`Z`, `+08:00`) it is that instant and passes unchanged;
 * without one (`2020-01-22T20:05:00`, as a spreadsheet or a hand-written script sends it) it is
 * the county's local time — 20:05 in Pingyao, not in London — and becomes the UTC instant.
 */
export const Instant = z.iso
  .datetime({ offset: true, local: true })
  .transform((text) => (/(Z|[+-]\d{2}(:?\d{2})?)$/i.test(text) ? text : localWallClockToInstant(text, countyTimeZone)));
