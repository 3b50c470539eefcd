import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';

/**
 * 党组织和党员 through the API: the county's organisation department sets up the 古陶镇 party
 * committee with a village branch and a school branch, and the 段村镇 committee; registers members
 * (registry persons by ID number — one number, one person); a 古陶镇 cadre sees only 古陶镇's
 * organisations and members; ID numbers and phones are masked and every reveal is audited; bad
 * input is refused and changes nothing.
 */
let t: TestApp;
let zuzhibu: Client;
let gutao: Client;
let command: Client;
let grid: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
const ids: Record<string, string> = {};

function idNumber(first17: string) {
  return first17 + idCardCheckChar(first17);
}
const ZHANG = idNumber('14072819800101001');
const LI = idNumber('14072819850202002');
const WANG = idNumber('14072819900303003');

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'zuzhibu', 'organisation', tree.county);
  await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'command', 'command', tree.county);
  await makeUser(t.db, t.clock, 'worker', 'grid', tree.gridA);
  [zuzhibu, gutao, command, grid] = (await Promise.all(
    ['zuzhibu', 'gutao', 'command', 'worker'].map((u) => t.login(u, PASSWORD)),
  )) as [Client, Client, Client, Client];
});
afterAll(async () => t.close());

async function snapshot() {
  const o = await t.db.selectFrom('party_organisations').selectAll().orderBy('id').execute();
  const m = await t.db.selectFrom('party_members').selectAll().orderBy('id').execute();
  const p = await t.db.selectFrom('persons').select(['id', 'name', 'phone']).orderBy('id').execute();
  return JSON.stringify([o, m, p]);
}

