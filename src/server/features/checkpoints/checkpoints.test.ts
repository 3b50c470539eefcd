import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';
import { expectAll } from '../../testing/expect-all';

let t: TestApp;
let admin: Client;
let crew: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
let site: { id: string };
const id = (first17: string) => first17 + idCardCheckChar(first17);
const LOCAL = id('14072819880808001');
const OUTSIDER = id('42010619900101002');

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  admin = await t.login('admin', ADMIN_PASSWORD);
  site = (
    await admin.post('/api/checkpoints/sites', {
      name: '平遥高速出口',
      kind: 'highway_exit',
      regionId: tree.gutao.id,
      leadName: '郝站长',
      leadPhone: '13500001111',
    })
  ).json();
  await makeUser(t.db, t.clock, 'crew', 'checkpoint', tree.gutao);
  crew = await t.login('crew', PASSWORD);
});
afterAll(async () => t.close());

const passage = (over: Record<string, unknown> = {}) => ({
  id: randomUUID(),
  siteId: site.id,
  direction: 'in',
  plate: '晋C60695',
  vehicleType: 'bus',
  origin: '太原',
  destination: '平遥',
  decision: 'pass',
  disinfected: true,
  leaflet: true,
  occupants: [
    { name: '陈司机', idNumber: LOCAL, temperature: 36.5 },
    { name: '武汉客', idNumber: OUTSIDER, phone: '13612345678', temperature: 36.8 },
  ],
  ...over,
});

