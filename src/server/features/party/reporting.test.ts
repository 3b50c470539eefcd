import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { testApp, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';
import { GLOBAL_SCOPE } from '../../access/scope';
import { reportingFigures } from './index';

/**
 * 在职党员到社区报到 through the API: members of the county health bureau's and a school's branches
 * (unit branches) live in 东城村 and 段村; 东城村 prints its poster link; a member reports from it
 * (name + ID number + phone checked against the party roll), twice (one record), then moves to
 * 西城村 (the history keeps 东城村); a stranger and a village-branch member are refused and nothing
 * is stored; the community assigns posts (卡口值守 on a shift through checkpoints) and marks 已到岗;
 * the county sees 报到率 per unit and per community; a 段村镇 cadre sees none of 古陶镇's.
 */
let t: TestApp;
let zuzhibu: Client;
let gutao: Client;
let duancun: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
const ids: Record<string, string> = {};

const idNumber = (first17: string) => first17 + idCardCheckChar(first17);
const ZHANG = { name: '张卫国', idNumber: idNumber('14072819800101011'), phone: '13800000001' };
const LI = { name: '李秀英', idNumber: idNumber('14072819850202022'), phone: '13800000002' };
const WANG = { name: '王建军', idNumber: idNumber('14072819900303033'), phone: '13800000003' };
const ZHAO = { name: '赵村民', idNumber: idNumber('14072819700404044'), phone: '13800000004' };
const SUN = { name: '孙老师', idNumber: idNumber('14072819750505055'), phone: '13800000005' };
const STRANGER = { name: '路人甲', idNumber: idNumber('14072819950606066'), phone: '13800000006' };

async function org(body: Record<string, unknown>) {
  const res = await zuzhibu.post('/api/party/organisations', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}
async function member(p: typeof ZHANG, organisationId: string, homeRegionId: string) {
  const admin = await t.login('admin', 'Admin12345');
  const person = await admin.post('/api/persons', { ...p, regionId: homeRegionId });
  expect(person.statusCode, person.body).toBe(201);
  const res = await zuzhibu.post('/api/party/members', { ...p, organisationId, category: 'full' });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}
async function counts() {
  const r = await t.db
    .selectFrom('party_reports')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  const h = await t.db
    .selectFrom('party_report_history')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  const p = await t.db
    .selectFrom('persons')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst();
  return [Number(r!.n), Number(h!.n), Number(p!.n)];
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
  const bureau = await org({
    kind: 'branch',
    name: '县卫健局机关党支部',
    unitName: '平遥县卫生健康局',
    unitType: 'organ',
    regionId: tree.county.id,
  });
  const school = await org({
    kind: 'branch',
    name: '古陶镇中学党支部',
    unitName: '古陶镇中学',
    unitType: 'school',
    regionId: tree.gutao.id,
  });
  const village = await org({
    kind: 'branch',
    name: '东城村党支部',
    unitName: '东城村',
    unitType: 'village',
    regionId: tree.dongcheng.id,
  });
  ids.zhang = await member(ZHANG, bureau, tree.gridA.id);
  ids.li = await member(LI, bureau, tree.gridA.id);
  ids.wang = await member(WANG, school, tree.duancunVillage.id);
  ids.sun = await member(SUN, school, tree.gridB.id);
  ids.zhao = await member(ZHAO, village, tree.gridA.id);
});
afterAll(async () => t.close());

describe('the community poster link', () => {
  it('is made once per community, stable, and only for a village-level region', async () => {
    const first = await gutao.post(`/api/party/reporting/links/${tree.dongcheng.id}`);
    expect(first.statusCode, first.body).toBe(200);
    const again = await gutao.post(`/api/party/reporting/links/${tree.dongcheng.id}`);
    expect(again.json().slug).toBe(first.json().slug);
    expect(first.json().slug).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(first.json().path).toBe(`/bd/${first.json().slug}`);
    ids.dongchengSlug = first.json().slug;
    ids.xichengSlug = (await gutao.post(`/api/party/reporting/links/${tree.xicheng.id}`)).json().slug;
    expect((await gutao.post(`/api/party/reporting/links/${tree.gutao.id}`)).json().error.code).toBe(
      'REPORTING_NOT_A_COMMUNITY',
    );
    expect((await duancun.post(`/api/party/reporting/links/${tree.dongcheng.id}`)).statusCode).toBe(404);
  });

  it('shows the public page only the community and township names', async () => {
    const res = await t.anonymous.get(`/api/public/report-in/${ids.dongchengSlug}`);
    expect(res.json()).toEqual({ communityName: '东城村', townshipName: '古陶镇' });
    expect((await t.anonymous.get('/api/public/report-in/AAAAAAAAAAAAAAAAAAAAAA')).statusCode).toBe(404);
    expect((await t.anonymous.get('/api/public/report-in/..%2F..')).statusCode).toBe(400);
  });
});

describe('reporting in', () => {
  it('records a member who reports from the poster; reporting twice is one record', async () => {
    const url = `/api/public/report-in/${ids.dongchengSlug}`;
    const first = await t.anonymous.post(url, ZHANG);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ outcome: 'reported', communityName: '东城村' });
    const second = await t.anonymous.post(url, ZHANG);
    expect(second.json()).toEqual({ outcome: 'already', communityName: '东城村' });
    expect(await counts()).toEqual([1, 1, 5]);
  });

  it('refuses a person not on the roll, a wrong name or phone, and a village-branch member; nothing is stored', async () => {
    const before = await counts();
    const url = `/api/public/report-in/${ids.dongchengSlug}`;
    for (const body of [STRANGER, { ...LI, name: '李秀' }, { ...LI, phone: '13900000000' }]) {
      const res = await t.anonymous.post(url, body);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json().error.code).toBe('REPORTING_NOT_ON_ROLL');
      expect(res.json().error.message).toContain('未保存');
    }
    expect((await t.anonymous.post(url, ZHAO)).json().error.code).toBe('REPORTING_NOT_UNIT_MEMBER');
    expect((await t.anonymous.post(url, { ...LI, idNumber: '140728198502020220' })).json().error.code).toBe(
      'ID_NUMBER_INVALID',
    );
    expect((await t.anonymous.post(url, { ...LI, phone: '1234' })).statusCode).toBe(400);
    expect(await counts()).toEqual(before);
  });

  it('moves the record when the member reports to another community, keeping the history', async () => {
    const res = await t.anonymous.post(`/api/public/report-in/${ids.xichengSlug}`, ZHANG);
    expect(res.json()).toEqual({ outcome: 'moved', communityName: '西城村' });
    const rows = await t.db.selectFrom('party_reports').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.region_id).toBe(tree.xicheng.id);
    const history = await t.db.selectFrom('party_report_history').selectAll().orderBy('id').execute();
    expect(history.map((h) => [h.action, h.region_id])).toEqual([
      ['reported', tree.dongcheng.id],
      ['moved', tree.xicheng.id],
    ]);
    expect(history[1]!.from_region_path).toBe(tree.dongcheng.path);
  });

  it('lets a cadre enter a member for a community of their jurisdiction only', async () => {
    const res = await gutao.post('/api/party/reports', { ...LI, communityId: tree.dongcheng.id });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ name: '李秀英', communityName: '东城村', source: 'cadre', post: null });
    expect(res.json().idNumber).toBe(`${LI.idNumber.slice(0, 4)}**********${LI.idNumber.slice(-4)}`);
    expect(res.json().phone).toBe('138****0002');
    ids.liReport = res.json().id;
    const out = await gutao.post('/api/party/reports', { ...WANG, communityId: tree.duancunVillage.id });
    expect(out.statusCode).toBe(404);
    const own = await duancun.post('/api/party/reports', { ...WANG, communityId: tree.duancunVillage.id });
    expect(own.statusCode, own.body).toBe(201);
    ids.wangReport = own.json().id;
  });
});