async function org(client: Client, body: Record<string, unknown>) {
  const res = await client.post('/api/party/organisations', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

describe('party organisations', () => {
  it('sets up a tree of committees and branches, each in a region', async () => {
    ids.gutaoCommittee = await org(zuzhibu, {
      kind: 'committee',
      code: 'GT01',
      name: '中共古陶镇委员会',
      unitName: '古陶镇人民政府',
      unitType: 'organ',
      regionId: tree.gutao.id,
      phone: '13912345678',
    });
    ids.dongcheng = await org(zuzhibu, {
      kind: 'branch',
      parentId: ids.gutaoCommittee,
      name: '东城村党支部',
      unitName: '东城村',
      unitType: 'village',
      regionId: tree.dongcheng.id,
    });
    ids.school = await org(gutao, {
      kind: 'branch',
      parentId: ids.gutaoCommittee,
      name: '古陶镇中学党支部',
      unitName: '古陶镇中学',
      unitType: 'school',
      regionId: tree.gutao.id,
    });
    ids.duancun = await org(zuzhibu, {
      kind: 'committee',
      name: '中共段村镇委员会',
      unitName: '段村镇人民政府',
      unitType: 'organ',
      regionId: tree.duancun.id,
    });
    const one = await command.get(`/api/party/organisations/${ids.gutaoCommittee}`);
    expect(one.json()).toMatchObject({ kind: 'committee', phone: '139****5678', regionName: '古陶镇', code: 'GT01' });
    const child = await command.get(`/api/party/organisations/${ids.dongcheng}`);
    expect(child.json()).toMatchObject({ parentName: '中共古陶镇委员会', regionName: '东城村' });
  });

  it('lists by kind, parent and name or pinyin; the tree has every node', async () => {
    const branches = await zuzhibu.get('/api/party/organisations?kind=branch');
    expect(branches.json().items.map((o: { name: string }) => o.name)).toEqual(['东城村党支部', '古陶镇中学党支部']);
    const children = await zuzhibu.get(`/api/party/organisations?parentId=${ids.gutaoCommittee}`);
    expect(children.json().items).toHaveLength(2);
    const byPinyin = await zuzhibu.get(`/api/party/organisations?q=${encodeURIComponent('dongcheng')}`);
    expect(byPinyin.json().items.map((o: { id: string }) => o.id)).toEqual([ids.dongcheng]);
    const byUnit = await zuzhibu.get(`/api/party/organisations?q=${encodeURIComponent('中学')}`);
    expect(byUnit.json().items.map((o: { id: string }) => o.id)).toEqual([ids.school]);
    const paged = await zuzhibu.get('/api/party/organisations?limit=3');
    expect(paged.json().items).toHaveLength(3);
    const next = await zuzhibu.get(`/api/party/organisations?limit=3&cursor=${paged.json().nextCursor}`);
    expect(next.json().items).toHaveLength(1);
    const nodes = (await zuzhibu.get('/api/party/organisations/tree')).json();
    expect(nodes).toHaveLength(4);
    expect(nodes.find((n: { id: string }) => n.id === ids.school).parentId).toBe(ids.gutaoCommittee);
  });

  it('a township sees only its subtree', async () => {
    const list = await gutao.get('/api/party/organisations');
    expect(
      list
        .json()
        .items.map((o: { id: string }) => o.id)
        .sort(),
    ).toEqual([ids.gutaoCommittee, ids.dongcheng, ids.school].sort());
    expect((await gutao.get(`/api/party/organisations/${ids.duancun}`)).statusCode).toBe(404);
    expect((await gutao.get('/api/party/organisations/tree')).json()).toHaveLength(3);
    const before = await snapshot();
    const res = await gutao.patch(`/api/party/organisations/${ids.duancun}`, { name: '改名' });
    expect(res.json().error.code).toBe('PARTY_ORG_NOT_FOUND');
    expect(await snapshot()).toBe(before);
  });

  it('refuses a branch as a parent, a cycle, a taken code, a region outside — changing nothing', async () => {
    const before = await snapshot();
    const base = { kind: 'branch', name: '某支部', unitName: '某单位', unitType: 'other', regionId: tree.gutao.id };
    const underBranch = await zuzhibu.post('/api/party/organisations', { ...base, parentId: ids.dongcheng });
    expect(underBranch.statusCode).toBe(400);
    expect(underBranch.json().error).toMatchObject({ code: 'PARTY_ORG_PARENT_INVALID', details: { reason: 'branch' } });
    const sub = await zuzhibu.post('/api/party/organisations', { ...base, kind: 'general_branch', code: 'GT01' });
    expect(sub.json().error.code).toBe('PARTY_ORG_CODE_TAKEN');
    const outside = await gutao.post('/api/party/organisations', { ...base, regionId: tree.duancun.id });
    expect(outside.statusCode).toBe(404);
    const forbidden = await grid.post('/api/party/organisations', base);
    expect(forbidden.json().error.code).toBe('FORBIDDEN');
    expect((await grid.get('/api/party/organisations')).statusCode).toBe(403);
    expect(await snapshot()).toBe(before);
    const general = await org(zuzhibu, { ...base, kind: 'general_branch', parentId: ids.gutaoCommittee });
    const cycle = await zuzhibu.patch(`/api/party/organisations/${ids.gutaoCommittee}`, { parentId: general });
    expect(cycle.json().error).toMatchObject({ code: 'PARTY_ORG_PARENT_INVALID', details: { reason: 'cycle' } });
  });

  it('reveals the phone with an audit entry', async () => {
    const res = await command.post(`/api/party/organisations/${ids.gutaoCommittee}/reveal`, { field: 'phone' });
    expect(res.json()).toEqual({ field: 'phone', value: '13912345678' });
    const audited = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', ids.gutaoCommittee!)
      .where('action', '=', 'party_org.reveal')
      .execute();
    expect(audited).toHaveLength(1);
  });
});

describe('party members', () => {
  it('registers a member as a registry person; the same ID number is the same person', async () => {
    const res = await zuzhibu.post('/api/party/members', {
      name: '张建国',
      idNumber: ZHANG,
      phone: '13800001111',
      organisationId: ids.dongcheng,
      category: 'full',
      post: '支部书记',
      joinedOn: '2005-07-01',
    });
    expect(res.statusCode, res.body).toBe(201);
    ids.zhang = res.json().id;
    expect(res.json()).toMatchObject({
      name: '张建国',
      idNumber: '1407**********' + ZHANG.slice(-4),
      phone: '138****1111',
      organisationName: '东城村党支部',
      unitName: '东城村',
      category: 'full',
      status: 'normal',
    });
    const persons = await t.db
      .selectFrom('persons')
      .select(['id', 'region_id'])
      .where('id_number', '=', ZHANG)
      .execute();
    expect(persons).toHaveLength(1);
    expect(persons[0]!.region_id).toBe(tree.dongcheng.id);
    expect(res.json().personId).toBe(persons[0]!.id);
    // a member new to the registry is not tagged as a key person (外地人员 and the like)
    const tags = await t.db.selectFrom('person_tags').select('tag').where('person_id', '=', persons[0]!.id).execute();
    expect(tags).toEqual([]);

    const again = await zuzhibu.post('/api/party/members', {
      name: '张建国',
      idNumber: ZHANG,
      organisationId: ids.school,
      category: 'full',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'PARTY_MEMBER_EXISTS', details: { memberId: ids.zhang } });

    const li = await gutao.post('/api/party/members', {
      name: '李秀英',
      idNumber: LI,
      organisationId: ids.school,
      category: 'probationary',
    });
    expect(li.statusCode, li.body).toBe(201);
    ids.li = li.json().id;
    const wang = await zuzhibu.post('/api/party/members', {
      name: '王强',
      idNumber: WANG,
      organisationId: ids.duancun,
      category: 'full',
    });
    ids.wang = wang.json().id;
    const committee = await zuzhibu.get(`/api/party/organisations/${ids.dongcheng}`);
    expect(committee.json()).toMatchObject({ fullMembers: 1, probationaryMembers: 0 });
  });

  it('refuses a bad ID number, another name for a registered number, an organisation outside', async () => {
    const before = await snapshot();
    const bad = await zuzhibu.post('/api/party/members', {
      name: '赵某',
      idNumber: ZHANG.slice(0, 17) + (ZHANG.endsWith('1') ? '2' : '1'),
      organisationId: ids.dongcheng,
      category: 'full',
    });
    expect(bad.json().error.code).toBe('ID_NUMBER_INVALID');
    const otherName = await zuzhibu.post('/api/party/members', {
      name: '张三',
      idNumber: LI,
      organisationId: ids.dongcheng,
      category: 'full',
    });
    expect(otherName.json().error.code).toBe('ID_NUMBER_NAME_MISMATCH');
    const outside = await gutao.post('/api/party/members', {
      name: '孙某',
      idNumber: idNumber('14072819950505005'),
      organisationId: ids.duancun,
      category: 'full',
    });
    expect(outside.json().error.code).toBe('PARTY_ORG_NOT_FOUND');
    expect(await snapshot()).toBe(before);
  });

  it('lists scoped to the branch region, with filters and search', async () => {
    const all = await command.get('/api/party/members');
    expect(all.json().items).toHaveLength(3);
    const mine = await gutao.get('/api/party/members');
    expect(
      mine
        .json()
        .items.map((m: { id: string }) => m.id)
        .sort(),
    ).toEqual([ids.zhang, ids.li].sort());
    expect((await gutao.get(`/api/party/members/${ids.wang}`)).statusCode).toBe(404);
    const probationary = await command.get('/api/party/members?category=probationary');
    expect(probationary.json().items.map((m: { id: string }) => m.id)).toEqual([ids.li]);
    const byOrg = await command.get(`/api/party/members?organisationId=${ids.duancun}`);
    expect(byOrg.json().items.map((m: { id: string }) => m.id)).toEqual([ids.wang]);
    const byUnit = await command.get(`/api/party/members?unit=${encodeURIComponent('中学')}`);
    expect(byUnit.json().items.map((m: { id: string }) => m.id)).toEqual([ids.li]);
    const byPinyin = await command.get('/api/party/members?q=zjg');
    expect(byPinyin.json().items.map((m: { id: string }) => m.id)).toEqual([ids.zhang]);
    const byDigits = await command.get(`/api/party/members?q=${ZHANG.slice(-4)}`);
    expect(byDigits.json().items.map((m: { id: string }) => m.id)).toEqual([ids.zhang]);
  });

  it('reveals an ID number or phone only with an audit entry', async () => {
    const id = await command.post(`/api/party/members/${ids.zhang}/reveal`, { field: 'idNumber' });
    expect(id.json()).toEqual({ field: 'idNumber', value: ZHANG });
    const phone = await command.post(`/api/party/members/${ids.zhang}/reveal`, { field: 'phone' });
    expect(phone.json()).toEqual({ field: 'phone', value: '13800001111' });
    const audited = await t.db
      .selectFrom('audit_log')
      .select('details')
      .where('entity_id', '=', ids.zhang!)
      .where('action', '=', 'party_member.reveal')
      .execute();
    expect(audited).toHaveLength(2);
    expect((await gutao.post(`/api/party/members/${ids.wang}/reveal`, { field: 'phone' })).statusCode).toBe(404);
  });

  it('moves a member to another branch (their jurisdiction follows), removes and restores them', async () => {
    const moved = await zuzhibu.patch(`/api/party/members/${ids.wang}`, {
      organisationId: ids.school,
      post: '组织委员',
    });
    expect(moved.json()).toMatchObject({ organisationName: '古陶镇中学党支部', post: '组织委员' });
    expect((await gutao.get(`/api/party/members/${ids.wang}`)).statusCode).toBe(200);

    expect((await gutao.delete(`/api/party/members/${ids.wang}`)).statusCode).toBe(204);
    expect((await gutao.get(`/api/party/members/${ids.wang}`)).statusCode).toBe(404);
    const removed = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', ids.wang!)
      .where('action', '=', 'party_member.remove')
      .execute();
    expect(removed).toHaveLength(1);
    const back = await zuzhibu.post('/api/party/members', {
      name: '王强',
      idNumber: WANG,
      organisationId: ids.duancun,
      category: 'probationary',
    });
    expect(back.statusCode, back.body).toBe(201);
    expect(back.json()).toMatchObject({ id: ids.wang, organisationName: '中共段村镇委员会', category: 'probationary' });
    expect(await t.db.selectFrom('party_members').select('id').execute()).toHaveLength(3);
  });

  it('a region change of an organisation moves its members with it', async () => {
    await zuzhibu.patch(`/api/party/organisations/${ids.school}`, { regionId: tree.duancun.id });
    const li = await t.db
      .selectFrom('party_members')
      .select('region_path')
      .where('id', '=', ids.li!)
      .executeTakeFirst();
    expect(li!.region_path).toBe(tree.duancun.path);
    expect((await gutao.get(`/api/party/members/${ids.li}`)).statusCode).toBe(404);
  });
});
