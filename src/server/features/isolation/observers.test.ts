import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';
import { expectAll } from '../../testing/expect-all';

let t: TestApp;
let admin: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
const id = (first17: string) => first17 + idCardCheckChar(first17);
const users = {} as Record<'cadre' | 'gridWorker' | 'doctor' | 'township', string>;
const persons = {} as Record<'east' | 'west' | 'duan', string>;
let adminId: string;

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  t.clock.set(new Date('2020-01-25T09:00:00+08:00'));
  admin = await t.login('admin', ADMIN_PASSWORD);
  adminId = (await t.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow()).id;
  // 东城村: a village cadre answers (包保) for the first grid; 西城村: a village doctor; 段村: nobody
  users.cadre = (await makeUser(t.db, t.clock, 'cadre', 'grid', tree.dongcheng)).id;
  users.gridWorker = (await makeUser(t.db, t.clock, 'gridworker', 'grid', tree.gridA)).id;
  users.doctor = (await makeUser(t.db, t.clock, 'doctor', 'observer', tree.xicheng)).id;
  users.township = (await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao)).id;
  const assigned = await admin.post('/api/responsibilities', {
    regionId: tree.gridA.id,
    personName: '张包保',
    post: '村干部',
    userId: users.cadre,
  });
  expect(assigned.statusCode, assigned.body).toBe(201);
  const person = async (name: string, first17: string, regionId: string) =>
    (await admin.post('/api/persons', { name, idNumber: id(first17), regionId, confirmNotDuplicate: true })).json()
      .person.id as string;
  persons.east = await person('东返乡', '14072819900101011', tree.buildingA.id);
  persons.west = await person('西返乡', '14072819900101012', tree.buildingB.id);
  persons.duan = await person('段返乡', '14072819900101013', tree.duancunVillage.id);
});
afterAll(async () => t.close());

const episodeOf = async (personId: string) =>
  await t.db
    .selectFrom('isolation_episodes')
    .select(['id', 'observer_id'])
    .where('person_id', '=', personId)
    .where('status', '=', 'active')
    .executeTakeFirstOrThrow();

describe('every active episode has an observer', () => {
  it('the bulk form is told who will observe each person', async () => {
    const res = await admin.post('/api/isolation/default-observers', {
      personIds: [persons.east, persons.west, persons.duan],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toEqual([
      { personId: persons.east, observerId: users.cadre, observerName: 'cadre', basis: 'responsibility' },
      { personId: persons.west, observerId: users.doctor, observerName: 'doctor', basis: 'village_doctor' },
      { personId: persons.duan, observerId: adminId, observerName: expect.any(String), basis: 'self' },
    ]);
  });

  it('isolating in bulk without naming an observer gives each the one who answers for their grid or village, else the actor', async () => {
    const res = await admin.post('/api/isolation/episodes/bulk', {
      personIds: [persons.east, persons.west, persons.duan],
      kind: 'home',
      reason: 'hubei_returnee',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().created).toHaveLength(3);
    expect((await episodeOf(persons.east)).observer_id).toBe(users.cadre);
    expect((await episodeOf(persons.west)).observer_id).toBe(users.doctor);
    expect((await episodeOf(persons.duan)).observer_id).toBe(adminId);
    const today = (await (await t.login('cadre', PASSWORD)).get('/api/isolation/today')).json().items;
    expect(today.map((i: { episode: { personId: string } }) => i.episode.personId)).toEqual([persons.east]);
    const slots = await t.db
      .selectFrom('follow_up_slots')
      .select('observer_id')
      .where('episode_id', '=', (await episodeOf(persons.east)).id)
      .execute();
    expect(slots.length).toBeGreaterThan(0);
    expectAll(slots, (s) => s.observer_id === users.cadre);
  });

  it('episodes left without an observer are listed for the township and given observers in one action', async () => {
    // episodes from before the rule: nobody observes them
    const east = await episodeOf(persons.east);
    const west = await episodeOf(persons.west);
    await t.db
      .updateTable('isolation_episodes')
      .set({ observer_id: null })
      .where('id', 'in', [east.id, west.id])
      .execute();
    await t.db
      .updateTable('follow_up_slots')
      .set({ observer_id: null })
      .where('episode_id', 'in', [east.id, west.id])
      .execute();
    const township = await t.login('gutao', PASSWORD);
    const listed = (await township.get('/api/isolation/episodes?unobserved=true'))
      .json()
      .items.map((e: { id: string }) => e.id);
    expect(listed.sort()).toEqual([east.id, west.id].sort());

    // the cadre of 东城村 cannot observe someone in 西城村: that one is skipped, the other changed
    const named = await township.post('/api/isolation/episodes/observer', {
      episodeIds: [east.id, west.id],
      observerId: users.gridWorker,
    });
    expect(named.statusCode, named.body).toBe(200);
    expect(named.json().changed).toEqual([
      { episodeId: east.id, observerId: users.gridWorker, observerName: 'gridworker' },
    ]);
    expect(named.json().skipped).toEqual([
      { episodeId: west.id, code: 'OBSERVER_INVALID', message: expect.any(String) },
    ]);

    const byDefault = await township.post('/api/isolation/episodes/observer', { episodeIds: [west.id] });
    expect(byDefault.json().changed).toEqual([
      { episodeId: west.id, observerId: users.doctor, observerName: 'doctor' },
    ]);
    expect((await township.get('/api/isolation/episodes?unobserved=true')).json().items).toEqual([]);
    const pending = await t.db
      .selectFrom('follow_up_slots')
      .select('observer_id')
      .where('episode_id', '=', west.id)
      .where('status', '=', 'pending')
      .execute();
    expect(pending.length).toBeGreaterThan(0);
    expectAll(pending, (s) => s.observer_id === users.doctor);
  });

  it('refuses a list naming an episode outside the jurisdiction, and an observer cannot be removed', async () => {
    const duan = await episodeOf(persons.duan);
    const township = await t.login('gutao', PASSWORD);
    const res = await township.post('/api/isolation/episodes/observer', { episodeIds: [duan.id] });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('EPISODE_NOT_FOUND');
    expect((await episodeOf(persons.duan)).observer_id).toBe(adminId);
    expect((await admin.patch(`/api/isolation/episodes/${duan.id}`, { observerId: null })).statusCode).toBe(400);
  });
});
