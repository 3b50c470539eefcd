import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';

let t: TestApp;
let admin: Client;
let crew: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
let sites: { id: string }[];
const id = (first17: string) => first17 + idCardCheckChar(first17);

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  admin = await t.login('admin', ADMIN_PASSWORD);
  sites = [
    (
      await admin.post('/api/checkpoints/sites', {
        name: '平遥高速出口',
        kind: 'highway_exit',
        regionId: tree.gutao.id,
      })
    ).json(),
    (
      await admin.post('/api/checkpoints/sites', {
        name: '段村村口',
        kind: 'village_entrance',
        regionId: tree.duancun.id,
      })
    ).json(),
  ];
  await makeUser(t.db, t.clock, 'crew', 'checkpoint', tree.county);
  crew = await t.login('crew', PASSWORD);
});
afterAll(async () => t.close());

const pass = async (occupants: Record<string, unknown>[], site = sites[0]!) => {
  const body = {
    id: randomUUID(),
    siteId: site.id,
    direction: 'in',
    plate: '晋C60695',
    vehicleType: 'bus',
    decision: 'pass',
    occupants,
  };
  const res = await crew.post('/api/checkpoints/passages', body);
  expect(res.statusCode).toBe(201);
  return await t.db
    .selectFrom('passage_occupants')
    .selectAll()
    .where('passage_id', '=', body.id)
    .orderBy('seq')
    .execute();
};
const person = async (personId: string) => (await admin.get(`/api/persons/${personId}`)).json();

