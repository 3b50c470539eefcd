import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../testing/test-app';
import { buildDemo, DEMO_PASSWORD, type DemoSummary } from './demo.service';
import { expectAll } from '../testing/expect-all';

/** The small demo's dispatch sheets, big screen and daily reports, as the county command centre sees them on 2 March 2020 (weeks after the January story). */
describe("the small demo county's command centre", () => {
  let t: TestApp;
  let command: Client;
  let summary: DemoSummary;

  beforeAll(async () => {
    t = await testApp();
    t.clock.set('2020-03-02T03:30:00Z'); // 11:30 in Pingyao
    summary = await buildDemo(t.db, t.clock, { scale: 'small', timeZone: 'Asia/Shanghai' });
    command = await t.login('command', DEMO_PASSWORD);
  });
  afterAll(async () => t.close());

  it("has yesterday's two dispatch sheets mostly done and this morning's handed out", async () => {
    expect(summary.dispatch.sheets).toBe(3);
    const sheets = (await command.get('/api/dispatches')).json().items;
    expect(sheets.map((s: { day: string; slot: string }) => `${s.day} ${s.slot}`)).toEqual([
      '2020-03-02 morning',
      '2020-03-01 evening',
      '2020-03-01 morning',
    ]);
    const yesterday = (await command.get(`/api/dispatches/${sheets[1].id}`)).json();
    expect(yesterday.items.length).toBeGreaterThan(0);
    expect(yesterday.done).toBeGreaterThan(0);
    expectAll(yesterday.items, (i: { assigneeName: string | null }) => i.assigneeName);
    const today = (await command.get(`/api/dispatches/${sheets[0].id}`)).json();
    expect(today.items.some((i: { assigneeName: string | null }) => i.assigneeName)).toBe(true);
    expect(today.done).toBe(0);
  });

  it('fills the big screen from roll-ups built with the demo: residents, people in isolation, a trend of past days', async () => {
    const d = (await command.get('/api/dashboard')).json();
    expect(d.region.name).toBe('平遥县');
    // every registered person: the residents, plus non-locals first met at a checkpoint
    const registered = await t.db
      .selectFrom('persons')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    expect(d.figures.residents).toBe(Number(registered.n));
    expect(d.figures.residents).toBeGreaterThanOrEqual(summary.persons);
    const isolated = d.figures.inIsolationHome + d.figures.inIsolationCentralised + d.figures.inIsolationHospital;
    expect(isolated).toBeGreaterThan(0);
    const pastIsolated = d.trend.filter((p: { figures: { inIsolationHome: number } }) => p.figures.inIsolationHome > 0);
    expect(pastIsolated.length).toBeGreaterThan(7);
    // the checkpoints' recent traffic: every one of the last 14 days, today's up to now, and the busiest sites
    const passages = d.trend.map((p: { figures: { passages: number } }) => p.figures.passages);
    expectAll(passages.slice(-14), (n: number) => n > 0);
    expectAll(passages.slice(0, -14), (n: number) => n === 0);
    expect(d.figures.passages).toBeGreaterThan(0);
    expect(d.sites.length).toBeGreaterThan(0);
    expect(d.sites.reduce((n: number, s: { passages: number }) => n + s.passages, 0)).toBe(d.figures.passages);
    // zero reports of the last two weeks: yesterday's nearly all in; today's filed before 11:30
    expect(d.yesterday.zeroReportUnits).toBeGreaterThan(0);
    expect(d.yesterday.zeroReportsIn).toBeGreaterThan(d.yesterday.zeroReportUnits * 0.8);
    expect(d.figures.zeroReportsIn).toBeGreaterThan(0);
    expect(d.figures.zeroReportsIn).toBeLessThanOrEqual(d.figures.zeroReportUnits);
    expect(d.children.reduce((n: number, c: { figures: { residents: number } }) => n + c.figures.residents, 0)).toBe(
      d.figures.residents,
    );
  });

  it("has today's daily reports part way up the chain, filed by village cadres and one township filling in, for the county to walk", async () => {
    expect(summary.dailyReports).toMatchObject({ returned: 1 });
    expect(summary.dailyReports.filledIn).toBeGreaterThanOrEqual(2);
    const county = (await command.get('/api/daily-reports')).json();
    expect(county.day).toBe('2020-03-02');
    type Unit = {
      name: string;
      status: string;
      childrenSubmitted: number;
      regionId: string;
      reportId: string | null;
      version: number;
    };
    const [self, ...townships] = county.units as Unit[];
    expect([self!.name, self!.status]).toEqual(['平遥县', 'none']);
    const gutao = townships.find((u) => u.name === '古陶镇')!;
    expect([gutao.status, gutao.version]).toEqual(['submitted', 1]);
    const others = townships.filter((u) => u !== gutao);
    expect(others.map((u) => [u.status, u.childrenSubmitted]).slice(0, 2)).toEqual([
      ['draft', expect.any(Number)],
      ['none', 2],
    ]);
    expect(others[0]!.childrenSubmitted).toBeGreaterThan(0);
    expect(others.length).toBeGreaterThan(2);
    expectAll(others.slice(2), (u) => u.status === 'none' && u.childrenSubmitted === 0);

    // drill down: 古陶镇's villages in every state, one filled in by the township (代填)
    const villages = (await command.get(`/api/daily-reports?regionId=${gutao.regionId}`)).json().units.slice(1);
    expect(new Set(villages.map((u: { status: string }) => u.status))).toEqual(
      new Set(['reviewed', 'submitted', 'returned', 'draft', 'none']),
    );
    expect(
      villages
        .filter((u: { submittedProxyUnit: string | null }) => u.submittedProxyUnit === '古陶镇')
        .map((u: { name: string }) => u.name),
    ).toEqual(['干坑村']);
    expect(
      villages.filter((u: { status: string }) => u.status === 'returned').map((u: { name: string }) => u.name),
    ).toEqual(['北城村']);
    expect(others.slice(0, 2).map((u) => u.name)).toEqual(['古城街道', '城东街道']);
    const returned = (
      await command.get(
        `/api/daily-reports/${villages.find((u: { status: string }) => u.status === 'returned').reportId}`,
      )
    ).json();
    expect(returned.reviewNote).toBeTruthy();

    // the county's own draft: 古陶镇 summed as it went up; beside the sum, the live figures of the whole county
    const own = await command.post('/api/daily-reports/draft', { regionId: self!.regionId });
    expect(own.statusCode, own.body).toBe(201);
    const r = own.json();
    const gutaoReport = (await command.get(`/api/daily-reports/${gutao.reportId}`)).json();
    expect(r.children.included.map((c: { name: string }) => c.name)).toEqual(['古陶镇']);
    expect(r.computed.residents).toBe(gutaoReport.figures.residents + r.children.own.residents);
    const screen = (await command.get('/api/dashboard')).json();
    expect(r.children.live.residents).toBe(screen.figures.residents);
    expect(r.children.live.residents).toBeGreaterThan(0);

    // a village cadre logs in and finds the village's report
    const cadre = await t.login('village017', DEMO_PASSWORD);
    const mine = (await cadre.get('/api/daily-reports')).json();
    expect(mine.units).toHaveLength(1);
    expect(mine.units[0]).toMatchObject({
      name: '东城村',
      level: 'village',
      status: 'reviewed',
      mayPrepare: true,
      proxy: false,
    });
  });
});
