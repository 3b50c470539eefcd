import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';

let t: TestApp;
let admin: Client;
let observer: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
let observerId: string;
const id = (first17: string) => first17 + idCardCheckChar(first17);
const local = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);

async function at(when: Date) {
  t.clock.set(when);
  admin = await t.login('admin', ADMIN_PASSWORD);
  observer = await t.login('obs', PASSWORD);
}

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  observerId = (await makeUser(t.db, t.clock, 'obs', 'observer', tree.dongcheng)).id;
  await at(local('2020-01-25', '09:00'));
});
afterAll(async () => t.close());

describe('completing an observation', () => {
  it('is refused on the morning of the last day and accepted after its last planned follow-up', async () => {
    const p = (
      await admin.post('/api/persons', {
        name: '周满期',
        idNumber: id('14072819900303013'),
        regionId: tree.buildingA.id,
        confirmNotDuplicate: true,
      })
    ).json().person.id;
    const ep = (
      await admin.post('/api/isolation/episodes', { personId: p, kind: 'home', reason: 'hubei_returnee', observerId })
    ).json();
    expect(ep.plannedEndDay).toBe('2020-02-07');
    const slots = (await admin.get(`/api/isolation/episodes/${ep.id}`)).json().slots as {
      id: string;
      day: string;
      seq: number;
    }[];
    const slot = (day: string, seq: number) => slots.find((s) => s.day === day && s.seq === seq)!.id;
    const fill = async (day: string, seq: number) => {
      const res = await observer.post(`/api/isolation/slots/${slot(day, seq)}`, {
        temperature: 36.5,
        condition: 'well',
      });
      expect(res.statusCode, res.body).toBe(200);
    };
    await at(local('2020-02-06', '18:00'));
    await fill('2020-02-06', 2);
    await at(local('2020-02-07', '08:00'));
    await fill('2020-02-07', 1);
    // about 13.5 days observed: the evening follow-up of day 14 is still to come
    const early = await admin.post(`/api/isolation/episodes/${ep.id}/end`, { status: 'completed' });
    expect(early.statusCode, early.body).toBe(409);
    expect(early.json().error.code).toBe('NOT_YET_DUE');
    const evening = (await admin.get(`/api/isolation/episodes/${ep.id}`))
      .json()
      .slots.find((s: { day: string; seq: number }) => s.day === '2020-02-07' && s.seq === 2);
    expect(evening.status).toBe('pending');
    await at(local('2020-02-07', '17:30'));
    await fill('2020-02-07', 2);
    const done = await admin.post(`/api/isolation/episodes/${ep.id}/end`, { status: 'completed' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'completed', certificateSerial: 'QF-20200207-0001' });
  });
});
