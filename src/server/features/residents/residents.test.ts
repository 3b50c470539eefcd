import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';

let t: TestApp;
let admin: Client;
let worker: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
let householdA: { id: string };

const id = (first17: string) => first17 + idCardCheckChar(first17);
const ZHANG = id('14072819800312001'); // male, 1980-03-12
const LI = id('14072819850620002'); // female, 1985-06-20
const WANG = id('14072819900101005'); // male, 1990-01-01

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  admin = await t.login('admin', ADMIN_PASSWORD);
  await makeUser(t.db, t.clock, 'grid_a', 'grid', tree.gridA);
  worker = await t.login('grid_a', PASSWORD);
  householdA = (
    await worker.post('/api/households', { regionId: tree.buildingA.id, room: '2单元301', phone: '13600001111' })
  ).json();
});
afterAll(async () => t.close());

describe('households', () => {
  it('registers a household in a building with an address built from the tree', async () => {
    const h = (await worker.get(`/api/households/${householdA.id}`)).json();
    expect(h).toMatchObject({
      address: '古陶镇东城村1号院 2单元301',
      phone: '136****1111',
      memberCount: 0,
      members: [],
    });
  });
  it('refuses a household outside a building or outside the jurisdiction', async () => {
    expect((await worker.post('/api/households', { regionId: tree.gridA.id })).json().error.code).toBe(
      'REGION_NOT_BUILDING',
    );
    expect((await worker.post('/api/households', { regionId: tree.buildingB.id })).statusCode).toBe(404);
  });
});

