import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../testing/test-app';
import { expectAll } from '../testing/expect-all';
import { buildDemo, DEMO_PASSWORD } from './demo.service';

/** The small demo's requests, allocations and deliveries, as the supplies desk, a checkpoint and the public see them. */
describe("the small demo county's requests and allocations", () => {
  let t: TestApp;
  let desk: Client;

  beforeAll(async () => {
    t = await testApp();
    t.clock.set('2020-02-08T07:30:00Z');
    await buildDemo(t.db, t.clock, { scale: 'small' });
    desk = await t.login('supplies01', DEMO_PASSWORD);
  }, 240_000);
  afterAll(async () => t.close());

  it('has requests from the hospital, the isolation hotel and checkpoints, one still awaiting approval', async () => {
    const all = (await desk.get('/api/supplies/requests?state=all&limit=100')).json().items as {
      warehouseKind: string;
      status: string;
      approved: boolean;
    }[];
    expect(new Set(all.map((r) => r.warehouseKind))).toEqual(new Set(['hospital', 'isolation_site', 'checkpoint']));
    expect(all.filter((r) => !r.approved)).toHaveLength(1);
    expect(all.some((r) => r.status === 'complete')).toBe(true);
    expect(all.some((r) => r.status === 'partial' || r.status === 'none')).toBe(true);
  });

  it('shows the sender one delivery signed for short, with its reason, and one still on the road', async () => {
    const short = (await desk.get('/api/supplies/allocations?view=discrepancies')).json().items;
    expect(short).toEqual([
      expect.objectContaining({ shortfall: 10, discrepancyReason: expect.stringContaining('破损') }),
    ]);
    const sent = (await desk.get('/api/supplies/allocations?view=sent&limit=100')).json().items as {
      status: string;
      courierPhone: string;
    }[];
    expect(sent.filter((a) => a.status === 'in_transit')).toHaveLength(1);
    expectAll(sent, (a) => a.courierPhone.includes('****'));
  });

  it('honours a designated donation on the public ledger, and the chain still verifies', async () => {
    const designated = (await t.anonymous.get('/api/public/ledger/designated')).json().items;
    expect(designated).toEqual([
      expect.objectContaining({ to: '平遥县人民医院物资库', designatedTo: '平遥县人民医院', decisionReason: null }),
    ]);
    const went = (await t.anonymous.get('/api/public/ledger/allocations?limit=100')).json().items;
    expect(went.length).toBeGreaterThan(5);
    const v = (await t.anonymous.get('/api/public/ledger/verify')).json();
    expect(v).toMatchObject({ ok: true, badDigests: [], balanceMismatches: 0 });
  });
});
