import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../testing/test-app';
import { GLOBAL_SCOPE } from '../access/scope';
import { calloutFigures } from '../features/callouts';
import { buildDemo, DEMO_PASSWORD } from './demo.service';

/** The small demo's commando teams and the past days' call-outs, as the command centre sees them. */
describe("the small demo county's teams and call-outs", () => {
  let t: TestApp;
  let command: Client;

  beforeAll(async () => {
    t = await testApp();
    t.clock.set('2020-02-05T07:30:00Z');
    await buildDemo(t.db, t.clock, { scale: 'small' });
    command = await t.login('command', DEMO_PASSWORD);
  });
  afterAll(async () => t.close());

  it('has teams, each with a leader (two per township with people: ~30 at county scale)', async () => {
    const teams = (await command.get('/api/callouts/teams?limit=100')).json().items;
    // the small demo has residents under two townships only
    expect(teams.length).toBeGreaterThanOrEqual(2);
    expect(teams.length).toBeLessThanOrEqual(4);
    expect(teams.every((x: { leaderName: string | null; members: number }) => x.leaderName && x.members >= 3)).toBe(
      true,
    );
  });

  it('has past call-outs with realistic answers: quick acknowledgements, declines, silence, one late team', async () => {
    const callouts = (await command.get('/api/callouts')).json().items;
    expect(callouts.length).toBeGreaterThanOrEqual(4);
    const boards = await Promise.all(
      callouts.map(async (c: { id: string }) => (await command.get(`/api/callouts/${c.id}/board`)).json()),
    );
    expect(boards.every((b) => b.callout.status === 'closed')).toBe(true);
    expect(boards.every((b) => b.firstAckSeconds !== null && b.firstAckSeconds < 300)).toBe(true);
    expect(boards.some((b) => b.counts.declined > 0 && b.orders.some((o: { reason: string }) => o.reason))).toBe(true);
    expect(boards.some((b) => b.counts.silent > 0)).toBe(true);
    const late = boards.filter((b) => b.completeSeconds !== null && b.completeSeconds > 15 * 60);
    expect(late).toHaveLength(1);
    // the stored messages no longer hold the persons' links
    const texts = await t.db.selectFrom('callout_outbox').select(['text', 'status']).execute();
    expect(texts.length).toBeGreaterThan(0);
    expect(texts.every((x) => x.status !== 'pending' && !/\/c\/[A-Za-z0-9_-]{16}/.test(x.text))).toBe(true);
  });

  it('gives the townships figures for those days', async () => {
    let total = 0;
    for (const day of ['2020-02-02', '2020-02-03', '2020-02-04'])
      total += (await calloutFigures(t.db, GLOBAL_SCOPE, { day, timeZone: 'Asia/Shanghai' })).total.callouts;
    expect(total).toBeGreaterThanOrEqual(4);
  });
});