describe('occupants identified by phone', () => {
  it('a phone-only occupant becomes a person identified by phone, found by the phone’s last digits', async () => {
    const [o] = await pass([{ name: '乘客甲', phone: '13911110001', temperature: 36.5 }]);
    expect(o!.person_id).toBeTruthy();
    const p = await person(o!.person_id!);
    expect(p).toMatchObject({ name: '乘客甲', idNumber: null, phone: '139****0001', tags: ['unverified_identity'] });
    const found = (await admin.get('/api/persons?q=0001')).json().items;
    expect(found.map((x: { id: string }) => x.id)).toEqual([o!.person_id]);
    expect(found[0].phone).toBe('139****0001');
  });

  it('links to the registered person with that phone and name, and is the same person at a second checkpoint', async () => {
    const registered = (
      await admin.post('/api/persons', {
        name: '王登记',
        idNumber: id('14072819800202001'),
        phone: '13911110002',
        regionId: tree.dongcheng.id,
      })
    ).json().person;
    const [first] = await pass([{ name: '王登记', phone: '13911110002', temperature: 36.4 }]);
    expect(first!.person_id).toBe(registered.id);
    const [a] = await pass([{ name: '李旅客', phone: '13911110003', temperature: 36.4 }]);
    const [b] = await pass([{ name: '李旅客', phone: '13911110003', temperature: 36.6 }], sites[1]);
    expect(a!.person_id).toBeTruthy();
    expect(b!.person_id).toBe(a!.person_id);
    expect(await t.db.selectFrom('persons').select('id').where('phone', '=', '13911110003').execute()).toHaveLength(1);
  });

  it('tells apart a family sharing one phone by name', async () => {
    const rows = await pass([
      { name: '赵母', phone: '13911110004', temperature: 36.4 },
      { name: '赵子', phone: '13911110004', temperature: 36.5 },
    ]);
    expect(rows).toHaveLength(2);
    expect(rows[0]!.person_id).toBeTruthy();
    expect(rows[1]!.person_id).toBeTruthy();
    expect(rows[0]!.person_id).not.toBe(rows[1]!.person_id);
  });

  it('refuses a mobile number typed in the ID box, storing nothing', async () => {
    const before = (await t.db.selectFrom('persons').select('id').execute()).length;
    const res = await crew.post('/api/checkpoints/passages', {
      id: randomUUID(),
      siteId: sites[0]!.id,
      direction: 'in',
      plate: '晋C60695',
      decision: 'pass',
      occupants: [{ name: '错填', idNumber: '13911110009', temperature: 36.5 }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'ID_NUMBER_IS_PHONE',
      details: { field: ['occupants', '0', 'idNumber'] },
    });
    expect((await t.db.selectFrom('persons').select('id').execute()).length).toBe(before);
  });

  it('verifies a phone-identified person when the same phone and name come with an ID number', async () => {
    const [first] = await pass([{ name: '孙未证', phone: '13911110005', temperature: 36.5 }]);
    const number = id('42010619900101005');
    const [second] = await pass([{ name: '孙未证', phone: '13911110005', idNumber: number, temperature: 36.5 }]);
    expect(second!.person_id).toBe(first!.person_id);
    const p = await person(first!.person_id!);
    expect(p).toMatchObject({ idType: 'resident_id', sex: 'M', birthDate: '1990-01-01', phone: '139****0005' });
    expect(p.tags).toEqual(['non_local']);
    // the number now finds this one person (the lookup answers only what the card shows, so ask the database)
    const holders = await t.db.selectFrom('persons').select('id').where('id_number', '=', number).execute();
    expect(holders.map((h) => h.id)).toEqual([first!.person_id]);
    expect((await admin.get(`/api/persons/lookup?idNumber=${number}`)).json()).toMatchObject({
      name: '孙未证',
      sex: 'M',
      birthDate: '1990-01-01',
    });
  });

  it('a registration through the registry with the same phone, name and an ID number verifies the phone-identified person', async () => {
    const [first] = await pass([{ name: '武大伟', phone: '13911110011', temperature: 36.5 }]);
    const number = id('14072819880808003');
    const res = await admin.post('/api/persons', {
      name: '武大伟',
      phone: '13911110011',
      idNumber: number,
      regionId: tree.dongcheng.id,
    });
    expect(res.statusCode, res.body).toBeLessThan(300);
    expect(res.json().person.id).toBe(first!.person_id);
    const p = await person(first!.person_id!);
    expect(p).toMatchObject({ name: '武大伟', birthDate: '1988-08-08', status: 'active' });
    expect(p.tags).not.toContain('unverified_identity');
    expect((await t.db.selectFrom('persons').select('id').where('name', '=', '武大伟').execute()).length).toBe(1);
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', first!.person_id!)
      .execute();
    expect(audit.map((a) => a.action)).toContain('person.verify');
  });

  it('merges a phone-identified person into the registered holder of the ID number, and the merge can be undone', async () => {
    const number = id('14072819750505002');
    const holder = (
      await admin.post('/api/persons', { name: '周已登', idNumber: number, regionId: tree.dongcheng.id })
    ).json().person;
    const [first] = await pass([{ name: '周已登', phone: '13911110006', temperature: 36.5 }]);
    expect(first!.person_id).not.toBe(holder.id);
    const [second] = await pass([{ name: '周已登', phone: '13911110006', idNumber: number, temperature: 36.5 }]);
    expect(second!.person_id).toBe(holder.id);
    const moved = await t.db
      .selectFrom('passage_occupants')
      .select('person_id')
      .where('passage_id', '=', first!.passage_id)
      .executeTakeFirstOrThrow();
    expect(moved.person_id).toBe(holder.id);
    expect(await person(holder.id)).toMatchObject({ phone: '139****0006', status: 'active' });
    expect((await person(first!.person_id!)).status).toBe('merged');
    const merge = await t.db
      .selectFrom('person_merges')
      .select('id')
      .where('merged_id', '=', first!.person_id!)
      .executeTakeFirstOrThrow();
    expect((await admin.post(`/api/person-merges/${merge.id}/undo`, {})).statusCode).toBe(200);
    const back = await t.db
      .selectFrom('passage_occupants')
      .select('person_id')
      .where('passage_id', '=', first!.passage_id)
      .executeTakeFirstOrThrow();
    expect(back.person_id).toBe(first!.person_id);
  });
});

describe('one batch', () => {
  it('a phone-only traveller and the same traveller with the registered ID number in one passage are one person, created never', async () => {
    const number = id('14072819660606003');
    const holder = (
      await admin.post('/api/persons', { name: '吴同批', idNumber: number, regionId: tree.dongcheng.id })
    ).json().person;
    const before = (await t.db.selectFrom('persons').select('id').execute()).length;
    const rows = await pass([
      { name: '吴同批', phone: '13911110007', temperature: 36.5 },
      { name: '吴同批', phone: '13911110007', idNumber: number, temperature: 36.6 },
    ]);
    expect(rows.map((r) => r.person_id)).toEqual([holder.id, holder.id]);
    expect((await t.db.selectFrom('persons').select('id').execute()).length).toBe(before);
    expect((await person(holder.id)).phone).toBe('139****0007');
  });
});
