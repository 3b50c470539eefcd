import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';
import { expectAll } from '../../testing/expect-all';
import { GLOBAL_SCOPE } from '../../access/scope';
import { branchFigures } from './index';

/**
 * 临时党支部 through the API. 古陶镇 has a highway-exit checkpoint whose roster had four party
 * members and a volunteer on it this week, and 东城村 is a compound without property management:
 * both are flagged 应建未建. The organisation department sets up a branch at the checkpoint with its
 * secretary — the station's flag goes and 低于最低人数 appears until three formal members serve.
 * The site closes: the branch shows "post ended" and is closed. 段村镇's cadre sees none of it.
 */
let t: TestApp;
let admin: Client;
let org: Client;
let gutao: Client;
let duancun: Client;
let grid: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
const id = (first17: string) => first17 + idCardCheckChar(first17);
/** party member id and person id by name */
const members: Record<string, { id: string; personId: string }> = {};
const state: Record<string, string> = {};
const put = (c: Client, url: string, body: unknown) => c.request({ method: 'PUT', url, payload: body as object });

async function snapshot() {
  const rows = await Promise.all(
    (['compounds', 'temp_branches', 'temp_branch_members', 'settings'] as const).map((table) =>
      t.db.selectFrom(table).selectAll().execute(),
    ),
  );
  return JSON.stringify(rows);
}

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'zuzhibu', 'organisation', tree.county);
  await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'duancun', 'township', tree.duancun);
  await makeUser(t.db, t.clock, 'worker', 'grid', tree.gridA);
  admin = await t.login('admin', ADMIN_PASSWORD);
  [org, gutao, duancun, grid] = (await Promise.all(
    ['zuzhibu', 'gutao', 'duancun', 'worker'].map((u) => t.login(u, PASSWORD)),
  )) as [Client, Client, Client, Client];
  const branch = async (name: string, regionId: string) => {
    const res = await org.post('/api/party/organisations', {
      kind: 'branch',
      name,
      unitName: name.replace('党支部', ''),
      unitType: 'village',
      regionId,
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().id as string;
  };
  const dongcheng = await branch('东城村党支部', tree.dongcheng.id);
  const duancunBranch = await branch('段村党支部', tree.duancunVillage.id);
  for (const [name, first17, category, organisationId] of [
    ['张志强', '14072819800101001', 'full', dongcheng],
    ['李红梅', '14072819850202002', 'full', dongcheng],
    ['王建国', '14072819900303003', 'full', dongcheng],
    ['赵小燕', '14072819950404004', 'probationary', dongcheng],
    ['孙段村', '14072819700505005', 'full', duancunBranch],
  ] as const) {
    const res = await org.post('/api/party/members', { name, idNumber: id(first17), organisationId, category });
    expect(res.statusCode, res.body).toBe(201);
    members[name] = { id: res.json().id, personId: res.json().personId };
  }
  // the highway exit: shifts from the 23rd, four party members and one volunteer on them
  const site = await admin.post('/api/checkpoints/sites', {
    name: '平遥高速出口',
    kind: 'highway_exit',
    regionId: tree.gutao.id,
  });
  state.site = site.json().id;
  await admin.post('/api/checkpoints/shifts/plan', { siteId: state.site, fromDay: '2020-01-23', days: 3 });
  const shifts = (await admin.get(`/api/checkpoints/roster?siteId=${state.site}&from=2020-01-22T16:00:00Z`)).json()
    .items as { id: string }[];
  expect(shifts.length).toBeGreaterThan(4);
  for (const [i, name] of ['张志强', '李红梅', '王建国', '赵小燕'].entries()) {
    const res = await admin.post(`/api/checkpoints/shifts/${shifts[i]!.id}/assign`, {
      personId: members[name]!.personId,
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  await admin.post(`/api/checkpoints/shifts/${shifts[0]!.id}/assign`, { name: '志愿者小刘' });
});
afterAll(async () => t.close());

describe('thresholds', () => {
  it('are the seeds’ numbers until the organisation department changes them (audited)', async () => {
    expect((await gutao.get('/api/temp-branches/rules')).json()).toEqual({
      stationMembers: 3,
      rosterDays: 7,
      compoundHouseholds: 300,
      compoundResidents: 1000,
      minFormalMembers: 3,
    });
    const before = await snapshot();
    const body = {
      stationMembers: 3,
      rosterDays: 7,
      compoundHouseholds: 300,
      compoundResidents: 4,
      minFormalMembers: 3,
    };
    expect((await put(gutao, '/api/temp-branches/rules', body)).json().error.code).toBe('FORBIDDEN');
    expect((await put(org, '/api/temp-branches/rules', { ...body, rosterDays: 0 })).statusCode).toBe(400);
    expect(await snapshot()).toBe(before);
    const res = await put(org, '/api/temp-branches/rules', body);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().compoundResidents).toBe(4);
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'temp_branch.rules').execute();
    expect(audit).toHaveLength(1);
  });
});

describe('compounds', () => {
  it('a township cadre marks a village as a compound without property management; the registry is counted', async () => {
    const res = await gutao.post('/api/compounds', { regionId: tree.dongcheng.id, propertyManagement: false });
    expect(res.statusCode, res.body).toBe(201);
    state.compound = res.json().id;
    // four party members were registered at their branch's village
    expect(res.json()).toMatchObject({ name: '东城村', propertyManagement: false, residents: 4, branchId: null });
  });

  it('refuses a second profile, a building, another township’s village and a grid worker; nothing changes', async () => {
    const before = await snapshot();
    const again = await gutao.post('/api/compounds', { regionId: tree.dongcheng.id, propertyManagement: true });
    expect(again.json().error.code).toBe('COMPOUND_EXISTS');
    const building = await gutao.post('/api/compounds', { regionId: tree.buildingA.id, propertyManagement: false });
    expect(building.json().error.code).toBe('COMPOUND_REGION_INVALID');
    const outside = await duancun.post('/api/compounds', { regionId: tree.xicheng.id, propertyManagement: false });
    expect(outside.statusCode).toBe(404);
    expect((await grid.post('/api/compounds', { regionId: tree.gridA.id, propertyManagement: false })).statusCode).toBe(
      403,
    );
    expect((await gutao.post('/api/compounds', { regionId: 'x', propertyManagement: false })).statusCode).toBe(400);
    expect(await snapshot()).toBe(before);
  });
});

describe('flags', () => {
  it('flags the station with its party members on the roster and the compound with its counts', async () => {
    const { flags } = (await org.get('/api/temp-branches/flags')).json();
    const station = flags.find((f: { kind: string }) => f.kind === 'station_without_branch');
    expect(station.site).toEqual({ id: state.site, name: '平遥高速出口', kind: 'checkpoint' });
    expect(station.members.map((m: { name: string }) => m.name).sort()).toEqual(
      ['张志强', '李红梅', '王建国', '赵小燕'].sort(),
    );
    expectAll(station.members, (m: { homeBranch: string }) => m.homeBranch === '东城村党支部');
    const compound = flags.find((f: { kind: string }) => f.kind === 'compound_without_branch');
    expect(compound.compound).toMatchObject({ id: state.compound, name: '东城村', residents: 4 });
    expect(flags.filter((f: { kind: string }) => f.kind === 'below_minimum')).toEqual([]);
  });

  it('亮身份: the roster shows party members on duty with their home branch, and nobody else', async () => {
    const shifts = (await gutao.get(`/api/checkpoints/roster?siteId=${state.site}&from=2020-01-22T16:00:00Z`)).json()
      .items as { people: { name: string; partyBranch: string | null }[] }[];
    const people = shifts.flatMap((s) => s.people);
    expect(people.find((p) => p.name === '张志强')?.partyBranch).toBe('东城村党支部');
    expect(people.find((p) => p.name === '志愿者小刘')?.partyBranch).toBeNull();
  });

  it('are scoped: 段村镇 sees none of 古陶镇’s; a grid worker may not read them', async () => {
    expect((await duancun.get('/api/temp-branches/flags')).json().flags).toEqual([]);
    expect((await grid.get('/api/temp-branches/flags')).statusCode).toBe(403);
  });

  it('a property-managed compound is not flagged', async () => {
    await gutao.patch(`/api/compounds/${state.compound}`, { propertyManagement: true, propertyCompany: '平遥物业' });
    const { flags } = (await gutao.get('/api/temp-branches/flags')).json();
    expect(flags.some((f: { kind: string }) => f.kind === 'compound_without_branch')).toBe(false);
    await gutao.patch(`/api/compounds/${state.compound}`, { propertyManagement: false });
  });
});

describe('temporary branches', () => {
  it('sets up a branch at the checkpoint with its secretary; the station flag gives way to 低于最低人数', async () => {
    const res = await org.post('/api/temp-branches', {
      name: '平遥高速出口临时党支部',
      postKind: 'checkpoint',
      checkpointSiteId: state.site,
      foundedOn: '2020-01-25',
      secretaryMemberId: members['张志强']!.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    state.branch = res.json().id;
    expect(res.json()).toMatchObject({
      postKind: 'checkpoint',
      postName: '平遥高速出口',
      regionName: '古陶镇',
      secretaryName: '张志强',
      members: 1,
      status: 'open',
      postEnded: false,
    });
    const { flags } = (await org.get('/api/temp-branches/flags')).json();
    expect(flags.some((f: { kind: string }) => f.kind === 'station_without_branch')).toBe(false);
    expect(flags.find((f: { kind: string }) => f.kind === 'below_minimum').branch).toEqual({
      id: state.branch,
      name: '平遥高速出口临时党支部',
      formalMembers: 1,
      members: 1,
    });
  });

  it('takes members from any branch, who keep their home branch; probationary members do not count as formal', async () => {
    for (const name of ['李红梅', '赵小燕'])
      expect(
        (await org.post(`/api/temp-branches/${state.branch}/members`, { partyMemberId: members[name]!.id })).statusCode,
      ).toBe(201);
    let below = (await org.get('/api/temp-branches/flags'))
      .json()
      .flags.find((f: { kind: string }) => f.kind === 'below_minimum');
    expect(below.branch).toMatchObject({ formalMembers: 2, members: 3 });
    const res = await org.post(`/api/temp-branches/${state.branch}/members`, { partyMemberId: members['孙段村']!.id });
    expect(res.statusCode, res.body).toBe(201);
    const detail = res.json();
    expect(detail.members.find((m: { name: string }) => m.name === '孙段村')).toMatchObject({
      homeBranch: '段村党支部',
      category: 'full',
      role: 'member',
    });
    expect(detail.members[0]).toMatchObject({ name: '张志强', role: 'secretary' });
    below = (await org.get('/api/temp-branches/flags'))
      .json()
      .flags.find((f: { kind: string }) => f.kind === 'below_minimum');
    expect(below).toBeUndefined();
  });

  it('refuses a second branch at the site, a member twice and bad input; nothing changes', async () => {
    const before = await snapshot();
    const twice = await org.post('/api/temp-branches', {
      name: '重复',
      postKind: 'checkpoint',
      checkpointSiteId: state.site,
      foundedOn: '2020-01-25',
    });
    expect(twice.json().error.code).toBe('TEMP_BRANCH_EXISTS');
    const again = await org.post(`/api/temp-branches/${state.branch}/members`, {
      partyMemberId: members['李红梅']!.id,
    });
    expect(again.json().error.code).toBe('TEMP_BRANCH_MEMBER_EXISTS');
    const noPost = await org.post('/api/temp-branches', { name: '病区', postKind: 'ward', foundedOn: '2020-01-25' });
    expect(noPost.statusCode).toBe(400);
    const badDay = await org.post('/api/temp-branches', {
      name: '病区',
      postKind: 'ward',
      postName: '县医院发热门诊',
      regionId: tree.gutao.id,
      foundedOn: '2020-02-30',
    });
    expect(badDay.statusCode).toBe(400);
    // 段村镇's cadre cannot pick 古陶镇's members
    const ward = await duancun.post('/api/temp-branches', {
      name: '段村工作组临时党支部',
      postKind: 'working_group',
      postName: '段村防控工作组',
      regionId: tree.duancunVillage.id,
      foundedOn: '2020-01-25',
      secretaryMemberId: members['王建国']!.id,
    });
    expect(ward.json().error.code).toBe('PARTY_MEMBER_NOT_FOUND');
    expect(await snapshot()).toBe(before);
  });

  it('scope walk: 段村镇 gets 404 for 古陶镇’s branch and compound, and an empty list', async () => {
    expect((await duancun.get(`/api/temp-branches/${state.branch}`)).statusCode).toBe(404);
    expect((await duancun.get(`/api/compounds/${state.compound}`)).statusCode).toBe(404);
    expect((await duancun.get('/api/temp-branches')).json().items).toEqual([]);
    expect((await duancun.get('/api/compounds')).json().items).toEqual([]);
    const before = await snapshot();
    const add = await duancun.post(`/api/temp-branches/${state.branch}/members`, {
      partyMemberId: members['孙段村']!.id,
    });
    expect(add.statusCode).toBe(404);
    expect((await duancun.post(`/api/temp-branches/${state.branch}/close`, { reason: '越权' })).statusCode).toBe(404);
    expect((await duancun.patch(`/api/compounds/${state.compound}`, { propertyManagement: true })).statusCode).toBe(
      404,
    );
    expect((await grid.get(`/api/temp-branches/${state.branch}`)).statusCode).toBe(403);
    expect(await snapshot()).toBe(before);
    expect((await gutao.get('/api/temp-branches')).json().items.map((b: { id: string }) => b.id)).toEqual([
      state.branch,
    ]);
  });

  it('a branch at the compound clears its flag; a ward branch stands by its region', async () => {
    const res = await gutao.post('/api/temp-branches', {
      name: '东城村小区临时党支部',
      postKind: 'compound',
      compoundId: state.compound,
      foundedOn: '2020-01-25',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ postName: '东城村', regionName: '东城村' });
    expect((await gutao.get(`/api/compounds/${state.compound}`)).json().branchId).toBe(res.json().id);
    const { flags } = (await gutao.get('/api/temp-branches/flags')).json();
    expect(flags.some((f: { kind: string }) => f.kind === 'compound_without_branch')).toBe(false);
    const ward = await org.post('/api/temp-branches', {
      name: '县医院隔离病区临时党支部',
      postKind: 'ward',
      postName: '隔离病区',
      regionId: tree.county.id,
      foundedOn: '2020-01-24',
    });
    expect(ward.statusCode, ward.body).toBe(201);
    expect(ward.json()).toMatchObject({ postName: '隔离病区', members: 0 });
    // a county-level branch is not in 古陶镇's jurisdiction
    expect((await gutao.get(`/api/temp-branches/${ward.json().id}`)).statusCode).toBe(404);
  });

  it('when the checkpoint closes the branch shows "post ended"; closing it releases its members', async () => {
    const site = (await admin.get(`/api/checkpoints/sites/${state.site}`)).json();
    const closed = await put(admin, `/api/checkpoints/sites/${state.site}`, {
      name: site.name,
      kind: site.kind,
      regionId: site.regionId,
      status: 'closed',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect((await org.get(`/api/temp-branches/${state.branch}`)).json().branch.postEnded).toBe(true);
    const res = await org.post(`/api/temp-branches/${state.branch}/close`, { reason: '卡口撤除' });
    expect(res.json()).toMatchObject({ status: 'closed', closeReason: '卡口撤除', postEnded: false });
    expect((await org.get(`/api/temp-branches/${state.branch}`)).json().members).toEqual([]);
    expect((await org.post(`/api/temp-branches/${state.branch}/close`, { reason: '再次' })).json().error.code).toBe(
      'TEMP_BRANCH_CLOSED',
    );
    // a closed site's old roster raises no flag
    const { flags } = (await org.get('/api/temp-branches/flags')).json();
    expect(flags.some((f: { kind: string }) => f.kind === 'station_without_branch')).toBe(false);
    expect((await org.get('/api/temp-branches?status=closed')).json().items).toHaveLength(1);
    const actions = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'temp_branch')
      .execute();
    expect(new Set(actions.map((a) => a.action))).toEqual(
      new Set(['temp_branch.set_up', 'temp_branch.member_add', 'temp_branch.close']),
    );
  });
});

describe('figures', () => {
  it('counts branches and flags per township', async () => {
    const rows = await branchFigures(t.db, t.clock, GLOBAL_SCOPE, { day: '2020-01-25', timeZone: 'Asia/Shanghai' });
    const gutaoRow = rows.find((r) => r.townshipName === '古陶镇')!;
    expect(gutaoRow).toMatchObject({ open: 1, setUpOnDay: 2, closedOnDay: 1, belowMinimum: 1 });
    expect(rows.find((r) => r.townshipName === '段村镇')).toMatchObject({ open: 0, setUpOnDay: 0, belowMinimum: 0 });
    const scoped = await branchFigures(
      t.db,
      t.clock,
      { prefix: tree.duancun.path },
      { day: '2020-01-25', timeZone: 'Asia/Shanghai' },
    );
    expect(scoped.map((r) => r.townshipName)).toEqual(['段村镇']);
  });
});
