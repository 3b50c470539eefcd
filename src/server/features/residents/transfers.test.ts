import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeRegion, makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';
import { expectAll } from '../../testing/expect-all';

/**
 * 迁入申请. 古陶镇 (grid A, building A) and 段村镇 (段村 → grid → building) are two townships of
 * one county: a grid worker of 古陶镇 must not rename or move a 段村 resident by typing their ID
 * number; they ask, and 段村 (or the county above both) accepts or refuses.
 */
let t: TestApp;
let admin: Client;
let gutaoGrid: Client;
let gutaoTown: Client;
let duanGrid: Client;
let duanTown: Client;
let county: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
let duanBuilding: { id: string; code: string; path: string };
let householdA: { id: string };
let duanHousehold: { id: string };
let wang: { id: string };
let observerId: string;

const id = (first17: string) => first17 + idCardCheckChar(first17);
const WANG = id('14072819800312011'); // 王五, registered in 段村
const ZHAO = id('14072819850620022'); // 赵六, registered in 段村

const personRow = (personId: string) =>
  t.db.selectFrom('persons').selectAll().where('id', '=', personId).executeTakeFirstOrThrow();

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  const duanGridRegion = await makeRegion(t.db, t.clock, tree.duancunVillage, 'grid', '段村第一网格');
  duanBuilding = await makeRegion(t.db, t.clock, duanGridRegion, 'building', '3号院');
  admin = await t.login('admin', ADMIN_PASSWORD);
  await makeUser(t.db, t.clock, 'gutao_grid', 'grid', tree.gridA);
  await makeUser(t.db, t.clock, 'gutao_town', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'duan_grid', 'grid', duanGridRegion);
  await makeUser(t.db, t.clock, 'duan_town', 'township', tree.duancun);
  await makeUser(t.db, t.clock, 'county_cmd', 'command', tree.county);
  observerId = (await makeUser(t.db, t.clock, 'duan_obs', 'observer', tree.duancunVillage)).id;
  gutaoGrid = await t.login('gutao_grid', PASSWORD);
  gutaoTown = await t.login('gutao_town', PASSWORD);
  duanGrid = await t.login('duan_grid', PASSWORD);
  duanTown = await t.login('duan_town', PASSWORD);
  county = await t.login('county_cmd', PASSWORD);
  householdA = (await gutaoGrid.post('/api/households', { regionId: tree.buildingA.id, room: '5号' })).json();
  duanHousehold = (await duanGrid.post('/api/households', { regionId: duanBuilding.id, room: '1号' })).json();
  wang = (
    await duanGrid.post('/api/persons', {
      name: '王五',
      idNumber: WANG,
      phone: '13900001111',
      householdId: duanHousehold.id,
      relation: 'head',
      tags: ['chronic_illness'],
      note: '段村老住户',
    })
  ).json().person;
  await duanGrid.post('/api/persons', {
    name: '赵六',
    idNumber: ZHAO,
    householdId: duanHousehold.id,
    relation: 'spouse',
  });
});
afterAll(async () => t.close());

