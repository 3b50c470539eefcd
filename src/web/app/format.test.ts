import { describe, expect, it } from 'vitest';
import { countyDay, formatClock, formatLongDate, formatShortTime, formatTime, setCountyTimeZone } from './format';

// The test process runs in UTC (or whatever the machine says): every figure below must follow the
// county's zone instead, as a phone set to UTC must.
describe('times in the county zone', () => {
  it('shows an instant in the county zone, whatever the device zone', () => {
    setCountyTimeZone('Asia/Shanghai');
    expect(formatTime('2026-12-07T10:29:00Z', 'zh-CN')).toBe('2026/12/07 18:29');
    expect(formatTime('2026-12-07T10:29:00Z', 'en')).toBe('7 Dec 2026, 18:29');
    expect(formatShortTime('2026-12-07T16:05:00Z', 'zh-CN')).toBe('12/08 00:05');
    expect(formatClock('2026-12-07T16:00:00Z')).toBe('00:00');
    expect(formatClock('2026-12-07T16:00:09Z', true)).toBe('00:00:09');
    expect(countyDay('2026-12-07T16:00:00Z')).toBe('2026-12-08');
    expect(formatLongDate('2026-12-07T16:30:00Z', 'zh-CN')).toBe('2026年12月8日');
    expect(formatLongDate('2020-01-25', 'en')).toBe('25 January 2020');
  });

  it('follows a change of zone', () => {
    setCountyTimeZone('Asia/Urumqi');
    expect(formatClock('2026-12-07T10:29:00Z')).toBe('16:29');
    setCountyTimeZone('Asia/Shanghai');
    expect(formatClock('2026-12-07T10:29:00Z')).toBe('18:29');
  });

  it('leaves what is not a time as it is', () => {
    expect(formatTime(null, 'zh-CN')).toBe('—');
    expect(formatTime('not a time', 'zh-CN')).toBe('not a time');
  });
});
