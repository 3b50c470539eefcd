import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';

let t: TestApp;
let admin: Client;
let doctor: Client;
let otherDoctor: Client;
let duancunCadre: Client;
let gutaoCadre: Client;
const episodes = {} as Record<'mine' | 'others' | 'noPhone' | 'duancun', string>;
const persons = {} as Record<'mine', string>;
const id = (first17: string) => first17 + idCardCheckChar(first17);

beforeAll(async () => {
  t = await testApp();
  const tree = await makeTree(t.db, t.clock);
  t.clock.set(new Date('2020-01-25T09:00:00+08:00'));
  admin = await t.login('admin', ADMIN_PASSWORD);
  const doctorId = (await makeUser(t.db, t.clock, 'doctor', 'observer', tree.gutao)).id;
  const otherId = (await makeUser(t.db, t.clock, 'doctor2', 'observer', tree.gutao)).id;
  const duancunDoctorId = (await makeUser(t.db, t.clock, 'doctor3', 'observer', tree.duancun)).id;
  await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'duancun', 'township', tree.duancun);
  doctor = await t.login('doctor', PASSWORD);
  otherDoctor = await t.login('doctor2', PASSWORD);
  gutaoCadre = await t.login('gutao', PASSWORD);
  duancunCadre = await t.login('duancun', PASSWORD);

  const isolate = async (name: string, first17: string, regionId: string, observerId: string, phone?: string) => {
    const person = (
      await admin.post('/api/persons', {
        name,
        idNumber: id(first17),
        regionId,
        confirmNotDuplicate: true,
        ...(phone ? { phone } : {}),
      })
    ).json().person.id as string;
    const res = await admin.post('/api/isolation/episodes', {
      personId: person,
      kind: 'home',
      reason: 'hubei_returnee',
      observerId,
    });
    expect(res.statusCode, res.body).toBe(201);
    return { person, episode: res.json().id as string };
  };
  const mine = await isolate('王随访', '14072819900101021', tree.buildingA.id, doctorId, '13712346434');
  persons.mine = mine.person;
  episodes.mine = mine.episode;
  episodes.others = (await isolate('李随访', '14072819900101022', tree.buildingB.id, otherId, '13800001111')).episode;
  episodes.noPhone = (await isolate('赵无电话', '14072819900101023', tree.buildingA.id, doctorId)).episode;
  episodes.duancun = (
    await isolate('段随访', '14072819900101024', tree.duancunVillage.id, duancunDoctorId, '13900002222')
  ).episode;
});
afterAll(async () => t.close());

const revealsOf = async (personId: string) =>
  t.db
    .selectFrom('audit_log')
    .select(['actor_name', 'action', 'details'])
    .where('entity_id', '=', personId)
    .where('action', '=', 'person.reveal')
    .execute();

describe('an observer calls the people they observe (issue 18)', () => {
  it("today's list shows the number masked; the call gives the full number and is audited as a reveal for 随访", async () => {
    const today = (await doctor.get('/api/isolation/today')).json().items;
    const item = today.find((i: { episode: { id: string } }) => i.episode.id === episodes.mine);
    expect(item.episode.phone).toBe('137****6434');
    expect(await revealsOf(persons.mine)).toHaveLength(0);

    const res = await doctor.post(`/api/isolation/episodes/${episodes.mine}/call`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ phone: '13712346434' });
    expect(res.headers['cache-control']).toBe('no-store');
    const audited = await revealsOf(persons.mine);
    expect(audited).toHaveLength(1);
    expect(audited[0]!.actor_name).toBe('doctor');
    const details = typeof audited[0]!.details === 'string' ? JSON.parse(audited[0]!.details) : audited[0]!.details;
    expect(details).toEqual({ field: 'phone', purpose: '随访', episodeId: episodes.mine });
  });

  it("another observer's episode reads as not found, even in the same township, and nothing is audited", async () => {
    const before = (await t.db.selectFrom('audit_log').select('id').where('action', '=', 'person.reveal').execute())
      .length;
    const res = await doctor.post(`/api/isolation/episodes/${episodes.others}/call`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('EPISODE_NOT_FOUND');
    expect((await otherDoctor.post(`/api/isolation/episodes/${episodes.mine}/call`)).statusCode).toBe(404);
    const after = (await t.db.selectFrom('audit_log').select('id').where('action', '=', 'person.reveal').execute())
      .length;
    expect(after).toBe(before);
  });

  it('a township cadre calls within their township only; another township reads as not found', async () => {
    expect((await gutaoCadre.post(`/api/isolation/episodes/${episodes.others}/call`)).json()).toEqual({
      phone: '13800001111',
    });
    const out = await gutaoCadre.post(`/api/isolation/episodes/${episodes.duancun}/call`);
    expect(out.statusCode).toBe(404);
    expect(out.json().error.code).toBe('EPISODE_NOT_FOUND');
    expect((await duancunCadre.post(`/api/isolation/episodes/${episodes.mine}/call`)).statusCode).toBe(404);
    expect((await duancunCadre.post(`/api/isolation/episodes/${episodes.duancun}/call`)).statusCode).toBe(200);
  });

  it('a person without a number says so; a stranger gets 401 and a bad id 400', async () => {
    const none = await doctor.post(`/api/isolation/episodes/${episodes.noPhone}/call`);
    expect(none.statusCode).toBe(404);
    expect(none.json().error.code).toBe('PHONE_NOT_RECORDED');
    expect((await t.anonymous.post(`/api/isolation/episodes/${episodes.mine}/call`)).statusCode).toBe(401);
    expect((await doctor.post('/api/isolation/episodes/not-a-uuid/call')).statusCode).toBe(400);
  });
});
