import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeUser, makeTree, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';
import { sweepLateZeroReports } from './sweep.service';
import { expectAll } from '../../testing/expect-all';

/**
 * 零报告 under a clock the test moves (Asia/Shanghai, UTC+8, deadline 10:00 by default). The county:
 * 古陶镇 (东城村 with grid A, 西城村 with grid B, a checkpoint at 东城村, an isolation hotel in
 * 西城村) and 段村镇 (段村). What happened on 24 January is what the reports of 25 January carry.
 */
let t: TestApp;
let tree: Awaited<ReturnType<typeof makeTree>>;
let admin: Client;
let command: Client;
let dongchengGrid: Client;
let xichengGrid: Client;
let crew: Client;
let cadre: Client;
let duancunCadre: Client;
let checkpointId: string;
let hotelId: string;
let dongchengReportId: string;
let homeEpisodeId: string;

const id = (first17: string) => first17 + idCardCheckChar(first17);
/** Local time in Asia/Shanghai as an instant. */
const local = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+08:00`);

/** Move the clock; sessions last 12 hours, so everyone logs in again at the new time. */
async function at(when: Date) {
  t.clock.set(when);
  admin = await t.login('admin', ADMIN_PASSWORD);
  command = await t.login('cmd', PASSWORD);
  dongchengGrid = await t.login('dc_grid', PASSWORD);
  xichengGrid = await t.login('xc_grid', PASSWORD);
  crew = await t.login('crew', PASSWORD);
  cadre = await t.login('gutao_cadre', PASSWORD);
  duancunCadre = await t.login('duancun_cadre', PASSWORD);
}

async function passage(client: Client, over: Record<string, unknown>) {
  const res = await client.post('/api/checkpoints/passages', {
    id: randomUUID(),
    siteId: checkpointId,
    direction: 'in',
    plate: '晋K12345',
    vehicleType: 'car',
    decision: 'pass',
    occupants: [{ name: '过客', temperature: 36.5 }],
    ...over,
  });
  expect(res.statusCode, res.body).toBe(201);
}

const put = (client: Client, url: string, body: unknown) =>
  client.request({ method: 'PUT', url, payload: body as object });
const count = async (table: 'zero_reports' | 'zero_report_versions' | 'alerts') =>
  Number(
    (
      await t.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'cmd', 'command', tree.county);
  await makeUser(t.db, t.clock, 'dc_grid', 'grid', tree.gridA);
  await makeUser(t.db, t.clock, 'xc_grid', 'grid', tree.gridB);
  await makeUser(t.db, t.clock, 'crew', 'checkpoint', tree.gutao);
  await makeUser(t.db, t.clock, 'gutao_cadre', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'duancun_cadre', 'township', tree.duancun);

  // 23 January: the checkpoint and the hotel are set up; 包保 for 东城村 and for 古陶镇 (西城村 has nobody of its own).
  await at(local('2020-01-23', '09:00'));
  checkpointId = (
    await admin.post('/api/checkpoints/sites', {
      name: '东城村口',
      kind: 'village_entrance',
      regionId: tree.dongcheng.id,
    })
  ).json().id;
  const hotel = await admin.post('/api/isolation/sites', { name: '西城宾馆', regionId: tree.xicheng.id });
  expect(hotel.statusCode, hotel.body).toBe(201);
  hotelId = hotel.json().id;
  await admin.post('/api/responsibilities', {
    regionId: tree.dongcheng.id,
    personName: '张包村',
    post: '乡镇包村干部',
    phone: '13812345678',
  });
  await admin.post('/api/responsibilities', {
    regionId: tree.gutao.id,
    personName: '李县长',
    post: '副县长（包联古陶镇）',
    phone: '13987654321',
  });
  const round = (
    await admin.post('/api/screening/rounds', {
      name: '摸排',
      startDate: '2020-01-23',
      endDate: '2020-02-05',
      regionIds: [tree.gutao.id],
    })
  ).json();

  // 24 January in 东城村: a returnee registered, a household visited with a fever, someone isolated at home.
  await at(local('2020-01-24', '10:00'));
  const household = (await admin.post('/api/households', { regionId: tree.buildingA.id, room: '3号' })).json();
  const returnee = await admin.post('/api/persons', {
    name: '赵返乡',
    idNumber: id('14072819900303003'),
    householdId: household.id,
    relation: 'head',
    tags: ['returnee'],
    confirmNotDuplicate: true,
  });
  expect(returnee.statusCode, returnee.body).toBe(201);
  const feverish = (
    await admin.post('/api/persons', {
      name: '钱发热',
      idNumber: id('14072819880404004'),
      householdId: household.id,
      relation: 'spouse',
      confirmNotDuplicate: true,
    })
  ).json().person;
  const visit = await admin.post('/api/screening/visits', {
    roundId: round.id,
    householdId: household.id,
    outcome: 'refer',
    checks: [{ personId: feverish.id, present: true, temperature: 38.1 }],
  });
  expect(visit.statusCode, visit.body).toBe(201);
  await at(local('2020-01-24', '11:00'));
  const episode = await admin.post('/api/isolation/episodes', {
    personId: returnee.json().person.id,
    kind: 'home',
    reason: 'hubei_returnee',
  });
  expect(episode.statusCode, episode.body).toBe(201);
  homeEpisodeId = episode.json().id;
  // 24 January at the checkpoint: two at noon (one turned back, one with a fever), one just before midnight.
  await at(local('2020-01-24', '12:00'));
  await passage(crew, {
    decision: 'turned_back',
    plate: '晋A11111',
    occupants: [
      { name: '甲', temperature: 36.4 },
      { name: '乙', temperature: 36.6 },
    ],
  });
  await passage(crew, { decision: 'referred', plate: '晋K22222', occupants: [{ name: '丙', temperature: 38.5 }] });
  await at(local('2020-01-24', '23:50'));
  await passage(crew, { plate: '晋K33333' });
  // 25 January, ten past midnight: belongs to the report of the 26th.
  await at(local('2020-01-25', '00:10'));
  await passage(crew, { plate: '晋K44444' });
});
afterAll(async () => t.close());

describe('the pre-filled form', () => {
  it("shows a village yesterday's flows and today's stocks, with the deadline", async () => {
    await at(local('2020-01-25', '08:00'));
    const res = await dongchengGrid.get(`/api/zero-reports/draft?unitType=village&unitId=${tree.dongcheng.id}`);
    expect(res.statusCode, res.body).toBe(200);
    const draft = res.json();
    const slotsDueOn24 = await t.db
      .selectFrom('follow_up_slots')
      .select('id')
      .where('episode_id', '=', homeEpisodeId)
      .where('due_to', '>=', local('2020-01-24', '00:00').toISOString())
      .where('due_to', '<', local('2020-01-25', '00:00').toISOString())
      .execute();
    expect(slotsDueOn24.length).toBeGreaterThan(0);
    expect(draft).toMatchObject({
      day: '2020-01-25',
      period: { from: '2020-01-23T16:00:00.000Z', to: '2020-01-24T16:00:00.000Z' },
      asOf: '2020-01-25T00:00:00.000Z',
      deadline: '10:00',
      deadlineAt: '2020-01-25T02:00:00.000Z',
      deadlinePassed: false,
      unit: { unitType: 'village', name: '东城村', townshipName: '古陶镇' },
      fields: ['newReturnees', 'householdsScreened', 'fevers', 'newIsolations', 'inIsolation', 'followUpsMissed'],
      // the slots of the 24th were never filled: each is past its window and the grace period by now
      computed: {
        newReturnees: 1,
        householdsScreened: 1,
        fevers: 1,
        newIsolations: 1,
        inIsolation: 1,
        followUpsMissed: slotsDueOn24.length,
      },
      report: null,
    });
    // 西城村 had nothing at all: a zero report is still owed
    const west = (await xichengGrid.get(`/api/zero-reports/draft?unitType=village&unitId=${tree.xicheng.id}`)).json();
    expect(west.computed).toEqual({
      newReturnees: 0,
      householdsScreened: 0,
      fevers: 0,
      newIsolations: 0,
      inIsolation: 0,
      followUpsMissed: 0,
    });
    // before the deadline nobody is late yet
    expect((await admin.post('/api/zero-reports/sweep')).json()).toEqual({
      day: '2020-01-25',
      deadlinePassed: false,
      late: 0,
      raised: 0,
    });
  });

  it("counts a checkpoint's passages of the previous local day only (23:50 in, 00:10 out)", async () => {
    const draft = (await crew.get(`/api/zero-reports/draft?unitType=checkpoint_site&unitId=${checkpointId}`)).json();
    expect(draft.computed).toEqual({ passages: 3, peopleChecked: 4, fevers: 1, turnedBack: 1 });
  });

  it('lists the units each user files for', async () => {
    const names = async (c: Client) =>
      (await c.get('/api/zero-reports/units')).json().items.map((u: { name: string }) => u.name);
    expect(await names(dongchengGrid)).toEqual(['东城村']);
    expect(await names(crew)).toEqual(['东城村口']);
    expect((await names(cadre)).sort()).toEqual(['东城村', '东城村口', '西城宾馆', '西城村'].sort());
    expect(await names(duancunCadre)).toEqual(['段村']);
  });
});

describe('submitting', () => {
  it('before the deadline is on time; a changed figure carries its reason', async () => {
    const before = await count('zero_reports');
    await at(local('2020-01-25', '09:59'));
    const res = await dongchengGrid.post('/api/zero-reports', {
      unitType: 'village',
      unitId: tree.dongcheng.id,
      corrections: [
        { field: 'householdsScreened', value: 3, reason: '两户纸质登记未录入' },
        { field: 'fevers', value: 1 },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const { report, created } = res.json();
    expect(created).toBe(true);
    expect(report).toMatchObject({
      day: '2020-01-25',
      version: 1,
      onTime: true,
      submittedByName: 'dc_grid',
      submittedAt: local('2020-01-25', '09:59').toISOString(),
      figures: { newReturnees: 1, householdsScreened: 3, fevers: 1 },
      computed: { householdsScreened: 1 },
      // a "correction" equal to the computed figure is no correction
      corrections: [{ field: 'householdsScreened', computed: 1, value: 3, reason: '两户纸质登记未录入' }],
    });
    dongchengReportId = report.id;
    expect(await count('zero_reports')).toBe(before + 1);
    const audited = await t.db
      .selectFrom('audit_log')
      .select(['action', 'details'])
      .where('entity_id', '=', report.id)
      .execute();
    expect(audited).toEqual([expect.objectContaining({ action: 'zero_report.submit' })]);
  });

  it('the crew reports its checkpoint; a grid worker may not', async () => {
    expect(
      (await crew.post('/api/zero-reports', { unitType: 'checkpoint_site', unitId: checkpointId })).json().report,
    ).toMatchObject({ onTime: true, figures: { passages: 3 } });
    // the township may file for it too (a second version)
    const res = await cadre.post('/api/zero-reports', {
      unitType: 'checkpoint_site',
      unitId: checkpointId,
      remarks: '乡镇代报',
    });
    expect(res.json().report).toMatchObject({ version: 2, onTime: true });
    // the checkpoint is in 东城村, but a grid worker files the village, not the barrier
    const asGrid = await dongchengGrid.post('/api/zero-reports', { unitType: 'checkpoint_site', unitId: checkpointId });
    expect(asGrid.json().error.code).toBe('ZERO_REPORT_UNIT_NOT_FOUND');
  });

  it.each([
    [{ corrections: [{ field: 'fevers', value: 2 }] }, 'ZERO_REPORT_REASON_REQUIRED', 400],
    [{ corrections: [{ field: 'fevers', value: 2, reason: '   ' }] }, 'ZERO_REPORT_REASON_REQUIRED', 400],
    [{ corrections: [{ field: 'passages', value: 0, reason: '无' }] }, 'ZERO_REPORT_FIELD_INVALID', 400],
    [{ corrections: [{ field: 'fevers', value: -1, reason: '错' }] }, 'VALIDATION', 400],
    [
      {
        corrections: [
          { field: 'fevers', value: 1, reason: 'a' },
          { field: 'fevers', value: 2, reason: 'b' },
        ],
      },
      'VALIDATION',
      400,
    ],
    [{ day: '2020-01-26' }, 'ZERO_REPORT_DAY_INVALID', 400],
    [{ day: '2020-01-10' }, 'ZERO_REPORT_DAY_INVALID', 400],
    [{ unitType: 'checkpoint_site' }, 'ZERO_REPORT_UNIT_NOT_FOUND', 404],
  ])('refuses %j with %s and stores nothing', async (over, code, status) => {
    const before = [await count('zero_reports'), await count('zero_report_versions')];
    const res = await xichengGrid.post('/api/zero-reports', { unitType: 'village', unitId: tree.xicheng.id, ...over });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.code).toBe(code);
    expect([await count('zero_reports'), await count('zero_report_versions')]).toEqual(before);
  });

  it("explains a refused correction in the reader's language, with the figures it should have seen", async () => {
    const res = await xichengGrid.request({
      method: 'POST',
      url: '/api/zero-reports',
      headers: { 'accept-language': 'en' },
      payload: { unitType: 'village', unitId: tree.xicheng.id, corrections: [{ field: 'fevers', value: 2 }] },
    });
    expect(res.json().error).toMatchObject({
      code: 'ZERO_REPORT_REASON_REQUIRED',
      message: 'Changing a pre-filled figure needs a reason',
      details: { fields: ['fevers'], computed: { fevers: 0 } },
    });
  });

  it('at the deadline itself is late', async () => {
    await at(local('2020-01-25', '10:00'));
    const res = await xichengGrid.post('/api/zero-reports', {
      unitType: 'village',
      unitId: tree.xicheng.id,
      remarks: '全村无异常',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().report).toMatchObject({
      day: '2020-01-25',
      onTime: false,
      remarks: '全村无异常',
      corrections: [],
    });
  });

  it('a resubmission is a new version; the first version and its timeliness are kept; a retry changes nothing', async () => {
    await at(local('2020-01-25', '11:00'));
    const body = {
      unitType: 'village',
      unitId: tree.dongcheng.id,
      corrections: [{ field: 'householdsScreened', value: 4, reason: '又补录一户' }],
      remarks: '补录',
    };
    const res = await dongchengGrid.post('/api/zero-reports', body);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().report).toMatchObject({
      id: dongchengReportId,
      version: 2,
      onTime: true,
      figures: { householdsScreened: 4 },
      remarks: '补录',
      submittedAt: local('2020-01-25', '11:00').toISOString(),
    });
    const retry = await dongchengGrid.post('/api/zero-reports', body);
    expect(retry.statusCode).toBe(200);
    expect(retry.json()).toMatchObject({ created: false, report: { version: 2 } });
    const versions = (await command.get(`/api/zero-reports/${dongchengReportId}/versions`)).json().items;
    expect(
      versions.map((v: { version: number; figures: { householdsScreened: number }; remarks: string | null }) => [
        v.version,
        v.figures.householdsScreened,
        v.remarks,
      ]),
    ).toEqual([
      [1, 3, null],
      [2, 4, '补录'],
    ]);
    const draft = (
      await dongchengGrid.get(`/api/zero-reports/draft?unitType=village&unitId=${tree.dongcheng.id}`)
    ).json();
    expect(draft.report).toMatchObject({ version: 2, onTime: true });
  });
  it('concurrent submissions of one unit and day become successive versions of one report', async () => {
    const results = await Promise.all(
      ['甲', '乙', '丙'].map((remarks) =>
        duancunCadre.post('/api/zero-reports', {
          unitType: 'village',
          unitId: tree.duancunVillage.id,
          day: '2020-01-23',
          remarks,
        }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(results.map((r) => r.json().report.version).sort()).toEqual([1, 2, 3]);
    expect(new Set(results.map((r) => r.json().report.id)).size).toBe(1);
    expect(
      (await duancunCadre.get(`/api/zero-reports/${results[0]!.json().report.id}/versions`)).json().items,
    ).toHaveLength(3);
  });
});

describe('jurisdiction', () => {
  it("a grid worker can neither see nor file another village's report", async () => {
    const draft = await dongchengGrid.get(`/api/zero-reports/draft?unitType=village&unitId=${tree.xicheng.id}`);
    expect(draft.statusCode).toBe(404);
    expect(draft.json().error.code).toBe('ZERO_REPORT_UNIT_NOT_FOUND');
    const before = await count('zero_report_versions');
    expect(
      (await dongchengGrid.post('/api/zero-reports', { unitType: 'village', unitId: tree.xicheng.id })).json().error
        .code,
    ).toBe('ZERO_REPORT_UNIT_NOT_FOUND');
    expect(await count('zero_report_versions')).toBe(before);
    expect((await xichengGrid.get(`/api/zero-reports/${dongchengReportId}/versions`)).json().error.code).toBe(
      'ZERO_REPORT_NOT_FOUND',
    );
    // a role that files nothing
    await makeUser(t.db, t.clock, 'supplies', 'supplies', tree.county);
    const supplies = await t.login('supplies', PASSWORD);
    expect(
      (await supplies.post('/api/zero-reports', { unitType: 'village', unitId: tree.duancunVillage.id })).json().error
        .code,
    ).toBe('FORBIDDEN');
  });

  it('a township sees only its own units on the status view', async () => {
    const status = (await duancunCadre.get('/api/zero-reports/status')).json();
    expect(status.totals).toEqual({ units: 1, reported: 0, onTime: 0 });
    expect(status.missing.map((m: { name: string }) => m.name)).toEqual(['段村']);
    expect(status.townships.map((r: { name: string }) => r.name)).toEqual(['段村镇']);
    expect((await duancunCadre.get(`/api/zero-reports/status?under=${tree.gutao.id}`)).statusCode).toBe(404);
  });
});

describe('the command centre', () => {
  it('sees who has not reported, with their 包保 answerable person, and completeness and timeliness per township', async () => {
    await at(local('2020-01-25', '11:30'));
    // 段村 files the 24th late (补报)
    expect(
      (
        await duancunCadre.post('/api/zero-reports', {
          unitType: 'village',
          unitId: tree.duancunVillage.id,
          day: '2020-01-24',
        })
      ).json().report,
    ).toMatchObject({ day: '2020-01-24', onTime: false });
    const status = (await command.get('/api/zero-reports/status')).json();
    expect(status).toMatchObject({
      day: '2020-01-25',
      deadline: '10:00',
      deadlinePassed: true,
      totals: { units: 5, reported: 3, onTime: 2 },
    });
    expect(status.townships).toEqual([
      { townshipId: tree.gutao.id, name: '古陶镇', units: 4, reported: 3, onTime: 2 },
      { townshipId: tree.duancun.id, name: '段村镇', units: 1, reported: 0, onTime: 0 },
    ]);
    const missing = Object.fromEntries(status.missing.map((m: { name: string }) => [m.name, m]));
    expect(Object.keys(missing).sort()).toEqual(['段村', '西城宾馆'].sort());
    // the hotel's village has nobody answerable: its township's county leader answers, phone masked
    expect(missing['西城宾馆']).toMatchObject({
      unitType: 'isolation_site',
      townshipName: '古陶镇',
      answerable: { name: '李县长', phone: '139****4321', regionName: '古陶镇' },
      escalated: false,
    });
    expect(missing['段村']).toMatchObject({ answerable: null });
    expect(status.latest.map((l: { name: string }) => l.name)).toEqual(['东城村', '西城村', '东城村口']);
    // the 14 days before: the sites were set up on the 23rd, so the 22nd owed three village reports only
    expect(status.history).toHaveLength(15);
    const day = (d: string) => status.history.find((h: { day: string }) => h.day === d);
    expect(day('2020-01-11')).toMatchObject({ units: 3, reported: 0 });
    expect(day('2020-01-22')).toMatchObject({ units: 3, reported: 0, onTime: 0 });
    expect(day('2020-01-24')).toMatchObject({ units: 5, reported: 1, onTime: 0 });
    expect(day('2020-01-25')).toMatchObject({ units: 5, reported: 3, onTime: 2 });
    expect(day('2020-01-24').townships).toContainEqual({
      townshipId: tree.duancun.id,
      units: 1,
      reported: 1,
      onTime: 0,
    });
  });

  it('late units are escalated once, after the deadline only', async () => {
    await at(local('2020-01-25', '11:31'));
    expect((await cadre.post('/api/zero-reports/sweep')).json().error.code).toBe('FORBIDDEN');
    const before = await count('alerts');
    expect((await admin.post('/api/zero-reports/sweep', {})).json()).toEqual({
      day: '2020-01-25',
      deadlinePassed: true,
      late: 2,
      raised: 2,
    });
    expect(await count('alerts')).toBe(before + 2);
    const alerts = (await cadre.get('/api/alerts?open=true'))
      .json()
      .items.filter((a: { kind: string }) => a.kind === 'zero_report_late');
    expect(alerts).toHaveLength(1);
    expect(alerts[0].message).toBe(
      '零报告逾期：西城宾馆（集中隔离点）未在1月25日 10:00 前报送；包保责任人：李县长（副县长（包联古陶镇），139****4321）',
    );
    // the ticker's call: nothing new
    expect(await sweepLateZeroReports(t.db, t.clock, t.config.timeZone)).toEqual({
      day: '2020-01-25',
      deadlinePassed: true,
      late: 2,
      raised: 0,
    });
    expect(await count('alerts')).toBe(before + 2);
    const status = (await command.get('/api/zero-reports/status')).json();
    expectAll(status.missing, (m: { escalated: boolean }) => m.escalated);
  });
});

describe('across midnight', () => {
  it("a report just before midnight is the day's; just after, a new day begins with the previous day's flows", async () => {
    await at(local('2020-01-25', '23:59'));
    const late = (
      await duancunCadre.post('/api/zero-reports', { unitType: 'village', unitId: tree.duancunVillage.id })
    ).json().report;
    expect(late).toMatchObject({ day: '2020-01-25', onTime: false });
    await at(local('2020-01-26', '00:01'));
    const draft = (await crew.get(`/api/zero-reports/draft?unitType=checkpoint_site&unitId=${checkpointId}`)).json();
    expect(draft).toMatchObject({
      day: '2020-01-26',
      deadlinePassed: false,
      report: null,
      computed: { passages: 1, peopleChecked: 1 },
    });
    const next = (await crew.post('/api/zero-reports', { unitType: 'checkpoint_site', unitId: checkpointId })).json()
      .report;
    expect(next).toMatchObject({ day: '2020-01-26', onTime: true, version: 1 });
    // the 25th can still be filed for, late
    const hotel = (
      await cadre.post('/api/zero-reports', { unitType: 'isolation_site', unitId: hotelId, day: '2020-01-25' })
    ).json().report;
    expect(hotel).toMatchObject({ day: '2020-01-25', onTime: false, figures: { inIsolation: 0 } });
    const status = (await command.get('/api/zero-reports/status?day=2020-01-25')).json();
    expect(status.totals).toEqual({ units: 5, reported: 5, onTime: 2 });
  });
});

describe('settings', () => {
  it('the command centre moves the deadline and the kinds of unit that report; others may not; bad values change nothing', async () => {
    expect((await dongchengGrid.get('/api/zero-reports/settings')).json()).toEqual({
      deadline: '10:00',
      unitKinds: ['village', 'checkpoint_site', 'isolation_site'],
    });
    expect(
      (await put(cadre, '/api/zero-reports/settings', { deadline: '09:00', unitKinds: ['village'] })).json().error.code,
    ).toBe('FORBIDDEN');
    expect(
      (await put(command, '/api/zero-reports/settings', { deadline: '25:00', unitKinds: ['village'] })).json().error
        .code,
    ).toBe('VALIDATION');
    expect(
      (await put(command, '/api/zero-reports/settings', { deadline: '09:00', unitKinds: [] })).json().error.code,
    ).toBe('VALIDATION');
    expect((await command.get('/api/zero-reports/settings')).json().deadline).toBe('10:00');
    const saved = await put(command, '/api/zero-reports/settings', {
      deadline: '09:00',
      unitKinds: ['village', 'checkpoint_site'],
    });
    expect(saved.json()).toEqual({ deadline: '09:00', unitKinds: ['village', 'checkpoint_site'] });
    expect(
      await t.db.selectFrom('audit_log').select('action').where('action', '=', 'zero_report.settings').execute(),
    ).toHaveLength(1);

    await at(local('2020-01-26', '09:30'));
    const status = (await command.get('/api/zero-reports/status')).json();
    expect(status).toMatchObject({ deadline: '09:00', deadlinePassed: true, totals: { units: 4 } });
    expect(status.missing.map((m: { unitType: string }) => m.unitType)).not.toContain('isolation_site');
    expect(
      (await cadre.get(`/api/zero-reports/draft?unitType=isolation_site&unitId=${hotelId}`)).json().error.code,
    ).toBe('ZERO_REPORT_UNIT_NOT_REPORTING');
    expect(
      (await xichengGrid.post('/api/zero-reports', { unitType: 'village', unitId: tree.xicheng.id })).json().report
        .onTime,
    ).toBe(false);
  });
});