describe('registering an ID number that belongs to someone else', () => {
  it('refuses another name for a person of another jurisdiction, tells nothing about them and changes nothing', async () => {
    const before = await personRow(wang.id);
    const res = await gutaoGrid.post('/api/persons', { name: '随便写', idNumber: WANG, householdId: householdA.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('ID_NUMBER_NAME_MISMATCH');
    expect(res.json().error.details ?? null).toBeNull();
    expect(res.body).not.toContain('王五');
    expect(await personRow(wang.id)).toEqual(before);
    expect((await duanGrid.get(`/api/persons/${wang.id}`)).statusCode).toBe(200);
    expect((await gutaoGrid.post(`/api/persons/${wang.id}/reveal`, { field: 'idNumber' })).statusCode).toBe(404);
  });

  it('answers "registered elsewhere" for the right name, without the person\'s data, and moves nobody', async () => {
    const before = await personRow(wang.id);
    const res = await gutaoGrid.post('/api/persons', {
      name: '王五',
      idNumber: WANG,
      householdId: householdA.id,
      phone: '13700002222',
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'PERSON_REGISTERED_ELSEWHERE',
      details: { transferRequest: 'available', transferId: null },
    });
    for (const secret of ['段村', '13900001111', wang.id]) expect(res.body).not.toContain(secret);
    expect(await personRow(wang.id)).toEqual(before);
  });

  it('refuses another name inside the jurisdiction too; a correction (PATCH) of the name is how it changes', async () => {
    const res = await duanGrid.post('/api/persons', { name: '王六', idNumber: WANG, householdId: duanHousehold.id });
    expect(res.json().error).toMatchObject({ code: 'ID_NUMBER_NAME_MISMATCH', details: { personId: wang.id } });
    expect((await personRow(wang.id)).name).toBe('王五');
    // the same name registers as before
    const same = await duanGrid.post('/api/persons', {
      name: '王五',
      idNumber: WANG,
      householdId: duanHousehold.id,
      tags: [],
    });
    expect(same.statusCode).toBe(200);
    expect((await duanGrid.patch(`/api/persons/${wang.id}`, { name: '王伍' })).json().name).toBe('王伍');
    expect((await duanGrid.patch(`/api/persons/${wang.id}`, { name: '王五' })).json().name).toBe('王五');
  });

  it('refuses roster rows that would rename or move an out-of-jurisdiction person, and lands the rest', async () => {
    const before = await personRow(wang.id);
    const header = [
      '姓名',
      '证件类型',
      '证件号码',
      '国籍',
      '性别',
      '出生日期',
      '手机号码',
      '楼栋编码',
      '门牌房号',
      '与户主关系',
      '人员标签',
      '返乡出发地',
      '抵达日期',
      '交通方式',
      '车次航班',
      '备注',
    ];
    const row = (name: string, idNumber: string) => [
      name,
      '',
      idNumber,
      '',
      '',
      '',
      '',
      tree.buildingA.code,
      '7号',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
    ];
    const csv = Buffer.from(
      '\uFEFF' +
        [header, row('王五', WANG), row('随便写', ZHAO), row('钱七', id('14072819900101033'))]
          .map((r) => r.join(','))
          .join('\r\n'),
      'utf8',
    );
    const start = await gutaoGrid.request({
      method: 'POST',
      url: '/api/persons/import?fileName=roster.csv',
      headers: { 'content-type': 'text/csv' },
      payload: csv,
    });
    let job = start.json();
    for (let i = 0; i < 200 && job.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      job = (await gutaoGrid.get(`/api/imports/${job.id}`)).json();
    }
    expect(job).toMatchObject({ status: 'done', rows: 3, created: 1, updated: 0, invalid: 2 });
    expect(await personRow(wang.id)).toEqual(before);
    expect(
      (await t.db.selectFrom('persons').select('name').where('id_number', '=', ZHAO).executeTakeFirstOrThrow()).name,
    ).toBe('赵六');
    const { importResidents } = await import('./import/resident-import.service');
    const user = await t.db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'gutao_grid')
      .executeTakeFirstOrThrow();
    const actor = {
      id: user.id,
      username: 'gutao_grid',
      displayName: 'gutao_grid',
      role: 'grid' as const,
      regionId: tree.gridA.id,
      regionPath: tree.gridA.path,
      locale: 'zh-CN' as const,
      ip: null,
      userAgent: null,
    };
    async function* rows() {
      yield { row: 1, cells: header };
      yield { row: 2, cells: row('王五', WANG) };
      yield { row: 3, cells: row('随便写', ZHAO) };
    }
    const summary = await importResidents(t.db, t.clock, actor, rows());
    expect(summary.errors.first.map((e) => [e.row, e.column, e.reason.match(/[A-Z_]{10,}/)?.[0]])).toEqual([
      [2, '证件号码', 'PERSON_REGISTERED_ELSEWHERE'],
      [3, '证件号码', 'ID_NUMBER_NAME_MISMATCH'],
    ]);
    expect(summary.errors.first[1]!.reason).not.toContain('赵六');
  });
});

describe('a transfer request (迁入申请)', () => {
  const request = (client: Client, extra: object = {}) =>
    client.post('/api/person-transfers', {
      name: '王五',
      idNumber: WANG,
      householdId: householdA.id,
      relation: 'spouse',
      phone: '13700002222',
      tags: ['returnee'],
      returnee: { from: '段村', arrivalDate: '2020-01-24', transport: 'self_drive' },
      reason: '已搬到东城村居住',
      ...extra,
    });
  const list = async (client: Client, box: 'incoming' | 'outgoing') =>
    (await client.get(`/api/person-transfers?box=${box}`)).json().items as {
      id: string;
      status: string;
      canDecide: boolean;
      canWithdraw: boolean;
      fromPlace: string | null;
    }[];

  it("is refused when nothing needs moving, under another name, or for a place outside the requester's jurisdiction", async () => {
    expect((await request(duanGrid, { householdId: duanHousehold.id })).json().error.code).toBe('TRANSFER_NOT_NEEDED');
    expect((await request(gutaoGrid, { idNumber: id('14072819900101041') })).json().error.code).toBe(
      'TRANSFER_NOT_NEEDED',
    );
    expect((await request(gutaoGrid, { name: '随便写' })).json().error.code).toBe('ID_NUMBER_NAME_MISMATCH');
    expect((await request(gutaoGrid, { householdId: duanHousehold.id })).json().error.code).toBe('HOUSEHOLD_NOT_FOUND');
    expect(await t.db.selectFrom('person_transfers').select('id').execute()).toEqual([]);
  });

  it('is filed once, shown to both sides (the requester without where the person lives), and may be withdrawn by its requester only', async () => {
    const res = await request(gutaoGrid);
    expect(res.statusCode).toBe(201);
    const filed = res.json();
    expect(filed).toMatchObject({
      name: '王五',
      status: 'pending',
      fromPlace: null,
      canWithdraw: true,
      canDecide: false,
      toAddress: '古陶镇东城村1号院 5号',
      reason: '已搬到东城村居住',
    });
    expect(filed.idNumber).not.toBe(WANG);
    expect((await request(gutaoGrid)).json().error).toMatchObject({
      code: 'TRANSFER_PENDING',
      details: { transferId: filed.id },
    });
    expect((await request(gutaoTown)).json().error).toMatchObject({
      code: 'TRANSFER_PENDING',
      details: { transferId: null },
    });
    expect(
      (await gutaoGrid.post('/api/persons', { name: '王五', idNumber: WANG, householdId: householdA.id })).json().error
        .details,
    ).toEqual({ transferRequest: 'pending', transferId: filed.id });

    expect((await gutaoGrid.get('/api/person-transfers/pending')).json()).toEqual({ incoming: 0, outgoing: 1 });
    expect((await duanGrid.get('/api/person-transfers/pending')).json()).toEqual({ incoming: 1, outgoing: 0 });
    expect((await county.get('/api/person-transfers/pending')).json()).toEqual({ incoming: 1, outgoing: 1 });
    expect((await list(gutaoGrid, 'outgoing')).map((x) => x.id)).toEqual([filed.id]);
    expect(await list(gutaoGrid, 'incoming')).toEqual([]);
    const incoming = await list(duanGrid, 'incoming');
    expect(incoming).toHaveLength(1);
    expect(incoming[0]).toMatchObject({
      id: filed.id,
      canDecide: true,
      canWithdraw: false,
      fromPlace: '段村镇段村3号院 1号',
    });
    expect(await list(duanGrid, 'outgoing')).toEqual([]);

    expect((await duanGrid.post(`/api/person-transfers/${filed.id}/withdraw`)).json().error.code).toBe(
      'TRANSFER_NOT_FOUND',
    );
    expect((await gutaoGrid.post(`/api/person-transfers/${filed.id}/withdraw`)).json()).toMatchObject({
      status: 'withdrawn',
      canWithdraw: false,
    });
    expect((await gutaoGrid.post(`/api/person-transfers/${filed.id}/withdraw`)).json().error.code).toBe(
      'TRANSFER_STATE',
    );
    expect(
      (await duanGrid.post(`/api/person-transfers/${filed.id}/decision`, { decision: 'accept' })).json().error.code,
    ).toBe('TRANSFER_STATE');
    expect((await personRow(wang.id)).region_path).toBe(duanBuilding.path);
  });

  it('may not be decided by the requesting side, and a refusal changes nothing and is audited on both sides', async () => {
    // two users of the requesting side file at the same moment: one request, the other is told it is pending
    const both = await Promise.all([request(gutaoGrid), request(gutaoTown)]);
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.statusCode === 409)!.json().error.code).toBe('TRANSFER_PENDING');
    const filed = both.find((r) => r.statusCode === 201)!.json();
    for (const client of [gutaoGrid, gutaoTown]) {
      expect(
        (await client.post(`/api/person-transfers/${filed.id}/decision`, { decision: 'accept' })).json().error.code,
      ).toBe('TRANSFER_NOT_FOUND');
    }
    const before = await personRow(wang.id);
    const refused = await duanTown.post(`/api/person-transfers/${filed.id}/decision`, {
      decision: 'refuse',
      note: '本人仍在段村居住',
    });
    expect(refused.json()).toMatchObject({
      status: 'refused',
      decisionNote: '本人仍在段村居住',
      decidedByName: 'duan_town',
      canDecide: false,
    });
    expect(await personRow(wang.id)).toEqual(before);
    expect((await list(gutaoGrid, 'outgoing')).find((x) => x.id === filed.id)).toMatchObject({ status: 'refused' });
    const entries = (await admin.get('/api/audit?action=person.transfer_refuse')).json().items as {
      regionPath: string;
      details: { side: string };
    }[];
    expect(entries.map((e) => [e.details.side, e.regionPath]).sort()).toEqual([
      ['from', duanBuilding.path],
      ['to', tree.buildingA.path],
    ]);
  });

  it('expires after seven days without a decision', async () => {
    const filed = (await request(gutaoGrid)).json();
    t.clock.advance(8 * 86_400_000);
    try {
      const duan = await t.login('duan_grid', PASSWORD); // a week later: a new session
      expect((await list(duan, 'incoming')).find((x) => x.id === filed.id)).toMatchObject({
        status: 'expired',
        canDecide: false,
      });
      expect(
        (await duan.post(`/api/person-transfers/${filed.id}/decision`, { decision: 'accept' })).json().error.code,
      ).toBe('TRANSFER_STATE');
    } finally {
      t.clock.advance(-8 * 86_400_000);
    }
  });

  it('accepted by a level above both, moves the person with their open isolation, case, contacts and alerts, and leaves history where it happened', async () => {
    // what 段村 is handling about 王五: home isolation under its observer, an open case, alerts
    const episode = await admin.post('/api/isolation/episodes', {
      personId: wang.id,
      kind: 'home',
      reason: 'close_contact',
      observerId,
    });
    expect(episode.statusCode).toBe(201);
    const theCase = (
      await admin.post('/api/cases', { personId: wang.id, classification: 'suspected', reportDate: '2020-01-25' })
    ).json();
    const firstAlert = (await admin.get('/api/alerts'))
      .json()
      .items.find((a: { personId: string | null }) => a.personId === wang.id);
    expect((await admin.post(`/api/alerts/${firstAlert.id}/ack`)).statusCode).toBe(204);
    expect((await admin.patch(`/api/cases/${theCase.id}`, { classification: 'confirmed' })).statusCode).toBe(200);
    const episodeId = episode.json().id;
    expect(
      (await admin.post(`/api/isolation/episodes/${episodeId}/necessities`, { kind: 'food', detail: '米面' }))
        .statusCode,
    ).toBe(201);
    // 赵六 (staying in 段村) is a case too, with 王五 accepted as a close contact: that record follows 王五; 赵六's case stays
    const zhao = await t.db.selectFrom('persons').select('id').where('id_number', '=', ZHAO).executeTakeFirstOrThrow();
    const zhaoCase = (
      await admin.post('/api/cases', { personId: zhao.id, classification: 'confirmed', reportDate: '2020-01-25' })
    ).json();
    expect(
      (
        await admin.post(`/api/cases/${zhaoCase.id}/contacts`, {
          accept: [{ personId: wang.id, exposureType: 'household' }],
        })
      ).statusCode,
    ).toBeLessThan(300);
    const pendingSlots = await t.db
      .selectFrom('follow_up_slots')
      .select('id')
      .where('episode_id', '=', episodeId)
      .where('status', '=', 'pending')
      .execute();
    expect(pendingSlots.length).toBeGreaterThan(0);

    const filed = (await request(gutaoGrid)).json();
    const accepted = await county.post(`/api/person-transfers/${filed.id}/decision`, {
      decision: 'accept',
      note: '核实已搬迁',
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ status: 'accepted', decidedByName: 'county_cmd' });
    // the requester still learns nothing of where the person lived (found by the acceptance check)
    const outgoing = (await gutaoGrid.get('/api/person-transfers?box=outgoing'))
      .json()
      .items.find((i: { id: string }) => i.id === filed.id);
    expect(outgoing).toMatchObject({ status: 'accepted', fromPlace: null });

    const moved = await gutaoGrid.get(`/api/persons/${wang.id}`);
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({
      name: '王五',
      regionId: tree.buildingA.id,
      householdId: householdA.id,
      relation: 'spouse',
      note: '段村老住户',
      phone: '137****2222',
      returnee: { from: '段村' },
    });
    expect(moved.json().tags.sort()).toEqual(['chronic_illness', 'key_person', 'returnee']);
    expect((await duanGrid.get(`/api/persons/${wang.id}`)).statusCode).toBe(404);
    expectAll(
      await t.db.selectFrom('person_tags').select('region_path').where('person_id', '=', wang.id).execute(),
      (r) => r.region_path === tree.buildingA.path,
    );
    expect((await duanGrid.get(`/api/households/${duanHousehold.id}`)).json()).toMatchObject({
      headPersonId: null,
      memberCount: 1,
    });

    const ep = await t.db
      .selectFrom('isolation_episodes')
      .selectAll()
      .where('id', '=', episodeId)
      .executeTakeFirstOrThrow();
    expect(ep).toMatchObject({
      region_id: tree.buildingA.id,
      region_path: tree.buildingA.path,
      household_id: householdA.id,
      observer_id: null,
      status: 'active',
    });
    const slots = await t.db
      .selectFrom('follow_up_slots')
      .select(['region_path', 'observer_id'])
      .where('episode_id', '=', episodeId)
      .where('status', '=', 'pending')
      .execute();
    expect(slots).toHaveLength(pendingSlots.length);
    expectAll(slots, (s) => s.region_path === tree.buildingA.path && s.observer_id === null);
    expect((await gutaoGrid.get(`/api/isolation/episodes/${episodeId}`)).statusCode).toBe(200);
    expect(
      (await t.db.selectFrom('cases').select('region_path').where('id', '=', theCase.id).executeTakeFirstOrThrow())
        .region_path,
    ).toBe(tree.buildingA.path);
    expect(
      (await t.db.selectFrom('case_history').select('region_path').where('case_id', '=', theCase.id).execute()).map(
        (r) => r.region_path,
      ),
    ).toContain(tree.buildingA.path);
    const requests = await t.db
      .selectFrom('necessity_requests')
      .select(['region_path', 'household_id'])
      .where('episode_id', '=', episodeId)
      .execute();
    expect(requests).toEqual([{ region_path: tree.buildingA.path, household_id: householdA.id }]);
    expect(await t.db.selectFrom('contacts').select('region_path').where('person_id', '=', wang.id).execute()).toEqual([
      { region_path: tree.buildingA.path },
    ]);
    expect(
      (await t.db.selectFrom('cases').select('region_path').where('id', '=', zhaoCase.id).executeTakeFirstOrThrow())
        .region_path,
    ).toBe(duanBuilding.path);
    const alerts = await t.db
      .selectFrom('alerts')
      .select(['id', 'region_path', 'acknowledged_at'])
      .where('person_id', '=', wang.id)
      .execute();
    expect(alerts.length).toBeGreaterThanOrEqual(2);
    for (const a of alerts) expect(a.region_path).toBe(a.acknowledged_at ? duanBuilding.path : tree.buildingA.path);

    const entries = (await admin.get('/api/audit?action=person.transfer_accept')).json().items as {
      regionPath: string;
      details: { side: string; moved: Record<string, number> };
    }[];
    expect(entries.map((e) => [e.details.side, e.regionPath]).sort()).toEqual([
      ['from', duanBuilding.path],
      ['to', tree.buildingA.path],
    ]);
    expect(entries[0]!.details.moved).toMatchObject({
      episodes: 1,
      followUps: pendingSlots.length,
      necessities: 1,
      cases: 1,
      contacts: 1,
    });
    expect(
      (await county.post(`/api/person-transfers/${filed.id}/decision`, { decision: 'refuse' })).json().error.code,
    ).toBe('TRANSFER_STATE');

    // now his own: the 古陶镇 worker registers him again as usual, and 段村 is the one refused
    expect(
      (await gutaoGrid.post('/api/persons', { name: '王五', idNumber: WANG, householdId: householdA.id })).statusCode,
    ).toBe(200);
    expect(
      (await duanGrid.post('/api/persons', { name: '王五', idNumber: WANG, householdId: duanHousehold.id })).json()
        .error.code,
    ).toBe('PERSON_REGISTERED_ELSEWHERE');
  });
});

