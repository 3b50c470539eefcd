import { describe, expect, it } from 'vitest';
import { localDay, ManualClock, startOfLocalDay } from './clock';
import { loadConfig, ConfigError } from './config';

describe('the county day', () => {
  it('is the local calendar day in the configured zone, not the UTC day', () => {
    // 20:00 on 20 January in Pingyao is 12:00 UTC; 01:00 local on the 21st is still the 20th in UTC.
    expect(localDay(new Date('2020-01-20T12:00:00Z'), 'Asia/Shanghai')).toBe('2020-01-20');
    expect(localDay(new Date('2020-01-20T17:00:00Z'), 'Asia/Shanghai')).toBe('2020-01-21');
    expect(localDay(new Date('2020-01-20T17:00:00Z'), 'UTC')).toBe('2020-01-20');
  });
  it('starts at local midnight', () => {
    expect(startOfLocalDay('2020-01-21', 'Asia/Shanghai').toISOString()).toBe('2020-01-20T16:00:00.000Z');
    expect(startOfLocalDay('2020-03-29', 'Europe/Berlin').toISOString()).toBe('2020-03-28T23:00:00.000Z');
  });
  it('a manual clock can be set and moved', () => {
    const clock = new ManualClock(new Date('2020-01-25T07:55:00Z'));
    clock.advance(5 * 3600_000);
    expect(clock.now().toISOString()).toBe('2020-01-25T12:55:00.000Z');
  });
});

describe('configuration', () => {
  it('has working defaults', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, sqlitePath: './data/qunfang.db', timeZone: 'Asia/Shanghai', demo: 'county' });
    expect(Object.isFrozen(c)).toBe(true);
  });
  it('stops with one clear line on a bad value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ QUNFANG_TZ: 'Mars/Olympus' })).toThrow(/QUNFANG_TZ/);
    expect(() => loadConfig({ QUNFANG_DEMO: 'huge' })).toThrow(/QUNFANG_DEMO/);
  });
});
