import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';

/**
 * A bus where some passengers gave only a name and a phone, and one only a name: tracing must
 * still reach every one of them — as contact candidates, on the seek notice's found list, and
 * when they answer the notice themselves.
 */
let t: TestApp;
let admin: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
const id = (first17: string) => first17 + idCardCheckChar(first17);
const CASE_ID = id('14072819800101201');
const WITH_ID = { name: '钱有证', idNumber: id('14072819850101202') };
const PHONE_ONLY = [
  { name: '孙手机', phone: '13911112001' },
  { name: '李手机', phone: '13911112002' },
  { name: '周手机', phone: '13911112003' },
];
const NAME_ONLY = { name: '吴无号' };
const state: Record<string, string> = {};

async function passage(siteId: string, at: string, occupants: Record<string, unknown>[]) {
  const res = await admin.post('/api/checkpoints/passages', {
    id: randomUUID(),
    siteId,
    at,
    direction: 'in',
    plate: '晋C60695',
    vehicleType: 'bus',
    decision: 'pass',
    occupants: occupants.map((o) => ({ ...o, temperature: 36.5 })),
  });
  expect(res.statusCode, res.body).toBe(201);
}

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  t.clock.set('2020-01-20T15:00:00Z');
  admin = await t.login('admin', ADMIN_PASSWORD);
  // 周手机 was registered long before, with that phone and no ID number on record
  state.zhou = (
    await admin.post('/api/persons', { name: '周手机', phone: '13911112003', regionId: tree.buildingB.id })
  ).json().person.id;
  state.casePerson = (
    await admin.post('/api/persons', { name: '赵病例', idNumber: CASE_ID, regionId: tree.buildingA.id })
  ).json().person.id;
  const siteA = (
    await admin.post('/api/checkpoints/sites', { name: '平遥高速口', kind: 'highway_exit', regionId: tree.gutao.id })
  ).json();
  const siteB = (
    await admin.post('/api/checkpoints/sites', {
      name: '古陶镇东入口',
      kind: 'village_entrance',
      regionId: tree.gutao.id,
    })
  ).json();
  const bus = [{ name: '赵病例', idNumber: CASE_ID }, WITH_ID, ...PHONE_ONLY, NAME_ONLY];
  await passage(siteA.id, '2020-01-20T12:03:00Z', bus);
  await passage(siteB.id, '2020-01-20T12:40:00Z', bus);
  t.clock.set('2020-01-25T07:55:00Z');
  admin = await t.login('admin', ADMIN_PASSWORD);
  state.case = (
    await admin.post('/api/cases', {
      personId: state.casePerson,
      classification: 'confirmed',
      onsetDate: '2020-01-23',
      reportDate: '2020-01-25',
    })
  ).json().id;
});
afterAll(async () => t.close());

