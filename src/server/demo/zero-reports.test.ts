import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../testing/test-app';
import type { ZeroReportStatus } from '../../shared/zero-reports';
import { buildDemo, DEMO_PASSWORD, type DemoSummary } from './demo.service';
import { expectAll } from '../testing/expect-all';

/** The small demo's zero reports (1 February and the 14 days before), read back through the command centre's API. */
describe("the small demo county's zero reports", () => {
  let t: TestApp;
  let command: Client;
  let summary: DemoSummary;
  let last: ZeroReportStatus;

  beforeAll(async () => {
    t = await testApp();
    t.clock.set('2020-02-05T07:30:00Z'); // before the recent weeks begin: the story's 15 days only
    summary = await buildDemo(t.db, t.clock, { scale: 'small' });
    command = await t.login('command', DEMO_PASSWORD);
    last = (await command.get('/api/zero-reports/status?day=2020-02-01')).json();
  });
  afterAll(async () => t?.close());

  it('has 15 days of reports from every kind of unit, with realistic gaps', async () => {
    expect(summary.zeroReports.days).toBe(15);
    const days = last.history;
    expect(days.map((h) => h.day)).toEqual(
      Array.from({ length: 15 }, (_, i) => new Date(Date.UTC(2020, 0, 18 + i)).toISOString().slice(0, 10)),
    );
    const units = days.reduce((n, h) => n + h.units, 0);
    const reported = days.reduce((n, h) => n + h.reported, 0);
    const onTime = days.reduce((n, h) => n + h.onTime, 0);
    expect(reported).toBe(summary.zeroReports.reports);
    expect(units - reported).toBe(summary.zeroReports.missing);
    expect(reported - onTime).toBe(summary.zeroReports.late);
    // most on time, some late, a few missing
    expect(reported / units).toBeGreaterThan(0.85);
    expect(reported / units).toBeLessThan(0.99);
    expect(onTime / reported).toBeGreaterThan(0.75);
    expect(onTime / reported).toBeLessThan(0.97);
    // the first days were worse than the last ones
    const rate = (h: (typeof days)[number]) => h.reported / h.units;
    expect(rate(days[0]!) + rate(days[1]!)).toBeLessThan(rate(days[13]!) + rate(days[14]!));
    const kinds = await t.db.selectFrom('zero_reports').select('unit_type').distinct().execute();
    expect(kinds.map((k) => k.unit_type).sort()).toEqual(
      ['checkpoint_site', 'village', ...(summary.isolation ? ['isolation_site'] : [])].sort(),
    );
  });

  it('one township lags behind the others', () => {
    const byTownship = new Map<string | null, { units: number; reported: number }>();
    for (const h of last.history) {
      for (const tw of h.townships) {
        const acc = byTownship.get(tw.townshipId) ?? { units: 0, reported: 0 };
        acc.units += tw.units;
        acc.reported += tw.reported;
        byTownship.set(tw.townshipId, acc);
      }
    }
    const rates = [...byTownship.values()]
      .filter((c) => c.units >= 100)
      .map((c) => c.reported / c.units)
      .sort((a, b) => a - b);
    expect(rates.length).toBeGreaterThan(5);
    expect(rates[1]! - rates[0]!).toBeGreaterThan(0.04);
  });

  it("pre-fills from the demo's own data: a checkpoint report carries the previous day's passages", async () => {
    const report = await t.db
      .selectFrom('zero_reports')
      .selectAll()
      .where('unit_type', '=', 'checkpoint_site')
      .where('day', '=', '2020-01-26')
      .where('corrections', 'is', null)
      .executeTakeFirstOrThrow();
    const figures = (await command.get('/api/checkpoints/figures?day=2020-01-25&by=site'))
      .json()
      .items.find((s: { siteId: string }) => s.siteId === report.unit_id);
    expect(JSON.parse(report.computed)).toEqual({
      passages: figures.vehicles,
      peopleChecked: figures.people,
      fevers: figures.fevers,
      turnedBack: figures.turnedBack,
    });
    expect(figures.vehicles).toBeGreaterThan(0);
    const corrected = await t.db
      .selectFrom('zero_reports')
      .select(['corrections', 'figures', 'computed'])
      .where('corrections', 'is not', null)
      .execute();
    expect(corrected.length).toBeGreaterThan(0);
    for (const c of corrected) {
      const [fix] = JSON.parse(c.corrections!);
      expect(fix.reason.length).toBeGreaterThan(0);
      expect(fix.value).not.toBe(fix.computed);
      expect(JSON.parse(c.figures)[fix.field]).toBe(fix.value);
      expect(JSON.parse(c.computed)[fix.field]).toBe(fix.computed);
    }
  });

  it('escalated every unit that had not reported by the deadline, naming its answerable person', async () => {
    const lateOrMissing = summary.zeroReports.late + summary.zeroReports.missing;
    expect(summary.zeroReports.alerts).toBe(lateOrMissing);
    const missingLastDay = last.missing;
    expect(missingLastDay.length).toBeGreaterThan(0);
    expectAll(missingLastDay, (m) => m.escalated);
    const open = (await command.get('/api/alerts?open=true&limit=500'))
      .json()
      .items.filter((a: { kind: string }) => a.kind === 'zero_report_late');
    expect(open.length).toBeGreaterThan(0);
    expect(open[0].message).toMatch(/^零报告逾期：.+未在2月1日 10:00 前报送；(包保责任人：.+|尚无包保责任人)$/);
  });
});
