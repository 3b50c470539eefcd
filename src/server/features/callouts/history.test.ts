import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { GLOBAL_SCOPE } from '../../access/scope';
import { idCardCheckChar } from '../../../shared/validators';
import { calloutFigures, median } from './index';
import { localTestMessages } from './outbox';

/**
 * History and figures: 古陶镇's team is called out twice. The first time 甲 and 乙 acknowledge
 * and arrive, 丙 declines, 丁 stays silent (never complete); the second time all four come, the
 * last after 20 minutes (complete, but late). The team's and each member's response rate and median
 * times, and the township's figures for the day, follow — the same on both engines.
 */
let t: TestApp;
let gutao: Client;
let duancun: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
const id = (first17: string) => first17 + idCardCheckChar(first17);
const persons: Record<string, string> = {};
const phones: Record<string, string> = {};
let teamId = '';
let start = 0;

const at = (minute: number) => t.clock.set(new Date(start + minute * 60_000));
const linkOf = (name: string) => {
  const sms = localTestMessages().filter((m) => m.phone === phones[name]);
  return /\/c\/([A-Za-z0-9_-]+)/.exec(sms[sms.length - 1]!.text)![1]!;
};
const answer = (name: string, body: object) => t.anonymous.post(`/api/public/callouts/${linkOf(name)}`, body);

beforeAll(async () => {
  t = await testApp();
  start = t.clock.now().getTime();
  tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'duancun', 'township', tree.duancun);
  const admin = await t.login('admin', ADMIN_PASSWORD);
  for (const [name, first17, phone] of [
    ['甲', '14072819800101031', '13912343001'],
    ['乙', '14072819850202032', '13912343002'],
    ['丙', '14072819900303033', '13912343003'],
    ['丁', '14072819700404034', '13912343004'],
  ] as const) {
    const res = await admin.post('/api/persons', {
      name,
      idNumber: id(first17),
      phone,
      regionId: tree.buildingA.id,
      confirmNotDuplicate: true,
    });
    persons[name] = res.json().person.id;
    phones[name] = phone;
  }
  gutao = await t.login('gutao', PASSWORD);
  duancun = await t.login('duancun', PASSWORD);
  teamId = (
    await gutao.post('/api/callouts/teams', {
      name: '古陶镇党员突击队',
      kind: 'commando',
      regionId: tree.gutao.id,
      leader: { personId: persons['甲'] },
    })
  ).json().id;
  for (const name of ['乙', '丙', '丁'])
    await gutao.post(`/api/callouts/teams/${teamId}/members`, { person: { personId: persons[name] } });

  const first = (await gutao.post('/api/callouts', { teamId, meetingPoint: '镇政府' })).json().id;
  at(1);
  await answer('甲', { answer: 'coming' });
  at(2);
  await answer('乙', { answer: 'late', etaMinutes: 10 });
  at(3);
  await answer('丙', { answer: 'cannot', reason: '在卡口值班' });
  at(10);
  await answer('甲', { answer: 'arrived' });
  at(14);
  await answer('乙', { answer: 'arrived' });
  at(29);
  await gutao.post(`/api/callouts/${first}/close`);

  at(30);
  await gutao.post('/api/callouts', { teamId, meetingPoint: '高速口' });
  for (const [name, ack, arrive] of [
    ['甲', 2, 10],
    ['乙', 4, 12],
    ['丙', 6, 14],
    ['丁', 8, 20],
  ] as const) {
    at(30 + ack);
    await answer(name, { answer: 'coming' });
    at(30 + arrive);
    await answer(name, { answer: 'arrived' });
  }
});
afterAll(async () => t.close());

