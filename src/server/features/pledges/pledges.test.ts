import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';
import { GLOBAL_SCOPE } from '../../access/scope';
import { signaturePng } from '../../demo/signature-png';
import { pledgeFigures } from './index';

/**
 * 请战书 through the API: the county hospital (a unit of the county) and 段村镇's health centre
 * collect pledges; a doctor who is a party member of a unit branch signs from the hospital's public
 * link on a phone (name + ID number checked against the registry, a drawn signature checked as a
 * PNG from its bytes), a nurse who is no member signs with a cadre; the hospital edits its text
 * (the signed pledge keeps the old one); pledges are listed by unit and scoped; one becomes a 报到
 * post in the doctor's community, the other a checkpoint shift, each recorded on the pledge once.
 */
let t: TestApp;
let zuzhibu: Client;
let gutao: Client;
let duancun: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
const ids: Record<string, string> = {};

const idNumber = (first17: string) => first17 + idCardCheckChar(first17);
const DOCTOR = { name: '刘医生', idNumber: idNumber('14072819800101012'), phone: '13800000011' };
const NURSE = { name: '陈护士', idNumber: idNumber('14072819900303034'), phone: '13800000013' };
const STRANGER = { name: '路人乙', idNumber: idNumber('14072819950606067') };

const dataUrl = (bytes: Buffer, type = 'image/png') => `data:${type};base64,${bytes.toString('base64')}`;

async function counts() {
  const p = await t.db
    .selectFrom('pledges')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  const persons = await t.db
    .selectFrom('persons')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return [Number(p!.n), Number(persons!.n)];
}

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'zuzhibu', 'organisation', tree.county);
  await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'duancun', 'township', tree.duancun);
  [zuzhibu, gutao, duancun] = (await Promise.all(['zuzhibu', 'gutao', 'duancun'].map((u) => t.login(u, PASSWORD)))) as [
    Client,
    Client,
    Client,
  ];
  const admin = await t.login('admin', 'Admin12345');
  for (const p of [DOCTOR, NURSE])
    expect((await admin.post('/api/persons', { ...p, regionId: tree.gridA.id })).statusCode).toBe(201);
  const branch = (
    await zuzhibu.post('/api/party/organisations', {
      kind: 'branch',
      name: '县人民医院党支部',
      unitName: '平遥县人民医院',
      unitType: 'institution',
      regionId: tree.gutao.id,
    })
  ).json().id;
  expect(
    (await zuzhibu.post('/api/party/members', { ...DOCTOR, organisationId: branch, category: 'full' })).statusCode,
  ).toBe(201);
});
afterAll(async () => t.close());

describe('pledge units', () => {
  it('sets up units with the standard text, scoped; a unit edits its text', async () => {
    const res = await gutao.post('/api/pledges/units', { name: '平遥县人民医院', regionId: tree.gutao.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().text).toContain('我自愿请战');
    expect(res.json().path).toBe(`/qz/${res.json().slug}`);
    ids.hospital = res.json().id;
    ids.slug = res.json().slug;
    ids.centre = (
      await duancun.post('/api/pledges/units', { name: '段村镇卫生院', regionId: tree.duancunVillage.id })
    ).json().id;
    expect((await gutao.post('/api/pledges/units', { name: '越权', regionId: tree.duancun.id })).statusCode).toBe(404);
    expect((await gutao.get('/api/pledges/units')).json().map((u: { name: string }) => u.name)).toEqual([
      '平遥县人民医院',
    ]);
    expect((await duancun.get(`/api/pledges/units/${ids.hospital}`)).statusCode).toBe(404);
    expect(
      (await duancun.patch(`/api/pledges/units/${ids.hospital}`, { text: '改一改文本内容好不好' })).statusCode,
    ).toBe(404);
    const pub = await t.anonymous.get(`/api/public/pledge/${ids.slug}`);
    expect(pub.json()).toEqual({ unitName: '平遥县人民医院', text: res.json().text });
  });
});

describe('signing', () => {
  it('signs from the public link with a drawn signature; the signature is stored as checked PNG bytes', async () => {
    const png = signaturePng();
    const res = await t.anonymous.post(`/api/public/pledge/${ids.slug}`, {
      name: DOCTOR.name,
      idNumber: DOCTOR.idNumber,
      signature: dataUrl(png),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ serial: 'QZ-2020-000001', unitName: '平遥县人民医院', signedOn: '2020-01-25' });
    const row = await t.db.selectFrom('pledges').selectAll().executeTakeFirstOrThrow();
    expect(Buffer.from(row.signature).equals(png)).toBe(true);
    ids.doctorPledge = row.id;
  });

  it('refuses a bad signature and a stranger; nothing is stored', async () => {
    const before = await counts();
    const url = `/api/public/pledge/${ids.slug}`;
    const body = { name: NURSE.name, idNumber: NURSE.idNumber };
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7)]);
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const truncated = signaturePng().subarray(0, 120);
    for (const signature of [
      dataUrl(jpeg),
      dataUrl(svg),
      dataUrl(signaturePng(300, 100, false)),
      dataUrl(signaturePng(5000, 100)),
      dataUrl(truncated),
    ]) {
      const res = await t.anonymous.post(url, { ...body, signature });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('PLEDGE_SIGNATURE_INVALID');
    }
    const huge = await t.anonymous.post(url, { ...body, signature: dataUrl(Buffer.alloc(400 * 1024, 1)) });
    expect(huge.statusCode).toBe(400);
    const stranger = await t.anonymous.post(url, { ...STRANGER, signature: dataUrl(signaturePng()) });
    expect(stranger.json().error.code).toBe('PLEDGE_SIGNER_UNKNOWN');
    const wrongName = await t.anonymous.post(url, { ...body, name: '陈某', signature: dataUrl(signaturePng()) });
    expect(wrongName.json().error.code).toBe('PLEDGE_SIGNER_UNKNOWN');
    expect(await counts()).toEqual(before);
  });

  it('believes the bytes, not the declared type', async () => {
    const res = await gutao.post('/api/pledges', {
      unitId: ids.hospital,
      name: NURSE.name,
      idNumber: NURSE.idNumber,
      signature: dataUrl(signaturePng(400, 150), 'image/jpeg'),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      serial: 'QZ-2020-000002',
      name: '陈护士',
      partyOrganisation: null,
      source: 'cadre',
    });
    ids.nursePledge = res.json().id;
  });

  it('keeps the text as signed when the unit edits it', async () => {
    const edited = await gutao.patch(`/api/pledges/units/${ids.hospital}`, {
      text: '我志愿加入抗疫一线，听从指挥，不计得失。',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const pledge = (await gutao.get(`/api/pledges/${ids.doctorPledge}`)).json();
    expect(pledge.text).toContain('我自愿请战');
    expect(pledge.partyOrganisation).toBe('县人民医院党支部');
    expect(pledge.idNumber).toBe(`${DOCTOR.idNumber.slice(0, 4)}**********${DOCTOR.idNumber.slice(-4)}`);
  });
});

