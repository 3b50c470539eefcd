import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../testing/test-app';
import { expectAll } from '../testing/expect-all';
import { scopeOf } from '../access/scope';
import { volunteerFigures } from '../features/volunteers';
import { buildDemo, DEMO_PASSWORD } from './demo.service';

/** The small demo's volunteers and groups, as the organisation department and a township cadre read them. */
describe("the small demo county's volunteers", () => {
  let t: TestApp;
  let org: Client;

  beforeAll(async () => {
    t = await testApp();
    t.clock.set('2020-02-05T07:30:00Z');
    const started = Date.now();
    await buildDemo(t.db, t.clock, { scale: 'small' });
    // the volunteers' share of the build is measured in its own test below; this is the whole demo
    expect(Date.now() - started).toBeLessThan(120_000);
    org = await t.login('organisation01', DEMO_PASSWORD);
  });
  afterAll(async () => t.close());

  it('has volunteers in villages, most active, some pending, in groups of 3–5 under a leader', async () => {
    const all = (await org.get('/api/volunteers?limit=500')).json().items as {
      status: string;
      regionPath: string;
      phone: string;
      skills: string[];
      availability: unknown[];
    }[];
    expect(all.length).toBeGreaterThanOrEqual(10);
    expect(all.filter((v) => v.status === 'active').length).toBeGreaterThan(all.length / 2);
    expectAll(all, (v) => v.phone === null || v.phone.includes('****'));
    expectAll(all, (v) => v.availability.length > 0);
    const groups = (await org.get('/api/volunteer-groups?status=active')).json().items as {
      id: string;
      size: number;
    }[];
    expect(groups.length).toBeGreaterThan(0);
    expectAll(groups, (g) => g.size >= 3 && g.size <= 5);
    const detail = (await org.get(`/api/volunteer-groups/${groups[0]!.id}`)).json();
    expect(detail.members.filter((m: { leader: boolean }) => m.leader)).toHaveLength(1);

    const figures = await volunteerFigures(t.db, scopeOf({ regionPath: '/' }));
    const total = figures.reduce((n, f) => n + f.registered, 0);
    expect(total).toBe(all.filter((v) => v.status !== 'left').length);
    // townships and their cadres (township01…) are in path order, as the figures are
    const i = figures.findIndex((f) => f.registered > 0);
    const mine = figures[i]!;
    const township = await t.login(`township${String(i + 1).padStart(2, '0')}`, DEMO_PASSWORD);
    const own = (await township.get('/api/volunteers?limit=500')).json().items as { regionPath: string }[];
    expect(own.length).toBe(
      mine.registered + all.filter((v) => v.status === 'left' && v.regionPath.startsWith(mine.townshipPath)).length,
    );
    expectAll(own, (v) => v.regionPath.startsWith(mine.townshipPath));
  });
});
