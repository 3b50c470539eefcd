import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';

let t: TestApp;
let worker: Client;
let round: { id: string };
let household: { id: string; members: string[] };

beforeAll(async () => {
  t = await testApp();
  const tree = await makeTree(t.db, t.clock);
  const admin = await t.login('admin', ADMIN_PASSWORD);
  await makeUser(t.db, t.clock, 'grid_a', 'grid', tree.gridA);
  worker = await t.login('grid_a', PASSWORD);
  const h = (await admin.post('/api/households', { regionId: tree.buildingA.id, room: '1号' })).json();
  const members = [];
  for (const [name, relation] of [
    ['户主', 'head'],
    ['妻子', 'spouse'],
    ['儿子', 'child'],
  ])
    members.push((await admin.post('/api/persons', { name, householdId: h.id, relation })).json().person.id as string);
  household = { id: h.id, members };
  round = (
    await admin.post('/api/screening/rounds', {
      name: '第一轮',
      startDate: '2020-01-25',
      endDate: '2020-01-31',
      regionIds: [tree.gutao.id],
    })
  ).json();
});
afterAll(async () => t.close());

const visit = (outcome: string, checks: object[]) =>
  worker.post('/api/screening/visits', { roundId: round.id, householdId: household.id, outcome, checks });
const visitCount = async () => (await t.db.selectFrom('screening_visits').select('id').execute()).length;

describe('temperatures at the door', () => {
  it('three people present and no temperature is not 无风险', async () => {
    const res = await visit(
      'no_risk',
      household.members.map((personId) => ({ personId, present: true })),
    );
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'TEMPERATURE_OR_REASON',
      details: { field: ['checks', '0', 'temperature'] },
    });
    expect(await visitCount()).toBe(0);
  });

  it('a reason without a note is refused', async () => {
    const res = await visit('key_person', [
      { personId: household.members[0], present: true, temperatureMissing: 'refused' },
    ]);
    expect(res.json().error).toMatchObject({
      code: 'TEMPERATURE_NOTE_REQUIRED',
      details: { field: ['checks', '0', 'temperatureNote'] },
    });
    expect(await visitCount()).toBe(0);
  });

  it('a person refusing the thermometer keeps the visit from being 无风险, in English too', async () => {
    const checks = [
      { personId: household.members[0], present: true, temperature: 36.5 },
      { personId: household.members[1], present: true, temperatureMissing: 'refused', temperatureNote: '隔门拒绝测温' },
      { personId: household.members[2], present: false },
    ];
    const res = await worker.request({
      method: 'POST',
      url: '/api/screening/visits',
      headers: { 'accept-language': 'en' },
      payload: { roundId: round.id, householdId: household.id, outcome: 'no_risk', checks },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'NO_RISK_NEEDS_TEMPERATURES',
      message: expect.stringContaining('cannot be no-risk'),
      details: { field: ['checks', '1', 'temperature'] },
    });
    expect(await visitCount()).toBe(0);

    const keyed = await visit('key_person', checks);
    expect(keyed.statusCode, keyed.body).toBe(201);
    const history = (await worker.get(`/api/households/${household.id}/visits`)).json().items;
    expect(history).toHaveLength(1);
    expect(history[0].checks.find((c: { personId: string }) => c.personId === household.members[1])).toMatchObject({
      present: true,
      temperature: null,
      temperatureMissing: 'refused',
      temperatureNote: '隔门拒绝测温',
    });
    expect(history[0].checks.find((c: { personId: string }) => c.personId === household.members[2])).toMatchObject({
      present: false,
      temperatureMissing: null,
    });
  });

  it('everyone present measured is 无风险', async () => {
    const res = await visit(
      'no_risk',
      household.members.map((personId, i) => ({ personId, present: i < 2, temperature: i < 2 ? 36.4 : null })),
    );
    expect(res.statusCode, res.body).toBe(201);
  });

  it('无风险 needs every member recorded, and someone seen at the door', async () => {
    const before = await visitCount();
    const none = await visit('no_risk', []);
    expect(none.json().error).toMatchObject({ code: 'NO_RISK_NEEDS_EVERYONE' });
    expect(none.json().error.details.missing.map((m: { name: string }) => m.name)).toEqual(['户主', '妻子', '儿子']);
    const one = await visit('no_risk', [{ personId: household.members[0], present: true, temperature: 36.5 }]);
    expect(one.json().error.details.missing.map((m: { name: string }) => m.name)).toEqual(['妻子', '儿子']);
    const away = await visit(
      'no_risk',
      household.members.map((personId) => ({ personId, present: false })),
    );
    expect(away.json().error).toMatchObject({ code: 'NO_RISK_NOBODY_SEEN' });
    expect(await visitCount()).toBe(before);
    // one at home and measured, the others recorded away: a household judged as a whole
    const res = await visit(
      'no_risk',
      household.members.map((personId, i) => ({ personId, present: i === 0, temperature: i === 0 ? 36.5 : null })),
    );
    expect(res.statusCode, res.body).toBe(201);
  });
});