describe('a move within the jurisdiction', () => {
  it('takes the open home isolation along (a re-registration, a correction or the household moving), keeping an observer who still covers the place', async () => {
    const zhao = await t.db
      .selectFrom('persons')
      .select(['id', 'household_id'])
      .where('id_number', '=', ZHAO)
      .executeTakeFirstOrThrow();
    const grid = await t.db
      .selectFrom('regions')
      .selectAll()
      .where('name', '=', '段村第一网格')
      .executeTakeFirstOrThrow();
    const building4 = await makeRegion(t.db, t.clock, grid, 'building', '4号院');
    const household4 = (await duanGrid.post('/api/households', { regionId: building4.id, room: '2号' })).json();
    const episode = await admin.post('/api/isolation/episodes', {
      personId: zhao.id,
      kind: 'home',
      reason: 'close_contact',
      observerId,
    });
    expect(episode.statusCode).toBe(201);
    const where = () =>
      t.db
        .selectFrom('isolation_episodes')
        .select(['region_path', 'household_id', 'observer_id'])
        .where('id', '=', episode.json().id)
        .executeTakeFirstOrThrow();

    expect((await duanGrid.patch(`/api/persons/${zhao.id}`, { householdId: household4.id })).statusCode).toBe(200);
    expect(await where()).toEqual({
      region_path: building4.path,
      household_id: household4.id,
      observer_id: observerId,
    });

    expect(
      (await duanGrid.post('/api/persons', { name: '赵六', idNumber: ZHAO, householdId: zhao.household_id }))
        .statusCode,
    ).toBe(200);
    expect(await where()).toEqual({
      region_path: duanBuilding.path,
      household_id: zhao.household_id,
      observer_id: observerId,
    });

    expect((await duanGrid.patch(`/api/households/${zhao.household_id}`, { regionId: building4.id })).statusCode).toBe(
      200,
    );
    expect((await where()).region_path).toBe(building4.path);
    const slots = await t.db
      .selectFrom('follow_up_slots')
      .select('region_path')
      .where('episode_id', '=', episode.json().id)
      .where('status', '=', 'pending')
      .execute();
    expect(slots.length).toBeGreaterThan(0);
    expectAll(slots, (s) => s.region_path === building4.path);
  });
});

describe('a region named by a transfer request', () => {
  it('holds data: it cannot be deleted, only retired', async () => {
    const empty = await makeRegion(t.db, t.clock, tree.gridA, 'building', '9号院');
    const filed = await gutaoGrid.post('/api/person-transfers', {
      name: '赵六',
      idNumber: ZHAO,
      regionId: empty.id,
      reason: '借住',
    });
    expect(filed.statusCode).toBe(201);
    expect((await gutaoGrid.post(`/api/person-transfers/${filed.json().id}/withdraw`)).json().status).toBe('withdrawn');
    const res = await admin.delete(`/api/regions/${empty.id}`);
    expect(res.json().error.code).toBe('REGION_HAS_DATA');
    expect(await t.db.selectFrom('regions').select('id').where('id', '=', empty.id).execute()).toHaveLength(1);
  });
});