describe('phone-only travellers in tracing', () => {
  it('every co-passenger is a candidate: the phone-only ones as registry persons, the name-only one unregistered with both records', async () => {
    const { items } = (await admin.get(`/api/cases/${state.case}/candidates`)).json();
    const byName = new Map<
      string,
      { personId: string | null; phone: string | null; occupants: unknown[]; reasons: unknown[] }
    >(items.map((c: { name: string }) => [c.name, c]));
    expect([...byName.keys()].sort()).toEqual([WITH_ID.name, ...PHONE_ONLY.map((p) => p.name), NAME_ONLY.name].sort());
    for (const p of PHONE_ONLY) {
      expect(byName.get(p.name)!.personId).toBeTruthy();
      expect(byName.get(p.name)!.phone).toBe(`139****${p.phone.slice(-4)}`);
      expect(byName.get(p.name)!.reasons).toHaveLength(2);
    }
    expect(byName.get('周手机')!.personId).toBe(state.zhou);
    const stranger = byName.get(NAME_ONLY.name)!;
    expect(stranger.personId).toBeNull();
    expect(stranger.occupants).toHaveLength(2);
    state.strangerRefs = JSON.stringify(stranger.occupants);
  });

  it('a seek notice finds the phone-only passengers from the data, lists the unregistered one, and a self-report by name and phone matches', async () => {
    const res = await admin.post('/api/seek-notices', {
      title: '寻找晋C60695乘客',
      body: '1月20日晚乘坐晋C60695的乘客请联系。',
      hotline: '0354-5681234',
      regionId: tree.county.id,
      kind: 'vehicle',
      plate: '晋C60695',
      windowFrom: '2020-01-20T19:00:00+08:00',
      windowTo: '2020-01-20T21:00:00+08:00',
      expected: 5,
      caseId: state.case,
    });
    expect(res.statusCode, res.body).toBe(201);
    const notice = res.json();
    state.notice = notice.id;
    expect(notice).toMatchObject({ found: 4, confirmed: 4 });
    const detail = (await admin.get(`/api/seek-notices/${notice.id}`)).json();
    expect(detail.found.map((f: { name: string }) => f.name).sort()).toEqual(
      [WITH_ID.name, ...PHONE_ONLY.map((p) => p.name)].sort(),
    );
    expect(detail.unregistered.map((u: { name: string }) => u.name)).toEqual([NAME_ONLY.name, NAME_ONLY.name]);
    await admin.post(`/api/seek-notices/${notice.id}/publish`);
    const sent = await t.anonymous.request({
      method: 'POST',
      url: `/api/public/seek-notices/${notice.slug}/reports`,
      payload: { name: '孙手机', phone: '13911112001', whereNow: '古陶镇' },
      remoteAddress: '10.1.0.1',
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const reports = (await admin.get(`/api/seek-notices/${notice.id}`)).json().reports;
    expect(reports).toHaveLength(1);
    expect(reports[0].match).toMatchObject({ name: '孙手机', by: 'phone' });
  });

  it('the name-only traveller is registered in one click, marked unverified, and both checkpoint records point at them', async () => {
    const refs = JSON.parse(state.strangerRefs!);
    const res = await admin.post('/api/tracing/register-occupant', { occupants: refs });
    expect(res.statusCode, res.body).toBe(201);
    const { personId } = res.json();
    expect((await admin.get(`/api/persons/${personId}`)).json()).toMatchObject({
      name: NAME_ONLY.name,
      tags: ['unverified_identity'],
    });
    const again = await admin.post('/api/tracing/register-occupant', { occupants: refs });
    expect(again.json().error.code).toBe('OCCUPANT_ALREADY_REGISTERED');
    const candidate = (await admin.get(`/api/cases/${state.case}/candidates`))
      .json()
      .items.find((c: { name: string }) => c.name === NAME_ONLY.name);
    expect(candidate).toMatchObject({ personId, occupants: [] });
    expect(candidate.reasons).toHaveLength(2);
    await admin.post(`/api/seek-notices/${state.notice}/refresh`);
    const detail = (await admin.get(`/api/seek-notices/${state.notice}`)).json();
    expect(detail.unregistered).toEqual([]);
    expect(detail.notice.found).toBe(5);
  });

  it('a contact added by hand as a co-passenger joins the notice’s found list', async () => {
    const hand = (
      await admin.post('/api/persons', { name: '郑补录', phone: '13911112009', regionId: tree.buildingA.id })
    ).json().person.id;
    const res = await admin.post(`/api/cases/${state.case}/contacts`, {
      accept: [{ personId: hand, exposureType: 'co_passenger', exposureDate: '2020-01-20', note: '电话核实同车' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const detail = (await admin.get(`/api/seek-notices/${state.notice}`)).json();
    expect(detail.found.find((f: { personId: string }) => f.personId === hand)).toMatchObject({
      source: 'manual',
      confirmed: true,
    });
    expect(detail.notice.found).toBe(6);
  });
});