describe("the community's list", () => {
  it('lists reports masked and scoped; another township sees 404', async () => {
    const mine = (await gutao.get(`/api/party/reports?regionId=${tree.dongcheng.id}`)).json().items;
    expect(mine.map((r: { name: string }) => r.name)).toEqual(['李秀英']);
    const all = (await gutao.get('/api/party/reports')).json().items;
    expect(all.map((r: { name: string }) => r.name).sort()).toEqual(['张卫国', '李秀英'].sort());
    const theirs = (await duancun.get('/api/party/reports')).json().items;
    expect(theirs.map((r: { name: string }) => r.name)).toEqual(['王建军']);
    expect((await duancun.get(`/api/party/reports/${ids.liReport}`)).statusCode).toBe(404);
    expect((await duancun.post(`/api/party/reports/${ids.liReport}/post`, { post: 'publicity' })).statusCode).toBe(404);
    expect((await duancun.post(`/api/party/reports/${ids.liReport}/reveal`, { field: 'phone' })).statusCode).toBe(404);
    expect((await duancun.get(`/api/party/reports?regionId=${tree.dongcheng.id}`)).statusCode).toBe(404);
  });

  it('reveals a phone only with an audit entry', async () => {
    const res = await gutao.post(`/api/party/reports/${ids.liReport}/reveal`, { field: 'phone' });
    expect(res.json()).toEqual({ field: 'phone', value: LI.phone });
    const entry = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'party_report.reveal')
      .executeTakeFirst();
    expect(entry?.entity_id).toBe(ids.liReport);
  });

  it('assigns a post, puts 卡口值守 on a checkpoint shift, and marks 已到岗', async () => {
    const site = (
      await gutao.post('/api/checkpoints/sites', {
        name: '东城村卡口',
        kind: 'village_entrance',
        regionId: tree.dongcheng.id,
      })
    ).json();
    expect(site.id).toBeTruthy();
    await gutao.post('/api/checkpoints/shifts/plan', { siteId: site.id, fromDay: '2020-01-25', days: 1 });
    const shift = (await gutao.get('/api/checkpoints/roster')).json().items[0];
    const bad = await gutao.post(`/api/party/reports/${ids.liReport}/post`, { post: 'publicity', shiftId: shift.id });
    expect(bad.json().error.code).toBe('REPORTING_SHIFT_NEEDS_CHECKPOINT');
    expect((await gutao.post(`/api/party/reports/${ids.liReport}/on-post`)).statusCode).toBe(400);
    const res = await gutao.post(`/api/party/reports/${ids.liReport}/post`, {
      post: 'checkpoint',
      siteId: site.id,
      shiftId: shift.id,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ post: 'checkpoint', siteName: '东城村卡口', onPostAt: null });
    const roster = (await gutao.get('/api/checkpoints/roster')).json().items[0];
    expect(JSON.stringify(roster)).toContain('李秀英');
    const arrived = await gutao.post(`/api/party/reports/${ids.liReport}/on-post`);
    expect(arrived.json().onPostAt).toBe(t.clock.now().toISOString());
    expect((await gutao.get('/api/party/reports?state=on_post')).json().items).toHaveLength(1);
    expect((await gutao.get('/api/party/reports?state=unassigned')).json().items).toHaveLength(1);
  });
});

