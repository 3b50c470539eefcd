import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';

/**
 * 党员突击队 through the API: the organisation department sets up a commando team based in 古陶镇
 * with its leader, adds members picked from the registry or typed by ID number, gives them skills,
 * reveals a phone (audited), makes another member leader, takes one off and finally disbands it.
 * 段村镇's cadre sees none of it; a grid worker may not touch teams; bad input changes nothing.
 */
let t: TestApp;
let admin: Client;
let org: Client;
let gutao: Client;
let duancun: Client;
let grid: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
const id = (first17: string) => first17 + idCardCheckChar(first17);
const persons: Record<string, string> = {};
const state: Record<string, string> = {};

async function snapshot() {
  const teams = await t.db.selectFrom('callout_teams').selectAll().orderBy('id').execute();
  const members = await t.db.selectFrom('callout_team_members').selectAll().orderBy('id').execute();
  const people = await t.db.selectFrom('persons').select('id').orderBy('id').execute();
  return JSON.stringify([teams, members, people]);
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
  for (const [name, first17, phone] of [
    ['张志强', '14072819800101001', '13912340001'],
    ['李红梅', '14072819850202002', '13912340002'],
    ['王建国', '14072819900303003', '13912340003'],
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
});
afterAll(async () => t.close());

describe('commando teams', () => {
  it('sets up a team with its leader picked from the registry; phones are masked; all audited', async () => {
    const res = await org.post('/api/callouts/teams', {
      name: '古陶镇党员突击队',
      kind: 'commando',
      regionId: tree.gutao.id,
      skills: ['driver', 'disinfection', 'driver'],
      leader: { personId: persons['张志强'] },
    });
    expect(res.statusCode, res.body).toBe(201);
    state.team = res.json().id;
    expect(res.json()).toMatchObject({
      kind: 'commando',
      regionName: '古陶镇',
      skills: ['driver', 'disinfection'],
      leaderName: '张志强',
      members: 1,
    });
    const detail = (await gutao.get(`/api/callouts/teams/${state.team}`)).json();
    expect(detail.members).toEqual([
      expect.objectContaining({
        name: '张志强',
        role: 'leader',
        phone: '139****0001',
        idNumber: expect.stringMatching(/\*/),
      }),
    ]);
    const actions = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', state.team!).execute();
    expect(actions.map((a) => a.action)).toEqual(['team.create', 'team.member_add']);
  });

  it('adds members by pick or by ID number (one ID number, one person; an unknown one is registered unverified)', async () => {
    const byPick = await gutao.post(`/api/callouts/teams/${state.team}/members`, {
      person: { personId: persons['李红梅'] },
      skills: ['medical'],
    });
    expect(byPick.statusCode, byPick.body).toBe(201);
    expect(byPick.json()).toMatchObject({ role: 'member', skills: ['medical'], name: '李红梅' });
    state.li = byPick.json().id;

    const byNumber = await gutao.post(`/api/callouts/teams/${state.team}/members`, {
      person: { idNumber: id('14072819900303003'), name: '王建国' },
      skills: ['driver'],
    });
    expect(byNumber.statusCode, byNumber.body).toBe(201);
    expect(byNumber.json().personId).toBe(persons['王建国']);
    state.wang = byNumber.json().id;

    const fresh = await gutao.post(`/api/callouts/teams/${state.team}/members`, {
      person: { idNumber: id('14072819950505005'), name: '赵新人', phone: '13912340005' },
    });
    expect(fresh.statusCode, fresh.body).toBe(201);
    const tags = await t.db
      .selectFrom('person_tags')
      .select('tag')
      .where('person_id', '=', fresh.json().personId)
      .execute();
    // a cadre registering a team member they know: no checkpoint tag, not a key person
    expect(tags).toEqual([]);
    state.zhao = fresh.json().id;
  });

  it('refuses a second membership, a number under another name, a bad number and an out-of-scope person, changing nothing', async () => {
    const before = await snapshot();
    const twice = await gutao.post(`/api/callouts/teams/${state.team}/members`, {
      person: { personId: persons['李红梅'] },
    });
    expect(twice.json().error.code).toBe('TEAM_MEMBER_EXISTS');
    const wrongName = await gutao.post(`/api/callouts/teams/${state.team}/members`, {
      person: { idNumber: id('14072819800101001'), name: '张冒名' },
    });
    expect(wrongName.statusCode).toBe(409);
    expect(wrongName.json().error.code).toBe('ID_NUMBER_NAME_MISMATCH');
    const bad = await gutao.post(`/api/callouts/teams/${state.team}/members`, {
      person: { idNumber: '140728198001010010', name: '张志强' },
    });
    expect(bad.json().error.code).toBe('ID_NUMBER_INVALID');
    const badSkill = await gutao.post(`/api/callouts/teams/${state.team}/members`, {
      person: { personId: persons['张志强'] },
      skills: ['pilot'],
    });
    expect(badSkill.json().error.code).toBe('VALIDATION');
    const duancunTeam = await duancun.post('/api/callouts/teams', {
      name: '段村镇应急小组',
      kind: 'emergency',
      regionId: tree.duancun.id,
    });
    expect(duancunTeam.statusCode).toBe(201);
    state.duancunTeam = duancunTeam.json().id;
    const after = await snapshot();
    const outOfScope = await duancun.post(`/api/callouts/teams/${state.duancunTeam}/members`, {
      person: { personId: persons['李红梅'] },
    });
    expect(outOfScope.json().error.code).toBe('PERSON_NOT_FOUND');
    expect(await snapshot()).toBe(after);
    expect(after).not.toBe(before);
  });

  it('keeps teams to the jurisdiction and to the four roles', async () => {
    const list = (await duancun.get('/api/callouts/teams')).json();
    expect(list.items.map((x: { name: string }) => x.name)).toEqual(['段村镇应急小组']);
    expect((await duancun.get(`/api/callouts/teams/${state.team}`)).json().error.code).toBe('TEAM_NOT_FOUND');
    expect((await duancun.patch(`/api/callouts/teams/${state.team}`, { name: 'x' })).statusCode).toBe(404);
    expect((await grid.get('/api/callouts/teams')).statusCode).toBe(403);
    expect(
      (await grid.post('/api/callouts/teams', { name: 'x', kind: 'volunteer', regionId: tree.gridA.id })).statusCode,
    ).toBe(403);
    expect(
      (await gutao.post('/api/callouts/teams', { name: 'x', kind: 'volunteer', regionId: tree.duancun.id })).json()
        .error.code,
    ).toBe('REGION_NOT_FOUND');
    const countyWide = (await org.get('/api/callouts/teams')).json();
    expect(countyWide.items).toHaveLength(2);
    const filtered = (await org.get('/api/callouts/teams?kind=commando&skill=disinfection')).json();
    expect(filtered.items.map((x: { id: string }) => x.id)).toEqual([state.team]);
  });

  it('reveals a phone with an audit entry, changes roles and skills, takes a member off, disbands', async () => {
    const revealed = await gutao.post(`/api/callouts/teams/${state.team}/members/${state.li}/reveal`, {
      field: 'phone',
    });
    expect(revealed.json()).toEqual({ field: 'phone', value: '13912340002' });

    const leader = await gutao.patch(`/api/callouts/teams/${state.team}/members/${state.wang}`, {
      role: 'leader',
      skills: ['driver', 'psychological'],
    });
    expect(leader.json()).toMatchObject({ role: 'leader', skills: ['driver', 'psychological'] });
    const detail = (await gutao.get(`/api/callouts/teams/${state.team}`)).json();
    expect(detail.team.leaderName).toBe('王建国');
    expect(detail.members.filter((m: { role: string }) => m.role === 'leader')).toHaveLength(1);

    expect((await gutao.delete(`/api/callouts/teams/${state.team}/members/${state.zhao}`)).statusCode).toBe(204);
    expect((await gutao.delete(`/api/callouts/teams/${state.team}/members/${state.zhao}`)).json().error.code).toBe(
      'TEAM_MEMBER_NOT_FOUND',
    );
    const renamed = await gutao.patch(`/api/callouts/teams/${state.team}`, {
      name: '古陶镇第一突击队',
      note: '24 小时待命',
    });
    expect(renamed.json()).toMatchObject({ name: '古陶镇第一突击队', note: '24 小时待命', members: 3 });

    expect((await org.delete(`/api/callouts/teams/${state.team}`)).statusCode).toBe(204);
    expect((await gutao.get(`/api/callouts/teams/${state.team}`)).statusCode).toBe(404);
    const actions = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', state.team!).execute();
    expect(actions.map((a) => a.action)).toEqual([
      'team.create',
      'team.member_add',
      'team.member_add',
      'team.member_add',
      'team.member_add',
      'team.member_reveal',
      'team.member_change',
      'team.member_remove',
      'team.change',
      'team.disband',
    ]);
  });
});
