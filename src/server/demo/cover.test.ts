import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../testing/test-app';
import { expectAll } from '../testing/expect-all';
import { buildDemo, DEMO_PASSWORD } from './demo.service';

/** The small demo's week of use at checkpoints and the isolation hotel: some sites below 3 days of cover. */
describe("the small demo county's consumption and days of cover", () => {
  let t: TestApp;
  let desk: Client;

  beforeAll(async () => {
    t = await testApp();
    t.clock.set('2020-02-16T03:00:00Z');
    await buildDemo(t.db, t.clock, { scale: 'small' });
    desk = await t.login('supplies01', DEMO_PASSWORD);
  }, 240_000);
  afterAll(async () => t.close());

  it('shows the desk sites below 3 days of cover, worst first, and others above', async () => {
    const report = (await desk.get('/api/supplies/cover')).json();
    expect(report).toMatchObject({ day: '2020-02-16', thresholdDays: 3 });
    expect(report.rows.length).toBeGreaterThanOrEqual(8);
    const low = report.rows.filter((r: { low: boolean }) => r.low);
    expect(low.length).toBeGreaterThanOrEqual(2);
    expect(low.length).toBeLessThan(report.rows.length);
    expectAll(report.rows, (r: { days: number; dailyUse: number }) => r.days === 7 && r.dailyUse > 0);
    const days = report.rows.map((r: { daysOfCover: number }) => r.daysOfCover);
    expect(days).toEqual([...days].sort((a, b) => a - b));
    expect(report.rows.map((r: { warehouseKind: string }) => r.warehouseKind)).toContain('isolation_site');
  });

  it('lets a checkpoint crew report from its own store, with a ledger that still verifies', async () => {
    const crew = await t.login('checkpoint01', DEMO_PASSWORD);
    const sites = (await crew.get('/api/supplies/consumption/sites')).json();
    expect(sites.map((s: { name: string }) => s.name)).toContain('京昆高速平遥出口卡口物资点');
    const recent = (await crew.get(`/api/supplies/consumption?warehouseId=${sites[0].id}`)).json();
    expect(recent.length).toBeGreaterThan(10);
    expectAll(recent, (e: { reporter: string }) => e.reporter === 'checkpoint01');
    const v = (await t.anonymous.get('/api/public/ledger/verify')).json();
    expect(v).toMatchObject({ ok: true, badDigests: [], balanceMismatches: 0 });
  });
});
