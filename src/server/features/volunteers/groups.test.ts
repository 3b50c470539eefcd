import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';
import { scopeOf } from '../../access/scope';
import { findGroupInScope, volunteerFigures } from './index';

/**
 * Groups of 3–5 under a leader through the API: 古陶镇's cadre forms a group in 东城村 with two
 * volunteers (forming), cannot activate it until it has three and a leader among them, cannot
 * push it past five or take an active group below three, cannot put a volunteer in two groups;
 * a volunteer who leaves takes the group back to forming; disbanding frees the members. 段村镇
 * sees none of it. The township figures count them.
 */
let t: TestApp;
let admin: Client;
let gutao: Client;
let duancun: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
const id = (first17: string) => first17 + idCardCheckChar(first17);
const v: string[] = [];
const state: Record<string, string> = {};
const healthy = { feverOrCough14Days: false, caseContact: false, riskAreaTravel: false };

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'duancun', 'township', tree.duancun);
  admin = await t.login('admin', ADMIN_PASSWORD);
  [gutao, duancun] = (await Promise.all(['gutao', 'duancun'].map((u) => t.login(u, PASSWORD)))) as [Client, Client];
  const names = ['一号', '二号', '三号', '四号', '五号', '六号', '七号'];
  for (const [i, n] of names.entries()) {
    const res = await gutao.post('/api/volunteers', {
      name: `志愿者${n}`,
      idNumber: id(`1407281990010110${i}`),
      phone: `1391234570${i}`,
      regionId: tree.dongcheng.id,
      skills: i % 2 ? ['driver'] : ['disinfection', 'medical'],
      healthDeclaration: healthy,
      approve: i !== 6,
    });
    expect(res.statusCode, res.body).toBe(201);
    v.push(res.json().id);
  }
});
afterAll(async () => t.close());

