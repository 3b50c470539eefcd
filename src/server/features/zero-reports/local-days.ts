import { startOfLocalDay } from '../../clock';

const starts = new Map<string, number>();

/**
 * startOfLocalDay in epoch ms, remembered: the status view asks for the same few local midnights
 * on every request, and each fresh answer costs two Intl.DateTimeFormat constructions.
 */
export function localDayStart(day: string, timeZone: string): number {
  const key = `${timeZone}|${day}`;
  let ms = starts.get(key);
  if (ms === undefined) {
    ms = startOfLocalDay(day, timeZone).getTime();
    if (starts.size > 4096) starts.clear();
    starts.set(key, ms);
  }
  return ms;
}
