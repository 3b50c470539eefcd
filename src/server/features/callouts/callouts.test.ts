import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';
import { backoffMs, deliverOutbox, localTestMessages } from './outbox';

/**
 * 集结令 through the API: 古陶镇 orders its commando team (and one picked person) to the highway
 * exit; each person gets exactly one order and one SMS with their own link; they answer from the
 * link (no login), one changes their mind, one stays silent and alone gets the reminder; the leader
 * checks people in and the board times it all against the 15-minute standard. 段村镇 sees none of
 * it; unknown and expired links say so.
 */
let t: TestApp;
let gutao: Client;
let duancun: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
const id = (first17: string) => first17 + idCardCheckChar(first17);
const persons: Record<string, string> = {};
const links: Record<string, string> = {};
const state: Record<string, string> = {};

/**
 * The link in the last SMS sent to a person: the local test sender keeps what it sent; the outbox
 * row's text is redacted once sent, and the database keeps only the link's hash.
 */
async function linkOf(personId: string, _calloutId: string) {
  const { phone } = await t.db
    .selectFrom('persons')
    .select('phone')
    .where('id', '=', personId)
    .executeTakeFirstOrThrow();
  const sms = localTestMessages().filter((m) => m.phone === phone);
  return /\/c\/([A-Za-z0-9_-]+)/.exec(sms[sms.length - 1]!.text)![1]!;
}

const minutes = (n: number) => t.clock.set(new Date(t.clock.now().getTime() + n * 60_000));

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'duancun', 'township', tree.duancun);
  const admin = await t.login('admin', ADMIN_PASSWORD);
  for (const [name, first17, phone] of [
    ['张志强', '14072819800101001', '13912340001'],
    ['李红梅', '14072819850202002', '13912340002'],
    ['王建国', '14072819900303003', '13912340003'],
    ['赵医生', '14072819700404004', '13912340004'],
    ['孙无机', '14072819750505005', null],
  ] as const) {
    const res = await admin.post('/api/persons', {
      name,
      idNumber: id(first17),
      phone,
      regionId: tree.buildingA.id,
      confirmNotDuplicate: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    persons[name] = res.json().person.id;
  }
  gutao = await t.login('gutao', PASSWORD);
  duancun = await t.login('duancun', PASSWORD);
  const team = await gutao.post('/api/callouts/teams', {
    name: '古陶镇党员突击队',
    kind: 'commando',
    regionId: tree.gutao.id,
    leader: { personId: persons['张志强'] },
  });
  state.team = team.json().id;
  for (const name of ['李红梅', '王建国', '孙无机'])
    await gutao.post(`/api/callouts/teams/${state.team}/members`, { person: { personId: persons[name] } });
});
afterAll(async () => t.close());

