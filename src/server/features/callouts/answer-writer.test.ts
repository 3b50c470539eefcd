import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from '../../testing/test-app';
import { makeTree } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';
import { PersonInput } from '../../../shared/residents';
import { cliActor } from '../../../cli/actor';
import { registerPerson } from '../residents';
import { closeCallout, issueCallout } from './callouts.service';
import { answerWriter, writeLinkAnswers } from './answer-writer';

/**
 * Answers from the links are written in batches (group commit): 40 team members tapping 来 at once
 * are all stored, each exactly once, with their own time; the same person twice is one answer; an
 * unknown, expired or closed link in a batch fails alone and the others are written.
 */
let t: TestApp;
let tree: Awaited<ReturnType<typeof makeTree>>;
const actor = cliActor();
const personIds: string[] = [];

async function callOut() {
  const { callout, links } = await issueCallout(
    t.db,
    t.clock,
    actor,
    { personIds, includeBusy: true, meetingPoint: '古陶镇政府院内', regionId: tree.gutao.id, deadlineMinutes: 15 },
    { linkBase: 'http://localhost', timeZone: t.config.timeZone },
  );
  return { callout, tokens: links.map((l) => l.token) };
}

const answersOf = (calloutId: string) =>
  t.db
    .selectFrom('callout_answers')
    .innerJoin('callout_orders', 'callout_orders.id', 'callout_answers.order_id')
    .select(['callout_orders.person_id', 'callout_answers.answer', 'callout_answers.at'])
    .where('callout_orders.callout_id', '=', calloutId)
    .execute();

const ordersOf = (calloutId: string) =>
  t.db.selectFrom('callout_orders').selectAll().where('callout_id', '=', calloutId).execute();

const answer = (token: string, i: number, body: object = { answer: 'coming' }) =>
  t.anonymous.request({
    method: 'POST',
    url: `/api/public/callouts/${token}`,
    payload: body,
    remoteAddress: `10.9.0.${i}`,
  });

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  for (let i = 0; i < 40; i++) {
    const stem = `140728199001${String(10 + (i % 18)).padStart(2, '0')}${String(100 + i)}`;
    const { person } = await registerPerson(
      t.db,
      t.clock,
      actor,
      PersonInput.parse({
        name: `突击队员${i}`,
        idNumber: stem + idCardCheckChar(stem),
        phone: `139${String(i).padStart(8, '0')}`,
        regionId: tree.buildingA.id,
        confirmNotDuplicate: true,
      }),
    );
    personIds.push(person.id);
  }
});
afterAll(async () => t.close());

describe('answers written in batches', () => {
  it('40 answers sent at once over HTTP are all stored, each once, with the time it arrived', async () => {
    const { callout, tokens } = await callOut();
    const results = await Promise.all(tokens.map((token, i) => answer(token, i)));
    expect(results.map((r) => r.statusCode)).toEqual(tokens.map(() => 200));
    expect(results.every((r) => r.json().answer === 'coming')).toBe(true);
    const rows = await answersOf(callout.id);
    expect(rows).toHaveLength(40);
    expect(new Set(rows.map((r) => r.person_id)).size).toBe(40);
    const orders = await ordersOf(callout.id);
    expect(orders.filter((o) => o.answer === 'coming' && o.first_ack_at === t.clock.now().toISOString())).toHaveLength(
      40,
    );
  });

  it('the same person answering twice at once is one answer; a change of mind in the same batch is kept', async () => {
    const { callout, tokens } = await callOut();
    const [a, b] = await Promise.all([answer(tokens[0]!, 1), answer(tokens[0]!, 2)]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const outcomes = await writeLinkAnswers(t.db, [
      { token: tokens[1]!, input: { answer: 'coming' }, at: t.clock.now().toISOString() },
      { token: tokens[1]!, input: { answer: 'cannot', reason: '孩子发烧' }, at: t.clock.now().toISOString() },
    ]);
    expect(outcomes.map((o) => o.ok && o.view.answer)).toEqual(['coming', 'cannot']);
    const rows = await answersOf(callout.id);
    expect(rows.filter((r) => r.person_id === personIds[0])).toHaveLength(1);
    expect(rows.filter((r) => r.person_id === personIds[1]).map((r) => r.answer)).toEqual(['coming', 'cannot']);
    const second = (await ordersOf(callout.id)).find((o) => o.person_id === personIds[1])!;
    expect([second.answer, second.reason, Number(second.changes), second.first_ack_at]).toEqual([
      'cannot',
      '孩子发烧',
      1,
      t.clock.now().toISOString(),
    ]);
  });

  it('an unknown, an expired or a closed link fails alone: the rest of its batch is written', async () => {
    const open = await callOut();
    const closed = await callOut();
    await closeCallout(t.db, t.clock, actor, closed.callout.id);
    const writer = answerWriter(t.db);
    const at = t.clock.now().toISOString();
    const unknown = 'A'.repeat(22);
    const outcomes = await Promise.all([
      writer.submit({ token: open.tokens[0]!, input: { answer: 'coming' }, at }),
      writer.submit({ token: unknown, input: { answer: 'coming' }, at }),
      writer.submit({ token: closed.tokens[0]!, input: { answer: 'coming' }, at }),
      writer.submit({ token: open.tokens[1]!, input: { answer: 'late', etaMinutes: 10 }, at }),
    ]);
    expect(outcomes.map((o) => (o.ok ? o.view.answer : o.error.code))).toEqual([
      'coming',
      'CALLOUT_LINK_NOT_FOUND',
      'CALLOUT_CLOSED',
      'late',
    ]);
    expect(await answersOf(closed.callout.id)).toHaveLength(0);
    expect((await answersOf(open.callout.id)).map((r) => r.answer).sort()).toEqual(['coming', 'late']);

    // over HTTP, sent together: the bad ones get their own 4xx, the good one its 200
    const res = await Promise.all([answer(open.tokens[2]!, 3), answer(unknown, 4), answer(closed.tokens[1]!, 5)]);
    expect(res.map((r) => r.statusCode)).toEqual([200, 404, 409]);
    t.clock.set(new Date(t.clock.now().getTime() + 3 * 3600_000));
    const late = await answer(open.tokens[3]!, 6);
    expect([late.statusCode, late.json().error.code]).toEqual([410, 'CALLOUT_LINK_EXPIRED']);
    expect(await answersOf(open.callout.id)).toHaveLength(3);
  });
});