describe('volunteer groups', () => {
  it('forms a group with two members; activation needs three and a leader', async () => {
    const res = await gutao.post('/api/volunteer-groups', {
      name: '东城村宣传一组',
      regionId: tree.dongcheng.id,
      memberIds: [v[0], v[1]],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ status: 'forming', size: 2, leaderName: null, regionName: '东城村' });
    state.g = res.json().id;
    const small = await gutao.post(`/api/volunteer-groups/${state.g}/activate`);
    expect(small.statusCode).toBe(409);
    expect(small.json().error.code).toBe('VOLUNTEER_GROUP_SIZE');
    const added = await gutao.post(`/api/volunteer-groups/${state.g}/members`, { volunteerIds: [v[2]] });
    expect(added.json().size).toBe(3);
    const noLeader = await gutao.post(`/api/volunteer-groups/${state.g}/activate`);
    expect(noLeader.json().error.code).toBe('VOLUNTEER_GROUP_LEADER');
    const outsider = await gutao.patch(`/api/volunteer-groups/${state.g}`, { leaderId: v[4] });
    expect(outsider.json().error.code).toBe('VOLUNTEER_GROUP_LEADER');
    const led = await gutao.patch(`/api/volunteer-groups/${state.g}`, { leaderId: v[0] });
    expect(led.json()).toMatchObject({ leaderName: '志愿者一号' });
    expect(led.json().members[0]).toMatchObject({ leader: true, name: '志愿者一号', phone: '139****5700' });
    const on = await gutao.post(`/api/volunteer-groups/${state.g}/activate`);
    expect(on.statusCode, on.body).toBe(200);
    expect(on.json().status).toBe('active');
  });

  it('never more than five; never below three while active; the leader stays until replaced', async () => {
    const five = await gutao.post(`/api/volunteer-groups/${state.g}/members`, { volunteerIds: [v[3], v[4]] });
    expect(five.json().size).toBe(5);
    const six = await gutao.post(`/api/volunteer-groups/${state.g}/members`, { volunteerIds: [v[5]] });
    expect(six.statusCode).toBe(409);
    expect(six.json().error.code).toBe('VOLUNTEER_GROUP_SIZE');
    const leader = await gutao.delete(`/api/volunteer-groups/${state.g}/members/${v[0]}`);
    expect(leader.json().error.code).toBe('VOLUNTEER_GROUP_LEADER');
    expect((await gutao.delete(`/api/volunteer-groups/${state.g}/members/${v[4]}`)).json().size).toBe(4);
    expect((await gutao.delete(`/api/volunteer-groups/${state.g}/members/${v[3]}`)).json().size).toBe(3);
    const two = await gutao.delete(`/api/volunteer-groups/${state.g}/members/${v[2]}`);
    expect(two.statusCode).toBe(409);
    expect(two.json().error.code).toBe('VOLUNTEER_GROUP_SIZE');
    const group = await findGroupInScope(t.db, scopeOf({ regionPath: tree.gutao.path }), state.g!);
    expect(group?.memberPersonIds).toHaveLength(3);
    expect(group?.memberPersonIds[0]).toBe(group?.leader_person_id);
  });

  it('a volunteer is in one group at a time; the list filters by group', async () => {
    const other = await gutao.post('/api/volunteer-groups', {
      name: '东城村消杀组',
      regionId: tree.dongcheng.id,
      memberIds: [v[2], v[5]],
    });
    expect(other.statusCode).toBe(409);
    expect(other.json().error).toMatchObject({ code: 'VOLUNTEER_IN_GROUP', details: { volunteerId: v[2] } });
    const ok = await gutao.post('/api/volunteer-groups', {
      name: '东城村消杀组',
      regionId: tree.dongcheng.id,
      memberIds: [v[3], v[5]],
      leaderId: v[5],
    });
    expect(ok.statusCode, ok.body).toBe(201);
    state.g2 = ok.json().id;
    const members = (await gutao.get(`/api/volunteers?groupId=${state.g}`)).json().items;
    expect(members.map((m: { groupName: string }) => m.groupName)).toEqual([
      '东城村宣传一组',
      '东城村宣传一组',
      '东城村宣传一组',
    ]);
    const free = (await gutao.get('/api/volunteers?ungrouped=true')).json().items;
    expect(free.map((m: { id: string }) => m.id).sort()).toEqual([v[4], v[6]].sort());
  });

  it('a volunteer who leaves takes the active group back to forming', async () => {
    const res = await gutao.post(`/api/volunteers/${v[2]}/status`, { action: 'leave', reason: '外出务工' });
    expect(res.json()).toMatchObject({ status: 'left', groupId: null });
    const g = (await gutao.get(`/api/volunteer-groups/${state.g}`)).json();
    expect(g).toMatchObject({ status: 'forming', size: 2 });
    const join = await gutao.post(`/api/volunteer-groups/${state.g}/members`, { volunteerIds: [v[2]] });
    expect(join.json().error.code).toBe('VOLUNTEER_NOT_AVAILABLE');
  });

  it('another township sees none of it: 404', async () => {
    expect((await duancun.get('/api/volunteer-groups')).json().items).toEqual([]);
    for (const res of [
      await duancun.get(`/api/volunteer-groups/${state.g}`),
      await duancun.patch(`/api/volunteer-groups/${state.g}`, { name: 'x' }),
      await duancun.post(`/api/volunteer-groups/${state.g}/activate`),
      await duancun.delete(`/api/volunteer-groups/${state.g}`),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('VOLUNTEER_GROUP_NOT_FOUND');
    }
    const steal = await duancun.post('/api/volunteer-groups', {
      name: '段村组',
      regionId: tree.duancunVillage.id,
      memberIds: [v[4]],
    });
    expect(steal.statusCode).toBe(404);
    expect(steal.json().error.code).toBe('VOLUNTEER_NOT_FOUND');
    expect(await findGroupInScope(t.db, scopeOf({ regionPath: tree.duancun.path }), state.g!)).toBeUndefined();
  });

  it('figures per township: registered, active, pending, groups, by skill', async () => {
    const rows = await volunteerFigures(t.db, scopeOf({ regionPath: '/' }));
    expect(rows.map((r) => r.townshipName)).toEqual(['古陶镇', '段村镇']);
    expect(rows[0]).toMatchObject({
      townshipPath: tree.gutao.path,
      registered: 6,
      active: 5,
      pending: 1,
      groups: 2,
      activeGroups: 0,
      bySkill: { driver: 3, disinfection: 2, medical: 2, interpreter: 0, psychological: 0 },
    });
    expect(rows[1]).toMatchObject({ registered: 0, groups: 0 });
    const own = await volunteerFigures(t.db, scopeOf({ regionPath: tree.duancun.path }));
    expect(own.map((r) => r.townshipName)).toEqual(['段村镇']);
  });

  it('two additions to a group of four at the same moment: one gets the fifth place', async () => {
    const extra = [];
    for (const i of [7, 8]) {
      const res = await gutao.post('/api/volunteers', {
        name: `志愿者加${i}`,
        idNumber: id(`1407281990010110${i}`),
        phone: `1391234570${i}`,
        regionId: tree.dongcheng.id,
        healthDeclaration: healthy,
        approve: true,
      });
      extra.push(res.json().id);
    }
    const four = await gutao.post('/api/volunteer-groups', {
      name: '东城村劝导组',
      regionId: tree.dongcheng.id,
      memberIds: [v[4], v[6]],
    });
    expect(four.statusCode, four.body).toBe(201);
    const g = four.json().id;
    const both = await Promise.all(
      extra.map((x) => gutao.post(`/api/volunteer-groups/${g}/members`, { volunteerIds: [x] })),
    );
    expect(both.map((r) => r.statusCode)).toEqual([200, 200]);
    expect((await gutao.get(`/api/volunteer-groups/${g}`)).json().size).toBe(4);
    const more = [];
    for (const i of [0, 1]) {
      const res = await gutao.post('/api/volunteers', {
        name: `志愿者再${i}`,
        idNumber: id(`1407281990010120${i}`),
        phone: `1391234580${i}`,
        regionId: tree.dongcheng.id,
        healthDeclaration: healthy,
        approve: true,
      });
      more.push(res.json().id);
    }
    const race = await Promise.all(
      more.map((x) => gutao.post(`/api/volunteer-groups/${g}/members`, { volunteerIds: [x] })),
    );
    expect(race.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    expect((await gutao.get(`/api/volunteer-groups/${g}`)).json().size).toBe(5);
  });

  it('disbanding frees the members', async () => {
    const res = await gutao.delete(`/api/volunteer-groups/${state.g2}`);
    expect(res.statusCode).toBe(204);
    expect((await gutao.get(`/api/volunteer-groups/${state.g2}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/volunteers/${v[5]}`)).json().groupId).toBeNull();
  });
});
