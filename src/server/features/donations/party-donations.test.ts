import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';
import { GLOBAL_SCOPE, scopeOf } from '../../access/scope';
import { partyDonationFigures } from './index';

/**
 * 党员捐款: party members of 东城村 (古陶镇) and 段村 (段村镇) give money; each donation is linked to
 * the member and their branch, listed by branch, and counted per township in mobilisation's figures.
 * A township sees only its own; a company cannot give as a party member; the desk finds known
 * donors by name (phones masked, the anonymous never offered).
 */
let t: TestApp;
let desk: Client;
let gutao: Client;
let duancun: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
const member: Record<string, string> = {};
const branch: Record<string, string> = {};
const id = (first17: string) => first17 + idCardCheckChar(first17);

async function created(res: { statusCode: number; body: string; json: () => { id: string } }) {
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function snapshot() {
  const out = [];
  for (const table of ['donors', 'donations', 'donation_lines'] as const)
    out.push(await t.db.selectFrom(table).selectAll().execute());
  return JSON.stringify(out);
}

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'zuzhibu', 'organisation', tree.county);
  await makeUser(t.db, t.clock, 'wuzizu', 'supplies', tree.county);
  await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'duancun', 'township', tree.duancun);
  const zuzhibu = await t.login('zuzhibu', PASSWORD);
  [desk, gutao, duancun] = (await Promise.all(['wuzizu', 'gutao', 'duancun'].map((u) => t.login(u, PASSWORD)))) as [
    Client,
    Client,
    Client,
  ];
  const org = (body: Record<string, unknown>) =>
    zuzhibu.post('/api/party/organisations', { unitType: 'village', ...body }).then(created);
  const county = await org({
    kind: 'committee',
    name: '中共平遥县委员会',
    unitName: '县委',
    unitType: 'organ',
    regionId: tree.county.id,
  });
  branch.dongcheng = await org({
    kind: 'branch',
    name: '东城村党支部',
    unitName: '东城村',
    parentId: county,
    regionId: tree.dongcheng.id,
  });
  branch.duancun = await org({
    kind: 'branch',
    name: '段村党支部',
    unitName: '段村',
    parentId: county,
    regionId: tree.duancunVillage.id,
  });
  for (const [name, first17, organisationId] of [
    ['王党员', '14072819700101101', branch.dongcheng],
    ['李党员', '14072819800101102', branch.dongcheng],
    ['段党员', '14072819750101104', branch.duancun],
  ] as const) {
    const res = await zuzhibu.post('/api/party/members', {
      name,
      idNumber: id(first17),
      organisationId,
      category: 'full',
    });
    expect(res.statusCode, res.body).toBe(201);
    member[name] = res.json().id;
  }
});
afterAll(async () => t.close());

const money = (regionId: string, partyMemberId: string, amount: number, donatedOn: string, donor?: object) => ({
  partyMemberId,
  ...(donor ? { donor } : {}),
  regionId,
  donatedOn,
  money: { amount, channel: '现金' },
});