describe('checkpoints', () => {
  it('registers a site and masks its lead phone', async () => {
    const s = (await admin.get(`/api/checkpoints/sites/${site.id}`)).json();
    expect(s).toMatchObject({
      name: '平遥高速出口',
      kind: 'highway_exit',
      hours: '24h',
      leadPhone: '135****1111',
      regionName: '古陶镇',
    });
  });

  it('records a vehicle with all its occupants and links them to the registry', async () => {
    const res = await crew.post('/api/checkpoints/passages', passage());
    expect(res.statusCode).toBe(201);
    const list = (await crew.get('/api/checkpoints/passages?plate=晋C60695')).json().items;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      plate: '晋C60695',
      decision: 'pass',
      occupants: [
        { seq: 0, name: '陈司机' },
        { seq: 1, name: '武汉客', phone: '136****5678' },
      ],
    });
    expect(list[0].occupants[1].idNumber).toBe('4201**********' + OUTSIDER.slice(-4));
    const local = (await admin.get(`/api/persons/lookup?idNumber=${LOCAL}`)).json();
    expect(local).toMatchObject({ name: '陈司机', sex: 'M', birthDate: '1988-08-08' });
    const personIdOf = async (n: string) =>
      (await t.db.selectFrom('persons').select('id').where('id_number', '=', n).executeTakeFirstOrThrow()).id;
    const tags = async (n: string) => (await admin.get(`/api/persons/${await personIdOf(n)}`)).json().tags;
    expect(await tags(LOCAL)).toEqual(['returnee']);
    expect(await tags(OUTSIDER)).toEqual(['non_local']);
  });

  it('stores a retried passage once', async () => {
    const body = passage();
    expect((await crew.post('/api/checkpoints/passages', body)).statusCode).toBe(201);
    const again = await crew.post('/api/checkpoints/passages', body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ id: body.id, duplicate: true });
    expect((await t.db.selectFrom('passages').select('id').where('id', '=', body.id).execute()).length).toBe(1);
  });

  it('commits concurrent passages together, each with all its occupants', async () => {
    const bodies = Array.from({ length: 60 }, (_, i) =>
      passage({
        plate: `晋A${String(10000 + i)}`,
        occupants: Array.from({ length: 1 + (i % 4) }, (_, k) => ({ name: `乘客${i}-${k}`, temperature: 36.4 })),
      }),
    );
    const results = await Promise.all(bodies.map((b) => crew.post('/api/checkpoints/passages', b)));
    expectAll(results, (r) => r.statusCode === 201);
    const counts = await t.db
      .selectFrom('passages')
      .select(['id', 'occupant_count'])
      .where(
        'id',
        'in',
        bodies.map((b) => b.id),
      )
      .execute();
    expect(counts).toHaveLength(60);
    for (const c of counts) {
      const occ = await t.db.selectFrom('passage_occupants').select('seq').where('passage_id', '=', c.id).execute();
      expect(occ).toHaveLength(c.occupant_count);
    }
  });

  it.each([
    [{ plate: '晋C6069' }, 'PLATE_INVALID'],
    [{ plate: 'ABC1234' }, 'PLATE_INVALID'],
    [{ plate: null }, 'VALIDATION'],
    [{ occupants: [] }, 'VALIDATION'],
    [{ occupants: [{ name: '高烧', temperature: 45 }] }, 'VALIDATION'],
    [{ occupants: [{ name: '坏号', idNumber: '140728198808080011', temperature: 36.5 }] }, 'ID_NUMBER_INVALID'],
    [{ occupants: [{ temperature: 36.5 }] }, 'VALIDATION'],
    [{ decision: 'maybe' }, 'VALIDATION'],
    [{ id: 'not-a-uuid' }, 'VALIDATION'],
  ])('refuses %j with %s and stores nothing', async (over, code) => {
    const before = (await t.db.selectFrom('passages').select('id').execute()).length;
    const res = await crew.post('/api/checkpoints/passages', passage(over));
    expect(res.json().error.code).toBe(code);
    expect((await t.db.selectFrom('passages').select('id').execute()).length).toBe(before);
  });

  it('accepts new-energy, police and pedestrian passages', async () => {
    for (const plate of ['晋AD12345', '晋A12345F', '晋A1234警', '京A1234学'])
      expect((await crew.post('/api/checkpoints/passages', passage({ plate }))).statusCode).toBe(201);
    expect(
      (
        await crew.post(
          '/api/checkpoints/passages',
          passage({ plate: null, vehicleType: 'none', occupants: [{ name: '步行者', temperature: 36.2 }] }),
        )
      ).statusCode,
    ).toBe(201);
  });

  it('a fever sent to the clinic raises one alert (the referral) and tags the person', async () => {
    const before = (await admin.get('/api/alerts?open=true')).json().items.length;
    const posted = await crew.post(
      '/api/checkpoints/passages',
      passage({
        plate: '晋C12345',
        decision: 'referred',
        occupants: [{ name: '发热者', idNumber: id('14072819700101003'), temperature: 38.4 }],
      }),
    );
    expect(posted.json()).toMatchObject({ duplicate: false });
    const alerts = (await admin.get('/api/alerts?open=true')).json().items;
    expect(alerts.length - before).toBe(1);
    expect(alerts[0]).toMatchObject({ kind: 'fever', referralId: expect.any(String) });
    expect(alerts[0].message).toContain('发热者（发热 38.4℃）');
    const person = await t.db
      .selectFrom('persons')
      .select('id')
      .where('id_number', '=', id('14072819700101003'))
      .executeTakeFirstOrThrow();
    expect((await admin.get(`/api/persons/${person.id}`)).json().tags).toEqual(
      expect.arrayContaining(['fever', 'key_person']),
    );
  });

  it('suggests recent plates and the occupants of the last passage of a plate', async () => {
    const plates = (await crew.get(`/api/checkpoints/sites/${site.id}/plates?prefix=晋C`))
      .json()
      .items.map((p: { plate: string }) => p.plate);
    expect(plates).toEqual(expect.arrayContaining(['晋C60695', '晋C12345']));
    // without the province character
    expect(
      (await crew.get(`/api/checkpoints/sites/${site.id}/plates?prefix=c606`))
        .json()
        .items.map((p: { plate: string }) => p.plate),
    ).toEqual(['晋C60695']);
    const last = (await crew.get(`/api/checkpoints/sites/${site.id}/last-passage?plate=晋C60695`)).json().passage;
    expect(last.occupants.map((o: { name: string }) => o.name)).toEqual(['陈司机', '武汉客']);
    // "same occupants as last time": by person id, even for a person outside the crew's jurisdiction
    const again = await crew.post(
      '/api/checkpoints/passages',
      passage({
        occupants: last.occupants.map((o: { personId: string }) => ({ personId: o.personId, temperature: 36.6 })),
      }),
    );
    expect(again.statusCode).toBe(201);
    // but not a person the crew has never met and cannot see
    const stranger = (await admin.post('/api/persons', { name: '陌生人', regionId: tree.duancunVillage.id })).json()
      .person;
    expect(
      (
        await crew.post(
          '/api/checkpoints/passages',
          passage({ occupants: [{ personId: stranger.id, temperature: 36.6 }] }),
        )
      ).json().error.code,
    ).toBe('PERSON_NOT_FOUND');
  });

  it('shows the day’s figures per site and per township', async () => {
    const bySite = (await admin.get('/api/checkpoints/figures')).json();
    expect(bySite.day).toBe('2020-01-25');
    expect(bySite.items[0]).toMatchObject({ name: '平遥高速出口', fevers: 1, referred: 1 });
    expect(bySite.items[0].vehicles).toBeGreaterThan(60);
    const byTownship = (await admin.get('/api/checkpoints/figures?by=township')).json().items;
    expect(byTownship.find((u: { name: string }) => u.name === '古陶镇').people).toBe(bySite.items[0].people);
    expect(byTownship.find((u: { name: string }) => u.name === '段村镇').people).toBe(0);
  });

  it('plans shifts, shows who is on duty and every uncovered site-hour in the next 48 hours', async () => {
    // clock: 2020-01-25 15:55 local
    const plan = await admin.post('/api/checkpoints/shifts/plan', { siteId: site.id, fromDay: '2020-01-25', days: 2 });
    expect(plan.json()).toEqual({ created: 6 });
    expect(
      (await admin.post('/api/checkpoints/shifts/plan', { siteId: site.id, fromDay: '2020-01-25', days: 2 })).json(),
    ).toEqual({ created: 0 });
    const roster = (await admin.get('/api/checkpoints/roster')).json().items;
    const current = roster.find((s: { startsAt: string }) => s.startsAt === '2020-01-25T00:00:00.000Z');
    expect(current).toBeTruthy();
    await admin.post(`/api/checkpoints/shifts/${current.id}/assign`, { name: '党员志愿者甲' });
    const me = (await crew.get('/api/auth/me')).json();
    await admin.post(`/api/checkpoints/shifts/${current.id}/assign`, { userId: me.id });
    expect((await crew.get('/api/checkpoints/roster/mine')).json().items).toMatchObject([
      { siteName: '平遥高速出口', startsAt: '2020-01-25T00:00:00.000Z' },
    ]);
    const gaps = (await admin.get('/api/checkpoints/roster/gaps')).json().items;
    // covered 07:00–08:00 UTC today (the 08–16 local shift); uncovered from 08:00 UTC for the rest of the planned days and beyond
    expect(gaps[0]).toMatchObject({ siteName: '平遥高速出口', from: '2020-01-25T08:00:00.000Z' });
    expect(gaps[0].to).toBe('2020-01-27T07:00:00.000Z');
  });
});