describe('the list and the print view', () => {
  it('lists by unit, scoped; another township gets 404 for the pledge and its signature', async () => {
    const list = (await gutao.get(`/api/pledges?unitId=${ids.hospital}`)).json().items;
    expect(list.map((p: { serial: string }) => p.serial)).toEqual(['QZ-2020-000001', 'QZ-2020-000002']);
    expect((await duancun.get('/api/pledges')).json().items).toEqual([]);
    expect((await duancun.get(`/api/pledges/${ids.doctorPledge}`)).statusCode).toBe(404);
    expect((await duancun.get(`/api/pledges/${ids.doctorPledge}/signature.png`)).statusCode).toBe(404);
    expect(
      (await duancun.post(`/api/pledges/${ids.doctorPledge}/assign`, { kind: 'report_post', post: 'other' }))
        .statusCode,
    ).toBe(404);
    const img = await gutao.get(`/api/pledges/${ids.doctorPledge}/signature.png`);
    expect(img.statusCode).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    expect((await t.anonymous.get(`/api/pledges/${ids.doctorPledge}/signature.png`)).statusCode).toBe(401);
  });
});

describe('turning a pledge into an assignment', () => {
  it("makes a party member's pledge a 报到 post in their community, once", async () => {
    const res = await gutao.post(`/api/pledges/${ids.doctorPledge}/assign`, {
      kind: 'report_post',
      post: 'door_to_door',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().assignment).toMatchObject({ kind: 'report_post', at: t.clock.now().toISOString() });
    const report = (await gutao.get(`/api/party/reports/${res.json().assignment.ref}`)).json();
    expect(report).toMatchObject({ name: '刘医生', communityName: '东城村', post: 'door_to_door', source: 'pledge' });
    const again = await gutao.post(`/api/pledges/${ids.doctorPledge}/assign`, { kind: 'report_post', post: 'other' });
    expect(again.json().error.code).toBe('PLEDGE_ALREADY_ASSIGNED');
  });

  it('refuses a 报到 post for a non-member and puts them on a checkpoint shift instead', async () => {
    const notMember = await gutao.post(`/api/pledges/${ids.nursePledge}/assign`, {
      kind: 'report_post',
      post: 'other',
    });
    expect(notMember.json().error.code).toBe('PLEDGE_SIGNER_NOT_MEMBER');
    expect((await gutao.get(`/api/pledges/${ids.nursePledge}`)).json().assignment).toBeNull();
    const site = (
      await gutao.post('/api/checkpoints/sites', {
        name: '东城村卡口',
        kind: 'village_entrance',
        regionId: tree.dongcheng.id,
      })
    ).json();
    await gutao.post('/api/checkpoints/shifts/plan', { siteId: site.id, fromDay: '2020-01-26', days: 1 });
    const shift = (await gutao.get('/api/checkpoints/roster?from=2020-01-25T16:00:00Z&to=2020-01-26T16:00:00Z')).json()
      .items[0];
    const res = await gutao.post(`/api/pledges/${ids.nursePledge}/assign`, { kind: 'shift', shiftId: shift.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().assignment.kind).toBe('shift');
    const roster = (
      await gutao.get('/api/checkpoints/roster?from=2020-01-25T16:00:00Z&to=2020-01-26T16:00:00Z')
    ).json();
    expect(JSON.stringify(roster)).toContain('陈护士');
    expect((await gutao.get('/api/pledges?assigned=no')).json().items).toEqual([]);
  });

  it('gives the figures per township', async () => {
    const rows = await pledgeFigures(t.db, GLOBAL_SCOPE, { day: '2020-01-25', timeZone: t.config.timeZone });
    expect(rows).toEqual([
      { townshipPath: tree.gutao.path, townshipName: '古陶镇', pledges: 2, signedOnDay: 2, assigned: 2 },
      { townshipPath: tree.duancun.path, townshipName: '段村镇', pledges: 0, signedOnDay: 0, assigned: 0 },
    ]);
  });
});