describe('call-out history and figures', () => {
  it('takes the median as the middle value, or the mean of the two middle ones', () => {
    expect(median([])).toBeNull();
    expect(median([300, 60, 120])).toBe(120);
    expect(median([600, 60, 120, 240])).toBe(180);
  });

  it("gives a team's response rate and median times to acknowledge and to arrive", async () => {
    const res = await gutao.get(`/api/callouts/teams/${teamId}/history`);
    expect(res.statusCode, res.body).toBe(200);
    // acknowledgements 60,120 | 120,240,360,480 s → median (120+240)/2; arrivals 600,840 | 600,720,840,1200 → (720+840)/2
    expect(res.json()).toMatchObject({
      callouts: 2,
      ordered: 8,
      answered: 7,
      responseRate: 7 / 8,
      medianAckSeconds: 180,
      medianArriveSeconds: 780,
      declined: 1,
      arrived: 6,
    });
  });

  it("gives each member's record for the team page", async () => {
    const res = (await gutao.get(`/api/callouts/teams/${teamId}/members/history`)).json();
    expect(res[persons['甲']!]).toMatchObject({
      callouts: 2,
      responseRate: 1,
      medianAckSeconds: 90,
      medianArriveSeconds: 600,
    });
    expect(res[persons['丁']!]).toMatchObject({
      callouts: 2,
      answered: 1,
      responseRate: 0.5,
      medianAckSeconds: 480,
      medianArriveSeconds: 1200,
    });
    expect(res[persons['丙']!]).toMatchObject({ declined: 1, arrived: 1, medianAckSeconds: 360 });
  });

  it('sums the day per township: teams, call-outs, median first acknowledgement and completion, on-time share', async () => {
    const figures = await calloutFigures(t.db, GLOBAL_SCOPE, { day: '2020-01-25', timeZone: 'Asia/Shanghai' });
    const byName = Object.fromEntries(figures.rows.map((r) => [r.name, r]));
    // first acknowledgements 60 and 120 s; only the second call-out completed (1,200 s, after its 15-minute deadline)
    expect(byName['古陶镇']).toMatchObject({
      regionPath: tree.gutao.path,
      teams: 1,
      callouts: 2,
      medianFirstAckSeconds: 90,
      medianCompleteSeconds: 1200,
      onTimeShare: 0,
      // arrivals 600, 840 | 600, 720, 840, 1,200 s; neither call-out complete within 15 minutes
      medianArriveSeconds: 780,
      withinStandardShare: 0,
    });
    expect(byName['段村镇']).toMatchObject({
      teams: 0,
      callouts: 0,
      medianFirstAckSeconds: null,
      onTimeShare: null,
      medianArriveSeconds: null,
      withinStandardShare: null,
    });
    expect(figures.total).toMatchObject({ teams: 1, callouts: 2 });
    const nextDay = await calloutFigures(t.db, GLOBAL_SCOPE, { day: '2020-01-26', timeZone: 'Asia/Shanghai' });
    expect(nextDay.total.callouts).toBe(0);
    // the same over the API, for the township's own jurisdiction (today by default)
    const api = (await gutao.get('/api/callouts/figures')).json();
    expect(api.day).toBe('2020-01-25');
    expect(api.rows).toEqual([byName['古陶镇']]);
    expect((await gutao.get('/api/callouts/figures?day=2020-13-01')).statusCode).toBe(400);
  });

  it('keeps each township to its own: 段村镇 sees neither the history nor the figures of 古陶镇', async () => {
    const res = await duancun.get(`/api/callouts/teams/${teamId}/history`);
    expect([res.statusCode, res.json().error.code]).toEqual([404, 'TEAM_NOT_FOUND']);
    expect((await duancun.get(`/api/callouts/teams/${teamId}/members/history`)).statusCode).toBe(404);
    const figures = await calloutFigures(
      t.db,
      { prefix: tree.duancun.path },
      { day: '2020-01-25', timeZone: 'Asia/Shanghai' },
    );
    expect(figures.rows.map((r) => r.name)).toEqual(['段村镇']);
    expect(figures.total).toMatchObject({ teams: 0, callouts: 0 });
    expect((await duancun.get('/api/callouts/figures?day=2020-01-25')).json().total.callouts).toBe(0);
  });
});
