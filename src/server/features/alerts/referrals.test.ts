import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';

let t: TestApp;
let admin: Client;
let crew: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
let site: { id: string };
const id = (first17: string) => first17 + idCardCheckChar(first17);
const FEVER = id('14072819700101031');
const state: Record<string, string> = {};

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  t.clock.set(new Date('2020-01-25T10:00:00+08:00'));
  admin = await t.login('admin', ADMIN_PASSWORD);
  site = (
    await admin.post('/api/checkpoints/sites', {
      name: '古陶镇东入口',
      kind: 'village_entrance',
      regionId: tree.gutao.id,
    })
  ).json();
  await makeUser(t.db, t.clock, 'crew', 'checkpoint', tree.gutao);
  await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'duancun', 'township', tree.duancun);
  await makeUser(t.db, t.clock, 'grid_a', 'grid', tree.gridA);
  crew = await t.login('crew', PASSWORD);
});
afterAll(async () => t.close());

const passage = (decision: string, occupants: object[]) =>
  crew.post('/api/checkpoints/passages', {
    id: randomUUID(),
    siteId: site.id,
    direction: 'in',
    plate: '晋K66666',
    vehicleType: 'car',
    decision,
    occupants,
  });
const alertsOf = async (sourceId: string) =>
  t.db
    .selectFrom('alerts')
    .select(['kind', 'person_id', 'referral_id', 'message'])
    .where('source_id', '=', sourceId)
    .execute();

