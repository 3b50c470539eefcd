import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';
import { localTestMessages } from './outbox';

/**
 * Check-in by the meeting point's QR: the commander's board carries the point code; a member whose
 * phone opened their SMS link scans it and is checked in (by 'qr'); a phone without a link of this
 * call-out is refused; the leader's check-in stays; the point page shows nothing about persons.
 */
let t: TestApp;
let gutao: Client;
let duancun: Client;
const id = (first17: string) => first17 + idCardCheckChar(first17);
const persons: Record<string, string> = {};
const phones: Record<string, string> = {};
let calloutId = '';
let pointCode = '';

const linkOf = (name: string) => {
  const sms = localTestMessages().filter((m) => m.phone === phones[name]);
  return /\/c\/([A-Za-z0-9_-]+)/.exec(sms[sms.length - 1]!.text)![1]!;
};

beforeAll(async () => {
  t = await testApp();
  const tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'duancun', 'township', tree.duancun);
  const admin = await t.login('admin', ADMIN_PASSWORD);
  for (const [name, first17, phone] of [
    ['扫码者', '14072819800101021', '13912342001'],
    ['队长签', '14072819850202022', '13912342002'],
    ['旁观者', '14072819900303023', '13912342003'],
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
  const res = await gutao.post('/api/callouts', {
    personIds: [persons['扫码者'], persons['队长签']],
    meetingPoint: '古陶镇政府院内',
    regionId: tree.gutao.id,
  });
  calloutId = res.json().id;
  pointCode = res.json().pointCode;
  // 旁观者 is on another call-out: their link is of that one, not this
  await gutao.post('/api/callouts', { personIds: [persons['旁观者']], meetingPoint: '别处', regionId: tree.gutao.id });
});
afterAll(async () => t.close());

describe('check-in by the point QR', () => {
  it('gives the commander the point code; the public point page tells nothing about persons', async () => {
    expect(pointCode).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const board = (await gutao.get(`/api/callouts/${calloutId}/board`)).json();
    expect(board.callout.pointCode).toBe(pointCode);
    const view = await t.anonymous.get(`/api/public/callouts/point/${pointCode}`);
    expect(view.json()).toEqual({
      teamName: null,
      meetingPoint: '古陶镇政府院内',
      deadlineAt: board.callout.deadlineAt,
      closed: false,
    });
    const unknown = await t.anonymous.get('/api/public/callouts/point/AAAAAAAAAAAAAAAA');
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'CALLOUT_POINT_NOT_FOUND']);
  });

  it('checks in the person whose link this phone remembers, once', async () => {
    t.clock.set(new Date(t.clock.now().getTime() + 6 * 60_000));
    const res = await t.anonymous.post(`/api/public/callouts/point/${pointCode}/arrive`, {
      tokens: [linkOf('旁观者'), linkOf('扫码者')],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: '扫码者', already: false });
    const again = await t.anonymous.post(`/api/public/callouts/point/${pointCode}/arrive`, {
      tokens: [linkOf('扫码者')],
    });
    expect(again.json()).toMatchObject({ name: '扫码者', already: true });
    const answers = await t.db
      .selectFrom('callout_answers')
      .innerJoin('callout_orders', 'callout_orders.id', 'callout_answers.order_id')
      .select(['callout_answers.answer', 'callout_answers.by'])
      .where('callout_orders.person_id', '=', persons['扫码者']!)
      .execute();
    expect(answers).toEqual([{ answer: 'arrived', by: 'qr' }]);
    const board = (await gutao.get(`/api/callouts/${calloutId}/board`)).json();
    const scanned = board.orders.find((o: { name: string }) => o.name === '扫码者');
    expect(scanned).toMatchObject({ state: 'arrived', secondsSinceOrder: 360 });
  });

  it('refuses a phone without a link of this call-out, changing nothing; the leader still checks in', async () => {
    const res = await t.anonymous.post(`/api/public/callouts/point/${pointCode}/arrive`, {
      tokens: [linkOf('旁观者')],
    });
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'CALLOUT_POINT_NO_ORDER']);
    expect((await t.anonymous.post(`/api/public/callouts/point/${pointCode}/arrive`, { tokens: [] })).statusCode).toBe(
      400,
    );
    const board = (await gutao.get(`/api/callouts/${calloutId}/board`)).json();
    const leader = board.orders.find((o: { name: string }) => o.name === '队长签');
    expect(leader.state).toBe('silent');
    expect((await duancun.post(`/api/callouts/${calloutId}/orders/${leader.id}/arrive`)).statusCode).toBe(404);
    const checked = await gutao.post(`/api/callouts/${calloutId}/orders/${leader.id}/arrive`);
    expect(checked.json().counts).toMatchObject({ arrived: 2, silent: 0 });
  });

  it('takes no check-in once the call-out is closed, and none after its links expire', async () => {
    await gutao.post(`/api/callouts/${calloutId}/close`);
    const other = await gutao.post('/api/callouts', {
      personIds: [persons['扫码者']],
      meetingPoint: '第二处',
      regionId: (await gutao.get(`/api/callouts/${calloutId}/board`)).json().callout.regionId,
    });
    const code = other.json().pointCode;
    expect(code).not.toBe(pointCode);
    await gutao.post(`/api/callouts/${other.json().id}/close`);
    const closed = await t.anonymous.post(`/api/public/callouts/point/${code}/arrive`, { tokens: [linkOf('扫码者')] });
    expect([closed.statusCode, closed.json().error.code]).toEqual([409, 'CALLOUT_CLOSED']);
    t.clock.set(new Date(t.clock.now().getTime() + 3 * 60 * 60_000));
    const expired = await t.anonymous.get(`/api/public/callouts/point/${code}`);
    expect([expired.statusCode, expired.json().error.code]).toEqual([410, 'CALLOUT_LINK_EXPIRED']);
  });
});