describe('persons', () => {
  it('registers a person, deriving birth date and sex from the ID number, masking it in answers', async () => {
    const res = await worker.post('/api/persons', {
      name: '张三',
      idNumber: ZHANG,
      phone: '13912345678',
      householdId: householdA.id,
      relation: 'head',
      tags: ['returnee', 'hubei_travel'],
      returnee: { from: '湖北省武汉市', arrivalDate: '2020-01-20', transport: 'coach', transportNo: '晋C60695' },
    });
    expect(res.statusCode).toBe(201);
    const p = res.json().person;
    expect(p).toMatchObject({
      sex: 'M',
      birthDate: '1980-03-12',
      idNumber: '1407**********' + ZHANG.slice(-4),
      phone: '139****5678',
      regionId: tree.buildingA.id,
    });
    expect(p.tags.sort()).toEqual(['hubei_travel', 'returnee']);
    const h = (await worker.get(`/api/households/${householdA.id}`)).json();
    expect(h).toMatchObject({ headName: '张三', memberCount: 1 });
  });

  it.each([
    [{ name: '坏号', idNumber: ZHANG.slice(0, 17) + (ZHANG[17] === '0' ? '1' : '0') }, 'ID_NUMBER_INVALID'],
    [{ name: '错性别', idNumber: LI, sex: 'M' }, 'ID_NUMBER_MISMATCH'],
    [{ name: '错生日', idNumber: LI, birthDate: '1985-06-21' }, 'ID_NUMBER_MISMATCH'],
    [{ name: '护照', idType: 'passport', idNumber: 'E12345678' }, 'VALIDATION'],
    [{ name: '坏电话', phone: '1234' }, 'VALIDATION'],
    [{ name: '居住证', idType: 'hmt_permit', idNumber: LI }, 'ID_NUMBER_INVALID'],
    [{ name: '二月三十', birthDate: '2020-02-30' }, 'VALIDATION'],
    [{ name: '十三月', birthDate: '2019-13-05' }, 'VALIDATION'],
    [{ name: '未出生', birthDate: '2099-01-01' }, 'BIRTH_DATE_IN_FUTURE'],
    [{ name: '未出生号', idNumber: id('14072820990101003') }, 'BIRTH_DATE_IN_FUTURE'],
    [{ name: '坏抵达', returnee: { from: '武汉', arrivalDate: '2020-02-31', transport: 'train' } }, 'VALIDATION'],
    [{ name: '男孕妇', idNumber: ZHANG, tags: ['pregnant'] }, 'VALIDATION'],
  ])('refuses %j with %s and stores nothing', async (body, code) => {
    const before = (await t.db.selectFrom('persons').select('id').execute()).length;
    const res = await worker.post('/api/persons', { householdId: householdA.id, ...body });
    expect(res.json().error.code).toBe(code);
    expect((await t.db.selectFrom('persons').select('id').execute()).length).toBe(before);
  });

  it('accepts a Hong Kong residence permit and a foreign passport', async () => {
    const permit = id('81000019900101003');
    expect(
      (
        await worker.post('/api/persons', {
          name: '陈港生',
          idType: 'hmt_permit',
          idNumber: permit,
          householdId: householdA.id,
        })
      ).json().person.birthDate,
    ).toBe('1990-01-01');
    expect(
      (
        await worker.post('/api/persons', {
          name: 'John Smith',
          idType: 'passport',
          idNumber: 'E12345678',
          nationality: '英国',
          householdId: householdA.id,
        })
      ).statusCode,
    ).toBe(201);
  });

  it('one ID number is one person: registering it again elsewhere updates and moves that person', async () => {
    const before = (await t.db.selectFrom('persons').select('id').execute()).length;
    const res = await admin.post('/api/persons', {
      name: '张三',
      idNumber: ZHANG,
      phone: '13912345678',
      regionId: tree.buildingB.id,
      tags: ['fever'],
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ matchedExisting: true, person: { regionId: tree.buildingB.id } });
    expect(res.json().person.tags.sort()).toEqual(['fever', 'hubei_travel', 'returnee']);
    expect((await t.db.selectFrom('persons').select('id').execute()).length).toBe(before);
    // moved out of grid A: its worker no longer sees him
    expect((await worker.get('/api/persons?q=zs')).json().items.map((p: { name: string }) => p.name)).not.toContain(
      '张三',
    );
  });

  it('warns about a likely duplicate (same name and phone) until confirmed', async () => {
    await worker.post('/api/persons', { name: '李四', idNumber: LI, phone: '13700007777', householdId: householdA.id });
    const dup = await worker.post('/api/persons', { name: '李四', phone: '13700007777', householdId: householdA.id });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('LIKELY_DUPLICATE');
    expect(dup.json().error.details.candidates[0]).toMatchObject({ name: '李四', phone: '137****7777' });
    const confirmed = await worker.post('/api/persons', {
      name: '李四',
      phone: '13700007777',
      householdId: householdA.id,
      confirmNotDuplicate: true,
    });
    expect(confirmed.statusCode).toBe(201);
  });

  it('searches by name in simplified or traditional, pinyin, initials, ID suffix and phone suffix', async () => {
    const names = async (q: string) =>
      (await worker.get(`/api/persons?q=${encodeURIComponent(q)}`)).json().items.map((p: { name: string }) => p.name);
    expect(await names('李')).toEqual(['李四', '李四']);
    expect(await names('陳')).toEqual(['陈港生']);
    expect(await names('lisi')).toEqual(['李四', '李四']);
    expect(await names('cgs')).toEqual(['陈港生']);
    expect(await names(LI.slice(-4))).toEqual(['李四']);
    expect(await names('7777')).toEqual(['李四', '李四']);
    expect(await names('john')).toEqual(['John Smith']);
  });

  it('reveals an ID number with an audit entry', async () => {
    const li = (await worker.get('/api/persons?q=' + LI.slice(-6))).json().items[0];
    expect(li.idNumber).not.toBe(LI);
    expect((await worker.post(`/api/persons/${li.id}/reveal`, { field: 'idNumber' })).json().value).toBe(LI);
    expect((await admin.get(`/api/audit?action=person.reveal&entityId=${li.id}`)).json().items[0]).toMatchObject({
      actorName: 'grid_a',
      details: { field: 'idNumber' },
    });
  });

  it('merges two records of one person and undoes the merge exactly', async () => {
    const [withId, withoutId] = (await worker.get('/api/persons?q=lisi')).json().items as {
      id: string;
      idNumber: string | null;
    }[];
    const kept = withId!.idNumber ? withoutId! : withId!;
    const dup = kept === withId ? withoutId! : withId!;
    expect(
      (await worker.get(`/api/persons/${kept.id}/duplicates`)).json().items.map((p: { id: string }) => p.id),
    ).toEqual([dup.id]);
    const merge = (await worker.post(`/api/persons/${kept.id}/merge`, { duplicateId: dup.id })).json();
    expect((await worker.get(`/api/persons/${kept.id}`)).json().idNumber).toMatch(/^1407/);
    expect((await worker.get('/api/persons?q=lisi')).json().items).toHaveLength(1);
    expect((await worker.post(`/api/person-merges/${merge.id}/undo`)).statusCode).toBe(200);
    expect((await worker.get('/api/persons?q=lisi')).json().items).toHaveLength(2);
    expect((await worker.get(`/api/persons/${kept.id}`)).json().idNumber).toBeNull();
    expect((await worker.post(`/api/person-merges/${merge.id}/undo`)).json().error.code).toBe('MERGE_ALREADY_UNDONE');
    expect((await worker.post(`/api/persons/${kept.id}/merge`, { duplicateId: kept.id })).json().error.code).toBe(
      'MERGE_SELF',
    );
  });

  it('an edit that leaves out the (masked) ID number and phone keeps them', async () => {
    const li = (await worker.get('/api/persons?q=' + LI.slice(-6))).json().items[0];
    const res = await worker.patch(`/api/persons/${li.id}`, {
      name: '李四',
      householdId: householdA.id,
      note: '已核实',
      tags: ['chronic_illness'],
    });
    expect(res.json()).toMatchObject({
      note: '已核实',
      idNumber: li.idNumber,
      phone: li.phone,
      address: '古陶镇东城村1号院 2单元301',
      tags: ['chronic_illness'],
    });
    expect((await worker.post(`/api/persons/${li.id}/reveal`, { field: 'idNumber' })).json().value).toBe(LI);
  });

  it('reveals a household phone with an audit entry, and keeps it on an edit that leaves it out', async () => {
    expect((await worker.post(`/api/households/${householdA.id}/reveal`, { field: 'phone' })).json().value).toBe(
      '13600001111',
    );
    await worker.patch(`/api/households/${householdA.id}`, {
      regionId: tree.buildingA.id,
      room: '2单元301',
      note: '常住',
    });
    expect((await worker.post(`/api/households/${householdA.id}/reveal`, { field: 'phone' })).json().value).toBe(
      '13600001111',
    );
  });

  it('a correction changes only the fields it sends; null clears one', async () => {
    const wang = (
      await worker.post('/api/persons', {
        name: '王返乡',
        idNumber: WANG,
        phone: '13812340000',
        householdId: householdA.id,
        relation: 'spouse',
        tags: ['contact_history'],
        returnee: { from: '湖北省武汉市', arrivalDate: '2020-01-22', transport: 'train', transportNo: 'G1234' },
      })
    ).json().person;
    const res = await worker.patch(`/api/persons/${wang.id}`, { note: '电话核实' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      note: '电话核实',
      relation: 'spouse',
      householdId: householdA.id,
      returnee: { from: '湖北省武汉市', arrivalDate: '2020-01-22', transport: 'train', transportNo: 'G1234' },
    });
    expect(res.json().tags).toEqual(['contact_history']);
    expect((await worker.patch(`/api/persons/${wang.id}`, { returnee: null })).json()).toMatchObject({
      returnee: null,
      relation: 'spouse',
      note: '电话核实',
    });
    const audits = (await admin.get('/api/audit?action=person.update')).json().items;
    expect(audits[0].details).toEqual({ fields: ['returnee'] });

    await worker.patch(`/api/households/${householdA.id}`, { vacant: true });
    expect((await worker.patch(`/api/households/${householdA.id}`, { note: '二楼' })).json()).toMatchObject({
      room: '2单元301',
      vacant: true,
      note: '二楼',
      address: '古陶镇东城村1号院 2单元301',
    });
    await worker.patch(`/api/households/${householdA.id}`, { vacant: false });
  });

  it('registering a known ID number again keeps what that registration leaves out', async () => {
    const res = await admin.post('/api/persons', { name: '王返乡', idNumber: WANG, regionId: tree.buildingB.id });
    expect(res.json()).toMatchObject({
      matchedExisting: true,
      person: { regionId: tree.buildingB.id, relation: 'spouse', note: '电话核实' },
    });
    expect((await admin.post(`/api/persons/${res.json().person.id}/reveal`, { field: 'phone' })).json().value).toBe(
      '13812340000',
    );
  });

  it('filters by tag through the whole jurisdiction', async () => {
    const returnees = (await admin.get('/api/persons?tag=returnee')).json().items.map((p: { name: string }) => p.name);
    expect(returnees).toEqual(['张三']);
  });
});
