import { describe, expect, it } from 'vitest';
import { CalendarDate, Instant, localWallClockToInstant } from './dates';
import { DailyReportListQuery } from './daily-reports';
import { EpisodeInput } from './isolation';
import { ZeroReportSubmission } from './zero-reports';

describe('calendar dates', () => {
  it.each(['2020-02-29', '2020-01-31', '1900-01-01', '2026-11-23'])('accepts %s', (day) => {
    expect(CalendarDate.safeParse(day).success).toBe(true);
  });
  it.each(['2020-02-30', '2019-02-29', '2019-13-05', '2020-04-31', '2020-00-10', '2020-1-5', '20200105', ''])(
    'refuses %j',
    (day) => {
      expect(CalendarDate.safeParse(day).success).toBe(false);
    },
  );
  it('is what every feature takes as a day', () => {
    for (const schema of [
      DailyReportListQuery.shape.day,
      EpisodeInput.shape.startDay.unwrap(),
      ZeroReportSubmission.shape.day,
    ]) {
      expect(schema.safeParse('2020-02-30').success).toBe(false);
    }
  });
});

describe('instants', () => {
  it('read a wall-clock time without an offset in the given zone', () => {
    expect(localWallClockToInstant('2020-01-22T20:05:00', 'Asia/Shanghai')).toBe('2020-01-22T12:05:00.000Z');
    expect(localWallClockToInstant('2020-01-22T00:30', 'Asia/Shanghai')).toBe('2020-01-21T16:30:00.000Z');
    expect(localWallClockToInstant('2020-07-01T12:00:00.250', 'Europe/London')).toBe('2020-07-01T11:00:00.250Z');
  });
  it('pass a time with an offset unchanged and refuse what is not a time', () => {
    expect(Instant.parse('2020-01-22T20:05:00+08:00')).toBe('2020-01-22T20:05:00+08:00');
    expect(Instant.parse('2020-01-22T12:05:00Z')).toBe('2020-01-22T12:05:00Z');
    expect(Instant.parse('2020-01-22T20:05:00')).toBe('2020-01-22T12:05:00.000Z');
    for (const bad of ['2020-01-22', '2020-01-22 20:05', 'yesterday', '2020-13-01T00:00:00'])
      expect(Instant.safeParse(bad).success).toBe(false);
  });
});
