import dayjs, { type Dayjs } from 'dayjs';
import type { Locale } from '../../shared/enums';

/**
 * Times and days as the county reads them. Every instant is shown in the county's time zone (the
 * server's QUNFANG_TZ, sent with the session), never the device's: a phone set to UTC must still read
 * 18:29 for an alert raised at 18:29 in the county. Dates are unambiguous in every language
 * ("2026/12/07", "7 Dec 2026"), never "12/7/26".
 */
let countyZone: string | null = null;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Set once the session is known (auth.tsx); until then the device's zone stands in. */
export function setCountyTimeZone(zone: string): void {
  if (zone === countyZone) return;
  countyZone = zone;
  formatters.clear();
}

export function countyTimeZone(): string {
  return countyZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

const TAGS: Record<Locale, string> = { 'zh-CN': 'zh-CN', en: 'en-GB', 'zh-TW': 'zh-TW' };

function formatter(key: string, locale: Locale, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const id = `${key}|${locale}`;
  let f = formatters.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat(TAGS[locale] ?? locale, { ...options, timeZone: countyTimeZone(), hour12: false });
    formatters.set(id, f);
  }
  return f;
}

function instant(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** An instant as date and time: "2026/12/07 18:29", "7 Dec 2026, 18:29". */
export function formatTime(iso: string | null | undefined, locale: Locale): string {
  const date = instant(iso);
  if (!date) return iso || '—';
  const dateOptions: Intl.DateTimeFormatOptions =
    locale === 'en'
      ? { year: 'numeric', month: 'short', day: 'numeric' }
      : { year: 'numeric', month: '2-digit', day: '2-digit' };
  return formatter('time', locale, { ...dateOptions, hour: '2-digit', minute: '2-digit' }).format(date);
}

/** An instant without its year, short enough for a phone: "12/07 18:29", "7 Dec 18:29". */
export function formatShortTime(iso: string | null | undefined, locale: Locale): string {
  const date = instant(iso);
  if (!date) return iso || '—';
  const dateOptions: Intl.DateTimeFormatOptions =
    locale === 'en' ? { month: 'short', day: 'numeric' } : { month: '2-digit', day: '2-digit' };
  return formatter('short', locale, { ...dateOptions, hour: '2-digit', minute: '2-digit' })
    .format(date)
    .replace(',', '');
}

/** An instant's clock time in the county: "18:29" (or "18:29:05"). */
export function formatClock(iso: string | Date | null | undefined, withSeconds = false): string {
  const date = iso instanceof Date ? iso : instant(iso);
  if (!date) return '—';
  const options: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit' };
  if (withSeconds) options.second = '2-digit';
  return formatter(withSeconds ? 'clock-s' : 'clock', 'zh-CN', options).format(date);
}

/** The county-local day of an instant, "2026-12-07" (today's when none is given). */
export function countyDay(at: string | Date = new Date()): string {
  const date = typeof at === 'string' ? new Date(at) : at;
  return formatter('day', 'zh-CN', { year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(date)
    .filter((p) => p.type !== 'literal')
    .map((p) => p.value)
    .join('-');
}

/** Today in the county, as a date picker's value (a picker's days are calendar days, not instants). */
export function countyToday(): Dayjs {
  return dayjs(countyDay());
}

/** A calendar day ("2026-12-07") or an instant's county day, long: "2026年12月7日", "7 December 2026". */
export function formatLongDate(value: string, locale: Locale): string {
  const day = value.length > 10 ? countyDay(value) : value;
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  if (locale === 'en') {
    return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString('en-GB', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
  }
  return `${y}年${m}月${d}日`;
}
