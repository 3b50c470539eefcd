import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type Client, type TestApp } from '../testing/test-app';
import { buildDemo, DEMO_PASSWORD } from './demo.service';
import { expectAll } from '../testing/expect-all';

/** The small demo's isolation, read through the API as the command centre and an observer would. */
describe("the small demo county's isolation", () => {
  let t: TestApp;
  let command: Client;

  beforeAll(async () => {
    t = await testApp();
    // Built "now" at 15:30 local on 5 February: the evening window has not opened yet.
    t.clock.set('2020-02-05T07:30:00Z');
    await buildDemo(t.db, t.clock, { scale: 'small' });
    command = await t.login('command', DEMO_PASSWORD);
  });
  afterAll(async () => t.close());

  it('has people under home and centralised isolation with follow-up histories', async () => {
    const active = (await command.get('/api/isolation/episodes?status=active&limit=500')).json().items;
    expect(active.length).toBeGreaterThan(20);
    expect(new Set(active.map((e: { kind: string }) => e.kind))).toEqual(new Set(['home', 'centralised']));
    for (const e of active) {
      expect(e.startDay <= '2020-02-05' && e.plannedEndDay >= '2020-02-05').toBe(true);
      expect(e.dayNumber).toBeGreaterThanOrEqual(1);
      expect(e.dayNumber).toBeLessThanOrEqual(14);
    }
    const one = active.find((e: { dayNumber: number }) => e.dayNumber > 3);
    const detail = (await command.get(`/api/isolation/episodes/${one.id}`)).json();
    const past = detail.slots.filter((s: { dueTo: string }) => s.dueTo < '2020-02-05T05:30:00Z');
    expect(past.length).toBeGreaterThan(4);
    expectAll(past, (s: { status: string }) => s.status === 'filled' || s.status === 'missed');
    const sites = (await command.get('/api/isolation/sites')).json().items;
    expect(sites).toHaveLength(2);
    expect(sites[0].occupied).toBeGreaterThan(0);
  });

  it('its completed observations carry certificates anyone can verify', async () => {
    const done = (await command.get('/api/isolation/episodes?status=completed&limit=5')).json().items;
    expect(done.length).toBeGreaterThan(0);
    const cert = (await command.get(`/api/isolation/episodes/${done[0].id}/certificate`)).json();
    expect(cert.serial).toMatch(/^QF-\d{8}-\d{4}$/);
    expect((await t.anonymous.get(`/api/public/certificates/${cert.code}`)).json()).toMatchObject({
      serial: cert.serial,
      valid: true,
    });
  });

  it('the sweeper finds nothing new to mark right after the build', async () => {
    const { sweepFollowUps } = await import('../features/isolation/followups.service');
    expect((await sweepFollowUps(t.db, t.clock)).missed).toBe(0);
  });
});