describe('报到率', () => {
  it('gives the county the rate per unit (unit branches only) and per community', async () => {
    const res = await zuzhibu.get('/api/party/reporting/rates');
    expect(res.statusCode, res.body).toBe(200);
    const rates = res.json();
    expect(rates.units).toEqual([
      { unitName: '古陶镇中学', members: 2, reported: 1, onPost: 0, rate: 0.5 },
      { unitName: '平遥县卫生健康局', members: 2, reported: 2, onPost: 1, rate: 1 },
    ]);
    expect(rates.totals).toEqual({ members: 4, reported: 3, onPost: 1 });
    expect(rates.communities).toEqual([
      {
        communityId: tree.dongcheng.id,
        communityName: '东城村',
        townshipName: '古陶镇',
        reported: 1,
        assigned: 1,
        onPost: 1,
      },
      {
        communityId: tree.xicheng.id,
        communityName: '西城村',
        townshipName: '古陶镇',
        reported: 1,
        assigned: 0,
        onPost: 0,
      },
      {
        communityId: tree.duancunVillage.id,
        communityName: '段村',
        townshipName: '段村镇',
        reported: 1,
        assigned: 0,
        onPost: 0,
      },
    ]);
    const theirs = (await duancun.get('/api/party/reporting/rates')).json();
    expect(theirs.communities.map((c: { communityName: string }) => c.communityName)).toEqual(['段村']);
    expect(theirs.units).toEqual([]);
  });

  it('exports the rates as .xlsx', async () => {
    const res = await zuzhibu.get('/api/party/reporting/rates.xlsx');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('按单位')!;
    expect(ws.getRow(2).values).toEqual([undefined, '古陶镇中学', 2, 1, '50.0%', 0]);
    expect(wb.getWorksheet('按社区')!.rowCount).toBe(4);
  });

  it('gives the figures per township', async () => {
    const rows = await reportingFigures(t.db, GLOBAL_SCOPE, { day: '2020-01-25', timeZone: t.config.timeZone });
    expect(rows).toEqual([
      {
        townshipPath: tree.gutao.path,
        townshipName: '古陶镇',
        unitMembers: 2,
        unitMembersReported: 1,
        rate: 0.5,
        reported: 2,
        reportedOnDay: 2,
        assigned: 1,
        onPost: 1,
      },
      {
        townshipPath: tree.duancun.path,
        townshipName: '段村镇',
        unitMembers: 0,
        unitMembersReported: 0,
        rate: 0,
        reported: 1,
        reportedOnDay: 1,
        assigned: 0,
        onPost: 0,
      },
    ]);
    const next = await reportingFigures(
      t.db,
      { prefix: tree.gutao.path },
      { day: '2020-01-26', timeZone: t.config.timeZone },
    );
    expect(next).toHaveLength(1);
    expect(next[0]).toMatchObject({ reported: 2, reportedOnDay: 0 });
  });
});