describe('call-outs', () => {
  it('fans out: exactly one order, one link and one SMS per person, even when picked twice', async () => {
    const res = await gutao.post('/api/callouts', {
      teamId: state.team,
      // picked: the four members, one of them twice, and 赵医生 who is on no team
      personIds: [
        persons['张志强'],
        persons['李红梅'],
        persons['王建国'],
        persons['孙无机'],
        persons['赵医生'],
        persons['李红梅'],
      ],
      meetingPoint: '平遥高速口卡点',
    });
    expect(res.statusCode, res.body).toBe(201);
    state.callout = res.json().id;
    expect(res.json()).toMatchObject({
      orders: 5,
      teamName: '古陶镇党员突击队',
      regionName: '古陶镇',
      status: 'active',
    });
    expect(Date.parse(res.json().deadlineAt) - Date.parse(res.json().orderedAt)).toBe(15 * 60_000);
    const orders = await t.db
      .selectFrom('callout_orders')
      .select('person_id')
      .where('callout_id', '=', state.callout!)
      .execute();
    expect(orders.map((o) => o.person_id).sort()).toEqual(Object.values(persons).sort());
    const outbox = (
      await t.db.selectFrom('callout_outbox').selectAll().where('callout_id', '=', state.callout!).execute()
    ).sort((a, b) => (a.phone ?? '').localeCompare(b.phone ?? ''));
    expect(outbox).toHaveLength(5);
    expect(new Set(outbox.map((o) => o.order_id)).size).toBe(5);
    // the local sender sent those with a phone; the one without a phone failed at once
    expect(outbox.map((o) => [o.phone, o.status, o.attempts])).toEqual([
      [null, 'failed', 1],
      ['13912340001', 'sent', 1],
      ['13912340002', 'sent', 1],
      ['13912340003', 'sent', 1],
      ['13912340004', 'sent', 1],
    ]);
    expect(localTestMessages().find((m) => m.phone === '13912340001')!.text).toMatch(
      /^【集结令】请于 16:10 前到达：平遥高速口卡点。.*http:\/\/localhost(:\d+)?\/c\/[A-Za-z0-9_-]{24}$/,
    );
    // once sent (or given up), the stored text no longer holds the person's link
    expect(outbox[1]!.text).toMatch(/^【集结令】请于 16:10 前到达：平遥高速口卡点。.*\/c\/••••$/);
    expect(outbox[0]!.text).toMatch(/\/c\/••••$/);
    for (const name of ['张志强', '李红梅', '王建国', '赵医生'])
      links[name] = await linkOf(persons[name]!, state.callout!);
    const hashes = await t.db.selectFrom('callout_links').select('token_hash').execute();
    expect(hashes).toHaveLength(5);
    expect(hashes.map((h) => h.token_hash)).not.toContain(links['张志强']);
  });

  it('marks persons on an active call-out busy and leaves them out by default', async () => {
    const candidates = (await gutao.get(`/api/callouts/teams/${state.team}/candidates`)).json();
    expect(candidates.map((c: { busy: boolean }) => c.busy)).toEqual([true, true, true, true]);
    const again = await gutao.post('/api/callouts', { teamId: state.team, meetingPoint: '镇政府' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('CALLOUT_NOBODY');
  });

  it('takes answers from the link, without login; a change of mind is kept and counted', async () => {
    minutes(1);
    const view = await t.anonymous.get(`/api/public/callouts/${links['张志强']}`);
    expect(view.json()).toMatchObject({ name: '张志强', meetingPoint: '平遥高速口卡点', answer: null, closed: false });
    expect(
      (await t.anonymous.post(`/api/public/callouts/${links['张志强']}`, { answer: 'coming' })).json().answer,
    ).toBe('coming');
    minutes(1);
    const late = await t.anonymous.post(`/api/public/callouts/${links['李红梅']}`, { answer: 'late', etaMinutes: 20 });
    expect(late.json()).toMatchObject({ answer: 'late', etaMinutes: 20 });
    expect(
      (await t.anonymous.post(`/api/public/callouts/${links['李红梅']}`, { answer: 'late' })).json().error.code,
    ).toBe('VALIDATION');
    const cannot = await t.anonymous.post(`/api/public/callouts/${links['赵医生']}`, { answer: 'coming' });
    expect(cannot.statusCode).toBe(200);
    await t.anonymous.post(`/api/public/callouts/${links['赵医生']}`, { answer: 'coming' }); // the same again: nothing new
    minutes(1);
    await t.anonymous.post(`/api/public/callouts/${links['赵医生']}`, { answer: 'cannot', reason: '医院值班' });
    const history = await t.db
      .selectFrom('callout_answers')
      .innerJoin('callout_orders', 'callout_orders.id', 'callout_answers.order_id')
      .select(['callout_answers.answer', 'callout_answers.reason', 'callout_answers.by'])
      .where('callout_orders.person_id', '=', persons['赵医生']!)
      .orderBy('callout_answers.at')
      .execute();
    expect(history).toEqual([
      { answer: 'coming', reason: null, by: 'link' },
      { answer: 'cannot', reason: '医院值班', by: 'link' },
    ]);
  });

  it('reminds only the silent, with a fresh link; the first link keeps working', async () => {
    const before = await t.db.selectFrom('callout_outbox').select('id').execute();
    const res = await gutao.post(`/api/callouts/${state.callout}/remind`);
    expect(res.json()).toEqual({ reminded: 2 });
    const reminders = await t.db
      .selectFrom('callout_outbox')
      .innerJoin('callout_orders', 'callout_orders.id', 'callout_outbox.order_id')
      .select(['callout_orders.person_id', 'callout_outbox.kind', 'callout_outbox.text'])
      .where(
        'callout_outbox.id',
        'not in',
        before.map((b) => b.id),
      )
      .execute();
    expect(reminders.map((r) => r.person_id).sort()).toEqual([persons['王建国'], persons['孙无机']].sort());
    expect(reminders.every((r) => r.kind === 'reminder' && r.text.startsWith('【集结令·提醒】'))).toBe(true);
    const fresh = await linkOf(persons['王建国']!, state.callout!);
    expect(fresh).not.toBe(links['王建国']);
    expect((await t.anonymous.get(`/api/public/callouts/${links['王建国']}`)).statusCode).toBe(200);
    expect((await t.anonymous.get(`/api/public/callouts/${fresh}`)).statusCode).toBe(200);
  });

  it('shows the board: states, times since the order, first acknowledgement, completion', async () => {
    const arrived = await t.anonymous.post(`/api/public/callouts/${links['张志强']}`, { answer: 'arrived' });
    expect(arrived.json().closed).toBe(true);
    expect(
      (await t.anonymous.post(`/api/public/callouts/${links['张志强']}`, { answer: 'cannot', reason: 'x' })).json()
        .error.code,
    ).toBe('CALLOUT_CLOSED');
    let board = (await gutao.get(`/api/callouts/${state.callout}/board`)).json();
    expect(board.counts).toEqual({ ordered: 5, acknowledged: 1, arrived: 1, declined: 1, silent: 2 });
    expect(board.firstAckSeconds).toBe(60);
    expect(board.completeSeconds).toBeNull();
    const byName = Object.fromEntries(board.orders.map((o: { name: string }) => [o.name, o]));
    expect(byName['赵医生']).toMatchObject({ state: 'declined', reason: '医院值班', changes: 1, phone: '139****0004' });
    expect(byName['王建国']).toMatchObject({ state: 'silent', secondsSinceOrder: 180 });
    expect(byName['张志强']).toMatchObject({ state: 'arrived', secondsSinceOrder: 180, changes: 0 });

    minutes(10);
    for (const name of ['李红梅', '王建国', '孙无机']) {
      const res = await gutao.post(`/api/callouts/${state.callout}/orders/${byName[name].id}/arrive`);
      expect(res.statusCode, res.body).toBe(200);
      board = res.json();
    }
    expect(board.counts).toMatchObject({ arrived: 4, declined: 1, silent: 0 });
    expect(board.completeSeconds).toBe(13 * 60);
    const actions = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', state.callout!)
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'callout.issue',
      'callout.remind',
      'callout.check_in',
      'callout.check_in',
      'callout.check_in',
    ]);
  });

  it('keeps call-outs to the jurisdiction and refuses bad input without a trace', async () => {
    expect((await duancun.get(`/api/callouts/${state.callout}/board`)).json().error.code).toBe('CALLOUT_NOT_FOUND');
    expect((await duancun.get('/api/callouts')).json().items).toEqual([]);
    expect((await gutao.get('/api/callouts')).json().items).toHaveLength(1);
    const count = async () => (await t.db.selectFrom('callouts').select('id').execute()).length;
    const before = await count();
    expect((await duancun.post('/api/callouts', { teamId: state.team, meetingPoint: '段村' })).json().error.code).toBe(
      'TEAM_NOT_FOUND',
    );
    expect(
      (
        await duancun.post('/api/callouts', {
          personIds: [persons['张志强']],
          meetingPoint: '段村',
          regionId: tree.duancun.id,
        })
      ).json().error.code,
    ).toBe('PERSON_NOT_FOUND');
    expect((await gutao.post('/api/callouts', { meetingPoint: '镇政府' })).json().error.code).toBe('VALIDATION');
    expect(await count()).toBe(before);
  });

  it('closes: the persons are free again; unknown and expired links say so', async () => {
    expect((await gutao.post(`/api/callouts/${state.callout}/close`)).json().status).toBe('closed');
    const candidates = (await gutao.get(`/api/callouts/teams/${state.team}/candidates`)).json();
    expect(candidates.every((c: { busy: boolean }) => !c.busy)).toBe(true);
    const unknown = await t.anonymous.get('/api/public/callouts/AAAAAAAAAAAAAAAAAAAAAAAA');
    expect([unknown.statusCode, unknown.json().error.code]).toEqual([404, 'CALLOUT_LINK_NOT_FOUND']);

    const second = await gutao.post('/api/callouts', {
      teamId: state.team,
      meetingPoint: '镇政府',
      deadlineMinutes: 30,
    });
    const link = await linkOf(persons['王建国']!, second.json().id);
    minutes(30 + 119);
    expect((await t.anonymous.get(`/api/public/callouts/${link}`)).statusCode).toBe(200);
    minutes(1);
    const expired = await t.anonymous.post(`/api/public/callouts/${link}`, { answer: 'coming' });
    expect([expired.statusCode, expired.json().error.code]).toEqual([410, 'CALLOUT_LINK_EXPIRED']);
    // past its links' expiry a call-out no longer holds anyone
    expect(
      (await gutao.get(`/api/callouts/teams/${state.team}/candidates`)).json().some((c: { busy: boolean }) => c.busy),
    ).toBe(false);
  });

  it('keeps a message a gateway refused pending for another attempt, and gives up after three', async () => {
    const [row] = await t.db.selectFrom('callout_outbox').select('id').where('phone', '=', '13912340003').execute();
    await t.db
      .updateTable('callout_outbox')
      .set({ status: 'pending', attempts: 0 })
      .where('id', '=', row!.id)
      .execute();
    const refusing = {
      async send() {
        throw new Error('gateway busy');
      },
    };
    const state = async () =>
      t.db
        .selectFrom('callout_outbox')
        .select(['status', 'attempts', 'last_error'])
        .where('id', '=', row!.id)
        .executeTakeFirstOrThrow();
    expect(await deliverOutbox(t.db, t.clock, refusing)).toEqual({ sent: 0, failed: 0 });
    expect(await state()).toEqual({ status: 'pending', attempts: 1, last_error: 'gateway busy' });
    // backoff: not tried again before its time
    await deliverOutbox(t.db, t.clock, refusing);
    expect((await state()).attempts).toBe(1);
    t.clock.set(new Date(t.clock.now().getTime() + backoffMs(1)));
    await deliverOutbox(t.db, t.clock, refusing);
    expect((await state()).attempts).toBe(2);
    t.clock.set(new Date(t.clock.now().getTime() + backoffMs(2)));
    expect(await deliverOutbox(t.db, t.clock, refusing)).toEqual({ sent: 0, failed: 1 });
    expect(await state()).toEqual({ status: 'failed', attempts: 3, last_error: 'gateway busy' });
  });
});
