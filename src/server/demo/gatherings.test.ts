import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../testing/test-app';
import { buildDemo, DEMO_PASSWORD, type DemoSummary } from './demo.service';

/** The small demo's notices and Spring Festival gatherings, read as the command centre and a grid worker would. */
describe("the small demo county's notices and gatherings", () => {
  let t: TestApp;
  let command: Client;
  let summary: DemoSummary;

  beforeAll(async () => {
    t = await testApp();
    t.clock.set('2020-02-05T07:30:00Z');
    summary = await buildDemo(t.db, t.clock, { scale: 'small' });
    command = await t.login('command', DEMO_PASSWORD);
  });
  afterAll(async () => t.close());

  it('has internal notices read by some of their addressees, and the three public announcements', async () => {
    expect(summary.gatherings).toMatchObject({ notices: 4, announcements: 3 });
    const sent = (await command.get('/api/notices?kind=internal')).json().items;
    const level1 = sent.find((n: { title: string }) => n.title.includes('一级响应'));
    expect(level1.addressees).toBeGreaterThan(0);
    expect(level1.read).toBeGreaterThan(0);
    expect(level1.read).toBeLessThan(level1.addressees);
    expect(sent.some((n: { state: string }) => n.state === 'draft')).toBe(true);
    const pub = (await t.anonymous.get('/api/public/announcements'))
      .json()
      .items.map((a: { title: string }) => a.title);
    expect(pub).toHaveLength(3);
    for (const words of ['景区', '客运', '聚集']) expect(pub.some((title: string) => title.includes(words))).toBe(true);
    const grid = await t.login('grid0001', DEMO_PASSWORD);
    const inbox = (await grid.get('/api/notices/inbox')).json();
    expect(inbox.items.length).toBeGreaterThanOrEqual(2);
  });

  it('has a few hundred gatherings around Spring Festival, most called off after persuasion', async () => {
    const figures = (await command.get('/api/gatherings/figures?from=2020-01-01&to=2020-03-01')).json();
    expect(figures.total.registered).toBe(summary.gatherings.gatherings);
    expect(figures.total.registered).toBeGreaterThanOrEqual(200);
    expect(figures.total.cancelled + figures.total.postponed).toBeGreaterThan(figures.total.registered / 2);
    expect(figures.total.scaledDown).toBeGreaterThan(0);
    expect(figures.total.held).toBeGreaterThan(0);
    expect(figures.total.guestsAvoided).toBeGreaterThan(1000);
    expect(figures.rows).toHaveLength(16);
    const cancelled = (await command.get('/api/gatherings?status=cancelled&from=2020-01-25&limit=1')).json().items[0];
    const detail = (await command.get(`/api/gatherings/${cancelled.id}`)).json();
    expect(detail.visits.at(-1).agreed).toBe(true);
  });

  it('is deterministic: a second build gives the same notices and gatherings', async () => {
    const again = await testApp();
    try {
      await buildDemo(again.db, again.clock, { scale: 'small' });
      const digest = async (db: TestApp['db']) =>
        JSON.stringify([
          await db
            .selectFrom('gatherings')
            .select(['id', 'host_name', 'date', 'status', 'expected_guests'])
            .orderBy('id')
            .execute(),
          await db.selectFrom('notices').select(['id', 'slug', 'title']).orderBy('id').execute(),
          (await db.selectFrom('notice_reads').select(['notice_id', 'user_id', 'read_at']).execute())
            .map((r) => JSON.stringify(r))
            .sort(),
        ]);
      expect(await digest(again.db)).toBe(await digest(t.db));
    } finally {
      await again.close();
    }
  });
});
