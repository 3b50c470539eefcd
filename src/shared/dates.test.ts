import { describe, expect, it } from 'vitest';
import { CalendarDate } from './dates';
import { LocalDay as DailyReportDay } from './daily-reports';
import { LocalDay as IsolationDay } from './isolation';
import { ZeroReportDay } from './zero-reports';

describe('calendar dates', () => {
  it.each(['2020-02-29', '2020-01-31', '1900-01-01', '2026-11-23'])('accepts %s', (day) => {
    expect(CalendarDate.safeParse(day).success).toBe(true);
  });
  it.each(['2020-02-30', '2019-02-29', '2019-13-05', '2020-04-31', '2020-00-10', '2020-1-5', '20200105', ''])('refuses %j', (day) => {
    expect(CalendarDate.safeParse(day).success).toBe(false);
  });
  it('is what every feature takes as a day', () => {
    for (const schema of [DailyReportDay, IsolationDay, ZeroReportDay]) expect(schema.safeParse('2020-02-30').success).toBe(false);
  });
});