describe('referrals to the fever clinic', () => {
  it('a checkpoint fever sent to the clinic is one alert linked to its referral record', async () => {
    const res = await passage('referred', [
      { name: '发热司机', idNumber: FEVER, temperature: 38.6 },
      { name: '同车乘客', temperature: 36.4 },
    ]);
    expect(res.statusCode, res.body).toBe(201);
    const alerts = await alertsOf(res.json().id);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ kind: 'fever', person_id: expect.any(String), referral_id: expect.any(String) });
    const list = (await admin.get('/api/referrals?open=true')).json().items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      id: alerts[0]!.referral_id,
      personName: '发热司机',
      sourceType: 'passage',
      sourceId: res.json().id,
      reason: '发热 38.6℃',
      facility: null,
      outcome: null,
      referredByName: 'crew',
    });
    state.referral = list[0].id;
    state.person = list[0].personId;
    const shown = (await admin.get('/api/alerts?open=true')).json().items;
    expect(shown.find((a: { referralId: string | null }) => a.referralId === state.referral)).toBeDefined();
  });

  it('a fever let through is one fever alert and no referral', async () => {
    const res = await passage('pass', [{ name: '低烧者', temperature: 37.5 }]);
    expect((await alertsOf(res.json().id)).map((a) => [a.kind, a.referral_id])).toEqual([['fever', null]]);
    expect((await admin.get('/api/referrals')).json().items).toHaveLength(1);
  });

  it('records where and when, then the finding; 疑似 opens the tracing case and settles the alert', async () => {
    const township = await t.login('gutao', PASSWORD);
    const changed = await township.patch(`/api/referrals/${state.referral}`, {
      facility: '平遥县人民医院发热门诊',
      referredAt: '2020-01-25T09:50:00',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({
      facility: '平遥县人民医院发热门诊',
      referredAt: '2020-01-25T01:50:00.000Z',
    });
    const early = await township.post(`/api/referrals/${state.referral}/outcome`, {
      outcome: 'suspected',
      at: '2020-01-25T09:40:00+08:00',
    });
    expect(early.json().error.code).toBe('REFERRAL_TIME_INVALID');

    t.clock.set(new Date('2020-01-25T14:00:00+08:00'));
    const found = await (await t.login('gutao', PASSWORD)).post(`/api/referrals/${state.referral}/outcome`, {
      outcome: 'suspected',
      at: '2020-01-25T13:30:00+08:00',
      note: 'CT 双肺磨玻璃影',
    });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json()).toMatchObject({
      outcome: 'suspected',
      outcomeAt: '2020-01-25T05:30:00.000Z',
      outcomeNote: 'CT 双肺磨玻璃影',
      outcomeByName: 'gutao',
      caseId: expect.any(String),
    });
    const kase = (await admin.get(`/api/cases/${found.json().caseId}`)).json();
    expect(kase.case ?? kase).toMatchObject({
      personId: state.person,
      classification: 'suspected',
      treatedAt: '平遥县人民医院发热门诊',
    });
    const alert = await t.db
      .selectFrom('alerts')
      .select(['acknowledged_at', 'acknowledged_by'])
      .where('referral_id', '=', state.referral!)
      .executeTakeFirstOrThrow();
    expect(alert.acknowledged_at).not.toBeNull();
    expect((await admin.get('/api/referrals?open=true')).json().items).toEqual([]);
  });

  it('a visit sending a feverish member to the clinic is one referral alert for that member', async () => {
    const household = (await admin.post('/api/households', { regionId: tree.buildingA.id, room: '9号' })).json();
    const head = (
      await admin.post('/api/persons', { name: '户主', householdId: household.id, relation: 'head' })
    ).json().person.id;
    const son = (
      await admin.post('/api/persons', { name: '咳嗽儿子', householdId: household.id, relation: 'child' })
    ).json().person.id;
    const round = (
      await admin.post('/api/screening/rounds', {
        name: '第一轮',
        startDate: '2020-01-25',
        endDate: '2020-01-31',
        regionIds: [tree.gutao.id],
      })
    ).json();
    const visit = await (await t.login('grid_a', PASSWORD)).post('/api/screening/visits', {
      roundId: round.id,
      householdId: household.id,
      outcome: 'refer',
      checks: [
        { personId: head, present: true, temperature: 36.5 },
        { personId: son, present: true, temperature: 38.0, symptoms: ['cough'] },
      ],
    });
    expect(visit.statusCode, visit.body).toBe(201);
    const alerts = await alertsOf(visit.json().id);
    expect(alerts.map((a) => [a.kind, a.person_id, a.referral_id !== null])).toEqual([['fever', son, true]]);
    expect(alerts[0]!.message).toContain('咳嗽儿子（发热 38℃、咳嗽）');
    const referral = (await admin.get(`/api/referrals?personId=${son}`)).json().items;
    expect(referral).toHaveLength(1);
    expect(referral[0]).toMatchObject({ sourceType: 'screening_visit', referredByName: 'grid_a' });

    const excluded = await admin.post(`/api/referrals/${referral[0].id}/outcome`, {
      outcome: 'excluded',
      note: '普通感冒',
    });
    expect(excluded.json()).toMatchObject({ outcome: 'excluded', caseId: null });
  });

  it('is recorded only by those who handle alerts, within their jurisdiction', async () => {
    expect((await (await t.login('grid_a', PASSWORD)).get('/api/referrals')).statusCode).toBe(403);
    const other = await t.login('duancun', PASSWORD);
    expect((await other.get('/api/referrals')).json().items).toEqual([]);
    const res = await other.post(`/api/referrals/${state.referral}/outcome`, { outcome: 'confirmed' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('REFERRAL_NOT_FOUND');
  });
});

describe('a referral made from an alert', () => {
  it('links the alert instead of raising a second one, once', async () => {
    const person = (
      await admin.post('/api/persons', {
        name: '随访发热',
        idNumber: id('14072819700101032'),
        regionId: tree.buildingA.id,
        confirmNotDuplicate: true,
      })
    ).json().person.id;
    await t.db
      .insertInto('alerts')
      .values({
        id: '01900000-0000-7000-8000-0000000000a1',
        kind: 'fever',
        person_id: person,
        region_path: tree.buildingA.path,
        source_type: 'follow_up',
        source_id: 'slot-1',
        message: '隔离观察对象 随访发热 体温 38.3℃',
        created_at: t.clock.now().toISOString(),
        acknowledged_at: null,
        acknowledged_by: null,
        referral_id: null,
      })
      .execute();
    const before = (await t.db.selectFrom('alerts').select('id').execute()).length;
    const body = {
      personId: person,
      reason: '随访发热 38.3℃',
      sourceType: 'follow_up',
      sourceId: 'slot-1',
      alertId: '01900000-0000-7000-8000-0000000000a1',
    };
    const res = await admin.post('/api/referrals', body);
    expect(res.statusCode, res.body).toBe(201);
    expect((await t.db.selectFrom('alerts').select('id').execute()).length).toBe(before);
    const alert = await t.db
      .selectFrom('alerts')
      .select('referral_id')
      .where('id', '=', body.alertId)
      .executeTakeFirstOrThrow();
    expect(alert.referral_id).toBe(res.json().id);
    expect((await admin.post('/api/referrals', body)).json().error.code).toBe('REFERRAL_EXISTS');
  });
});
