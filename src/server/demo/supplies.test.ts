import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../testing/test-app';
import { GLOBAL_SCOPE } from '../access/scope';
import { partyDonationFigures } from '../features/donations';
import { buildDemo, DEMO_PASSWORD } from './demo.service';
import { PARTY_DEMO_TOTAL_YUAN } from './party-donations';

/** The small demo's donations and ledger, read by the supplies desk and by anyone on the public ledger. */
describe("the small demo county's supplies", () => {
  let t: TestApp;
  let desk: Client;

  beforeAll(async () => {
    t = await testApp();
    t.clock.set('2020-02-07T07:30:00Z');
    await buildDemo(t.db, t.clock, { scale: 'small' });
    desk = await t.login('supplies01', DEMO_PASSWORD);
  }, 240_000);
  afterAll(async () => t.close());

  it('has about 300 donations over two weeks, most received, on a ledger whose chain and digests verify', async () => {
    let n = 0;
    let cursor: string | null = null;
    do {
      const page: { items: unknown[]; nextCursor: string | null } = (
        await desk.get(`/api/donations?limit=500${cursor ? `&cursor=${cursor}` : ''}`)
      ).json();
      n += page.items.length;
      cursor = page.nextCursor;
    } while (cursor);
    // 300 from companies, organisations and individuals, and the party members' (party-donations.ts)
    const party = (await desk.get('/api/donations?party=1&limit=500')).json().items.length;
    expect(party).toBeGreaterThanOrEqual(2);
    expect(n).toBe(300 + party);
    const v = (await t.anonymous.get('/api/public/ledger/verify')).json();
    expect(v).toMatchObject({ ok: true, badDigests: [], balanceMismatches: 0 });
    expect(v.entries).toBeGreaterThan(250);
    expect(v.digestsChecked).toBeGreaterThanOrEqual(13);
  });

  it('shows anonymous donors as 匿名 and the N95 line received as KN95 on the public ledger', async () => {
    const csv = (await t.anonymous.get('/api/public/ledger.csv')).body;
    expect(csv).toContain(',匿名,');
    expect(csv).toMatch(/,KN95 口罩,[^\n]*,N95 口罩,/);
    const page = (await t.anonymous.get('/api/public/ledger?limit=100')).json();
    expect(page.balances.length).toBeGreaterThan(5);
    const stock = (await desk.get('/api/supplies/stock')).json();
    expect(stock.length).toBeGreaterThan(10);
  });

  it("lists party members' donations of two village branches, 6,220 yuan, counted for the township", async () => {
    const branches = (await desk.get('/api/donations/by-branch')).json() as { name: string; money: number }[];
    expect(branches).toHaveLength(2);
    expect(branches.reduce((sum, b) => sum + b.money, 0)).toBe(PARTY_DEMO_TOTAL_YUAN);
    const figures = await partyDonationFigures(t.db, GLOBAL_SCOPE, { day: '2020-02-07' });
    expect(figures.total.money).toBe(PARTY_DEMO_TOTAL_YUAN);
    expect(figures.total.members).toBe(figures.total.donations);
    expect(figures.rows.filter((r) => r.money > 0)).toEqual([
      expect.objectContaining({ name: '古陶镇', money: PARTY_DEMO_TOTAL_YUAN }),
    ]);
    const v = (await t.anonymous.get('/api/public/ledger/verify')).json();
    expect(v).toMatchObject({ ok: true, badDigests: [] });
  });
});
