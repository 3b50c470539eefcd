import type { Locale } from '../../shared/enums';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** A timestamp as local date and time in the UI language, e.g. 2020/1/24 08:05. */
export function formatTime(iso: string | null | undefined, locale: Locale): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let formatter = formatters.get(locale);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short', hour12: false });
    formatters.set(locale, formatter);
  }
  return formatter.format(date);
}

/** Text made safe to put into HTML built outside React (chart tooltips): & < > " ' escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
