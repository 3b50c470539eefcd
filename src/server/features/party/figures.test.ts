import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';
import { GLOBAL_SCOPE } from '../../access/scope';
import { partyFigures } from './index';

/**
 * partyFigures per township: organisations and branches, 正式 / 预备 members where their organisation
 * is, and members at the front line today — on a checkpoint duty roster that day, counted where they
 * stand duty, once each. A county bureau's member on duty at 东城村's entrance counts for 古陶镇; a
 * non-member and a removed member on the roster do not; a township sees only itself.
 */
let t: TestApp;
let zuzhibu: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
const person: Record<string, string> = {};
const id = (first17: string) => first17 + idCardCheckChar(first17);

async function created(res: { statusCode: number; body: string; json: () => { id: string } }) {
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

beforeAll(async () => {
  t = await testApp();
  t.clock.set('2020-01-24T15:00:00Z'); // 23:00 local, before the first shift
  tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'zuzhibu', 'organisation', tree.county);
  await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'duancun', 'township', tree.duancun);
  zuzhibu = await t.login('zuzhibu', PASSWORD);
  const org = (body: Record<string, unknown>) =>
    zuzhibu.post('/api/party/organisations', { unitType: 'organ', ...body }).then(created);
  const county = await org({ kind: 'committee', name: '中共平遥县委员会', unitName: '县委', regionId: tree.county.id });
  const health = await org({
    kind: 'branch',
    name: '县卫健局党支部',
    unitName: '县卫健局',
    parentId: county,
    regionId: tree.county.id,
  });
  const gutao = await org({
    kind: 'committee',
    name: '中共古陶镇委员会',
    unitName: '古陶镇',
    parentId: county,
    regionId: tree.gutao.id,
  });
  const dongcheng = await org({
    kind: 'branch',
    name: '东城村党支部',
    unitName: '东城村',
    unitType: 'village',
    parentId: gutao,
    regionId: tree.dongcheng.id,
  });
  const duancun = await org({
    kind: 'committee',
    name: '中共段村镇委员会',
    unitName: '段村镇',
    parentId: county,
    regionId: tree.duancun.id,
  });
  const duancunVillage = await org({
    kind: 'branch',
    name: '段村党支部',
    unitName: '段村',
    unitType: 'village',
    parentId: duancun,
    regionId: tree.duancunVillage.id,
  });
  // 赵局员 (a county bureau's member) and 孙群众 (no member) live in 东城村
  const gutaoCadre = await t.login('gutao', PASSWORD);
  for (const [name, first17] of [
    ['赵局员', '14072819800101103'],
    ['孙群众', '14072819850101106'],
  ] as const) {
    const res = await gutaoCadre.post('/api/persons', {
      name,
      idNumber: id(first17),
      regionId: tree.buildingA.id,
      confirmNotDuplicate: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    person[name] = res.json().person.id;
  }
  for (const [name, first17, organisationId, category] of [
    ['王党员', '14072819700101101', dongcheng, 'full'],
    ['李预备', '14072819950101102', dongcheng, 'probationary'],
    ['赵局员', '14072819800101103', health, 'full'],
    ['段党员', '14072819750101104', duancunVillage, 'full'],
    ['钱移出', '14072819650101105', dongcheng, 'full'],
  ] as const) {
    const res = await zuzhibu.post('/api/party/members', { name, idNumber: id(first17), organisationId, category });
    expect(res.statusCode, res.body).toBe(201);
    person[name] = res.json().personId;
    if (name === '钱移出') expect((await zuzhibu.delete(`/api/party/members/${res.json().id}`)).statusCode).toBe(204);
  }
  // 东城村's entrance: 王党员 on two shifts today and one tomorrow, 赵局员, 孙群众 and 钱移出 today
  const duancunCadre = await t.login('duancun', PASSWORD);

  for (const [cadre, regionId, name, crew] of [
    [
      gutaoCadre,
      tree.dongcheng.id,
      '东城村卡口',
      [
        ['王党员', 0],
        ['王党员', 1],
        ['王党员', 3],
        ['赵局员', 1],
        ['孙群众', 0],
        ['钱移出', 2],
      ],
    ],
    [duancunCadre, tree.duancunVillage.id, '段村卡口', [['段党员', 2]]],
  ] as const) {
    const site = await cadre.post('/api/checkpoints/sites', { name, kind: 'village_entrance', regionId }).then(created);
    const plan = await cadre.post('/api/checkpoints/shifts/plan', { siteId: site, fromDay: '2020-01-25', days: 2 });
    expect(plan.statusCode, plan.body).toBe(201);
    const shifts = (await cadre.get('/api/checkpoints/roster?limit=100'))
      .json()
      .items.filter((s: { siteId: string }) => s.siteId === site)
      .sort((a: { startsAt: string }, b: { startsAt: string }) => a.startsAt.localeCompare(b.startsAt));
    for (const [who, shift] of crew) {
      const res = await cadre.post(`/api/checkpoints/shifts/${shifts[shift].id}/assign`, { personId: person[who] });
      expect(res.statusCode, res.body).toBe(201);
    }
  }
});
afterAll(async () => t.close());

describe('party figures', () => {
  it('counts organisations, members and members at the front line per township, the county units apart', async () => {
    const f = await partyFigures(t.db, GLOBAL_SCOPE, { day: '2020-01-25' });
    const byName = Object.fromEntries(f.rows.map((r) => [r.name, r]));
    expect(byName['古陶镇']).toMatchObject({
      regionPath: tree.gutao.path,
      organisations: 2,
      branches: 1,
      fullMembers: 1,
      probationaryMembers: 1,
      membersOnDuty: 2,
    });
    expect(byName['段村镇']).toMatchObject({ organisations: 2, branches: 1, fullMembers: 1, membersOnDuty: 1 });
    expect(byName['县直单位']).toMatchObject({
      regionPath: tree.county.path,
      regionId: null,
      organisations: 2,
      branches: 1,
      fullMembers: 1,
      membersOnDuty: 0,
    });
    expect(f.total).toMatchObject({
      organisations: 6,
      branches: 3,
      fullMembers: 3,
      probationaryMembers: 1,
      membersOnDuty: 3,
    });
  });

  it('takes the day in the county zone: tomorrow only 王党员 is on duty', async () => {
    const f = await partyFigures(t.db, GLOBAL_SCOPE, { day: '2020-01-26' });
    expect(f.total.membersOnDuty).toBe(1);
    expect(f.rows.find((r) => r.name === '古陶镇')!.membersOnDuty).toBe(1);
  });

  it('gives a township only its own row', async () => {
    const f = await partyFigures(t.db, { prefix: tree.gutao.path }, { day: '2020-01-25' });
    expect(f.rows.map((r) => r.name)).toEqual(['古陶镇']);
    expect(f.total).toMatchObject({ organisations: 2, fullMembers: 1, probationaryMembers: 1, membersOnDuty: 2 });
  });
});