describe("a party member's donation", () => {
  it('is linked to the member and their branch; the member gives under their own name', async () => {
    const res = await gutao.post('/api/donations', money(tree.dongcheng.id, member['王党员']!, 500, '2020-01-24'));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      kind: 'money',
      partyMemberId: member['王党员'],
      partyOrg: { id: branch.dongcheng, name: '东城村党支部' },
      donor: { kind: 'individual', name: '王党员', publicName: '王**' },
    });
    const anonymous = await gutao.post(
      '/api/donations',
      money(tree.dongcheng.id, member['李党员']!, 1000, '2020-01-25', { kind: 'anonymous' }),
    );
    expect(anonymous.statusCode, anonymous.body).toBe(201);
    expect(anonymous.json()).toMatchObject({
      donor: { kind: 'anonymous', publicName: '匿名' },
      partyOrg: { name: '东城村党支部' },
    });
    const duan = await duancun.post(
      '/api/donations',
      money(tree.duancunVillage.id, member['段党员']!, 220, '2020-01-25'),
    );
    expect(duan.statusCode, duan.body).toBe(201);
  });

  it('refuses a company giving as a party member, and a member of another township, changing nothing', async () => {
    const before = await snapshot();
    const company = await gutao.post(
      '/api/donations',
      money(tree.dongcheng.id, member['王党员']!, 100, '2020-01-25', { kind: 'company', name: '晋商实业' }),
    );
    expect(company.statusCode).toBe(400);
    expect(company.json().error.code).toBe('DONATION_MEMBER_NOT_INDIVIDUAL');
    const elsewhere = await gutao.post(
      '/api/donations',
      money(tree.dongcheng.id, member['段党员']!, 100, '2020-01-25'),
    );
    expect(elsewhere.statusCode).toBe(404);
    expect(await snapshot()).toBe(before);
  });

  it('lists donations by branch, and a branch’s donations, within the jurisdiction', async () => {
    const all = (await desk.get('/api/donations/by-branch')).json();
    expect(all).toEqual([
      { partyOrgId: branch.dongcheng, name: '东城村党支部', donations: 2, members: 2, money: 1500, goodsLines: 0 },
      { partyOrgId: branch.duancun, name: '段村党支部', donations: 1, members: 1, money: 220, goodsLines: 0 },
    ]);
    expect((await duancun.get('/api/donations/by-branch')).json()).toEqual([all[1]]);
    const list = (await desk.get(`/api/donations?partyOrgId=${branch.dongcheng}`)).json();
    expect(list.items).toHaveLength(2);
    expect((await desk.get('/api/donations?party=1')).json().items).toHaveLength(3);
    expect((await duancun.get(`/api/donations?partyOrgId=${branch.dongcheng}`)).json().items).toEqual([]);
  });

  it('gives mobilisation its figures per township, for the day and so far, scoped', async () => {
    const county = await partyDonationFigures(t.db, GLOBAL_SCOPE, { day: '2020-01-25' });
    const byName = Object.fromEntries(county.rows.map((r) => [r.name, r]));
    expect(byName['古陶镇']).toMatchObject({
      donations: 2,
      members: 2,
      money: 1500,
      donationsToday: 1,
      moneyToday: 1000,
    });
    expect(byName['段村镇']).toMatchObject({
      donations: 1,
      members: 1,
      money: 220,
      donationsToday: 1,
      moneyToday: 220,
    });
    expect(county.total).toMatchObject({ donations: 3, members: 3, money: 1720, moneyToday: 1220 });
    const dayBefore = await partyDonationFigures(t.db, GLOBAL_SCOPE, { day: '2020-01-24' });
    expect(dayBefore.total).toMatchObject({ donations: 1, money: 500, moneyToday: 500 });
    const own = await partyDonationFigures(t.db, scopeOf({ regionPath: tree.gutao.path }), { day: '2020-01-25' });
    expect(own.rows.map((r) => r.name)).toEqual(['古陶镇']);
    expect(own.total.money).toBe(1500);
    const api = (await duancun.get('/api/donations/party-figures?day=2020-01-25')).json();
    expect(api.rows).toEqual([expect.objectContaining({ name: '段村镇', money: 220 })]);
  });
});

describe('the desk', () => {
  it('finds known donors by name with the phone masked; never offers the anonymous', async () => {
    const res = await desk.post('/api/donations', {
      donor: { kind: 'company', name: '平遥县晋商实业有限公司', phone: '13912345678' },
      regionId: tree.county.id,
      donatedOn: '2020-01-25',
      money: { amount: 20000, channel: '银行转账' },
    });
    expect(res.statusCode, res.body).toBe(201);
    const found = (await desk.get(`/api/donations/donors?q=${encodeURIComponent('晋商')}`)).json();
    expect(found.items).toEqual([expect.objectContaining({ name: '平遥县晋商实业有限公司', phone: '139****5678' })]);
    const all = (await desk.get('/api/donations/donors')).json().items as { kind: string }[];
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter((d) => d.kind === 'anonymous')).toEqual([]);
    expect((await gutao.get(`/api/donations/donors?q=${encodeURIComponent('晋商')}`)).json().items).toEqual([]);
  });

  it("sends the county's zone with the certificate and the public ledger", async () => {
    const ledger = (await t.anonymous.get('/api/public/ledger')).json();
    expect(ledger.timeZone).toBe(t.config.timeZone);
  });
});
