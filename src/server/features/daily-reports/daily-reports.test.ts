import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';
import { METRIC_LABELS } from '../../../shared/rollups';
import { refreshRollups } from '../rollups/refresh.service';
import { readRollups } from '../rollups';
import { draftDailyReport } from './draft.service';
import { EXPORT_HEADERS } from './export';

/**
 * 一日一汇报 on 24 January 2020 (Asia/Shanghai), through the API: 东城村 drafts from live figures,
 * corrects one with a reason and submits; 古陶镇's draft sums its submitted villages plus what sits
 * on the township itself (a highway checkpoint) and lists 西城村 as missing; it goes up with a note;
 * the county returns it, 西城村 reports, 古陶镇 recomputes and resubmits, the county reviews. A late
 * entry for the 24th changes the live roll-ups but not the reports that went up; the .xlsx reads
 * back with its Chinese headers and totals; a township sees nothing of another township's reports.
 */
let t: TestApp;
let tree: Awaited<ReturnType<typeof makeTree>>;
const TZ = 'Asia/Shanghai';
const DAY = '2020-01-24';
const id = (first17: string) => first17 + idCardCheckChar(first17);
const as = (username: string): Promise<Client> => t.login(username, username === 'admin' ? ADMIN_PASSWORD : PASSWORD);
const refresh = () => refreshRollups(t.db, t.clock, TZ, { force: true });
const put = (c: Client, url: string, body: unknown) => c.request({ method: 'PUT', url, payload: body as object });
let siteId: string;
const ids: Record<string, string> = {};

async function person(admin: Client, name: string, idNumber: string, regionId: string, tags: string[] = []) {
  const res = await admin.post('/api/persons', { name, idNumber, regionId, tags, confirmNotDuplicate: true });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().person as { id: string };
}

async function passage(admin: Client, at: string, decision = 'pass') {
  const res = await admin.post('/api/checkpoints/passages', {
    // by name only: not linked to the registry (with a phone they would be a registry person and count as a new person)
    id: randomUUID(),
    siteId,
    at,
    direction: 'in',
    plate: '晋K12345',
    decision,
    occupants: [{ name: '过路人', temperature: 36.5 }],
  });
  expect(res.statusCode, res.body).toBeLessThan(300);
}

async function draft(c: Client, regionId: string, day = DAY) {
  return c.post('/api/daily-reports/draft', { regionId, day });
}

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'dongcheng', 'grid', tree.dongcheng);
  await makeUser(t.db, t.clock, 'xicheng', 'grid', tree.xicheng);
  await makeUser(t.db, t.clock, 'gridworker', 'grid', tree.gridA);
  await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'duancun', 'township', tree.duancun);
  await makeUser(t.db, t.clock, 'county', 'command', tree.county);
  t.clock.set('2020-01-24T04:00:00Z'); // noon on the 24th
  const admin = await as('admin');
  const returnee = await person(admin, '赵返乡', id('14072819900303003'), tree.buildingA.id, [
    'returnee',
    'hubei_travel',
  ]);
  await person(admin, '钱居民', id('14072819800101002'), tree.buildingA.id);
  await person(admin, '孙西城', id('14072819700505001'), tree.buildingB.id);
  expect(
    (await admin.post('/api/isolation/episodes', { personId: returnee.id, kind: 'home', reason: 'hubei_returnee' }))
      .statusCode,
  ).toBe(201);
  // a highway checkpoint registered on the township itself: the township's own part (本级)
  const site = await admin.post('/api/checkpoints/sites', {
    name: '古陶高速口',
    kind: 'highway_exit',
    regionId: tree.gutao.id,
  });
  expect(site.statusCode, site.body).toBe(201);
  siteId = site.json().id;
  await passage(admin, '2020-01-24T02:00:00Z', 'turned_back');
  await refresh();
});
afterAll(async () => t.close());

describe('the daily report (一日一汇报)', () => {
  it('a village drafts from live figures, corrects one with a reason, and submits', async () => {
    const village = await as('dongcheng');
    const first = await draft(village, tree.dongcheng.id);
    expect(first.statusCode, first.body).toBe(201);
    const r = first.json();
    ids.dongcheng = r.id;
    expect(r).toMatchObject({
      regionName: '东城村',
      level: 'village',
      day: DAY,
      status: 'draft',
      version: 0,
      children: null,
      may: { edit: true, submit: true, review: false },
    });
    expect(r.computed).toMatchObject({
      residents: 2,
      newPersons: 2,
      newReturnees: 1,
      keyPersons: 1,
      inIsolationHome: 1,
      newIsolations: 1,
      passages: 0,
    });
    expect(r.figures).toEqual(r.computed);
    const again = await draft(village, tree.dongcheng.id);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(r.id);

    // the county neither files nor fills in a village's report (only its township may, 代填: fill-in-and-live.test.ts)
    expect((await draft(await as('county'), tree.dongcheng.id)).json().error.code).toBe('DAILY_REPORT_NOT_YOURS');
    expect((await draft(village, tree.gridA.id)).json().error.code).toBe('DAILY_REPORT_UNIT_INVALID');
    expect((await draft(village, tree.dongcheng.id, '2020-01-25')).json().error.code).toBe('DAILY_REPORT_DAY_INVALID');

    const unexplained = await put(village, `/api/daily-reports/${r.id}`, {
      corrections: [{ metric: 'householdsVisited', value: 5 }],
    });
    expect(unexplained.statusCode).toBe(400);
    expect(unexplained.json().error).toMatchObject({
      code: 'DAILY_REPORT_REASON_REQUIRED',
      details: { metrics: ['householdsVisited'] },
    });
    const saved = await put(village, `/api/daily-reports/${r.id}`, {
      corrections: [
        { metric: 'householdsVisited', value: 5, reason: '5户为纸质登记，尚未录入系统' },
        { metric: 'residents', value: 2 },
      ],
      assessment: '本村总体平稳',
      problems: '口罩紧缺',
      requests: '请镇里调拨口罩200只',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      figures: { householdsVisited: 5, residents: 2 },
      computed: { householdsVisited: 0 },
      corrections: { householdsVisited: { from: 0, to: 5, reason: '5户为纸质登记，尚未录入系统' } },
      assessment: '本村总体平稳',
      problems: '口罩紧缺',
      requests: '请镇里调拨口罩200只',
    });
    expect(Object.keys(saved.json().corrections)).toEqual(['householdsVisited']);

    const submitted = await village.post(`/api/daily-reports/${r.id}/submit`, {});
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({
      status: 'submitted',
      version: 1,
      submittedByName: 'dongcheng',
      may: { edit: false },
    });
    expect((await put(village, `/api/daily-reports/${r.id}`, { assessment: '改' })).json().error.code).toBe(
      'DAILY_REPORT_LOCKED',
    );
    expect((await draft(village, tree.dongcheng.id)).json().error.code).toBe('DAILY_REPORT_LOCKED');
    expect((await village.post(`/api/daily-reports/${r.id}/review`, { decision: 'reviewed' })).json().error.code).toBe(
      'DAILY_REPORT_NOT_REVIEWER',
    );
  });

  it("a township's draft sums its submitted villages plus its own part, lists the missing, and goes up with a note", async () => {
    const township = await as('gutao');
    const res = await draft(township, tree.gutao.id);
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    ids.gutao = r.id;
    expect(r.children.included.map((c: any) => [c.name, c.status, c.version])).toEqual([['东城村', 'submitted', 1]]);
    expect(r.children.missing.map((c: any) => [c.name, c.status])).toEqual([['西城村', 'none']]);
    expect(r.children.own).toMatchObject({ passages: 1, turnedBack: 1, residents: 0 });
    // 东城村 as submitted (householdsVisited corrected to 5) + the checkpoint on the township; 西城村's resident is not summed
    expect(r.computed).toMatchObject({
      residents: 2,
      householdsVisited: 5,
      passages: 1,
      turnedBack: 1,
      inIsolationHome: 1,
    });

    const saved = await put(township, `/api/daily-reports/${r.id}`, {
      corrections: [{ metric: 'turnedBack', value: 3, reason: '步行劝返2人未登记' }],
      assessment: '全镇平稳',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const noNote = await township.post(`/api/daily-reports/${r.id}/submit`, {});
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error).toMatchObject({
      code: 'DAILY_REPORT_MISSING_NOTE_REQUIRED',
      details: { missing: ['西城村'] },
    });
    const submitted = await township.post(`/api/daily-reports/${r.id}/submit`, {
      missingNote: '西城村网格员发热就诊，明日补报',
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({
      status: 'submitted',
      version: 1,
      missingNote: '西城村网格员发热就诊，明日补报',
      figures: { turnedBack: 3 },
    });

    // the village is summed in the township's submitted report: it cannot be returned from under it; it can be reviewed
    const ret = await township.post(`/api/daily-reports/${ids.dongcheng}/review`, {
      decision: 'returned',
      note: '请核对',
    });
    expect(ret.json().error.code).toBe('DAILY_REPORT_INCLUDED_ABOVE');
    const reviewed = await township.post(`/api/daily-reports/${ids.dongcheng}/review`, { decision: 'reviewed' });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect(reviewed.json()).toMatchObject({ status: 'reviewed', reviewedByName: 'gutao' });

    const list = (await township.get(`/api/daily-reports?day=${DAY}`)).json();
    expect(list.region.name).toBe('古陶镇');
    expect(list.units.map((u: any) => [u.name, u.status, u.mayPrepare, u.proxy])).toEqual([
      ['古陶镇', 'submitted', true, false],
      ['东城村', 'reviewed', true, true],
      ['西城村', 'none', true, true],
    ]);
    expect(list.units[0]).toMatchObject({ childrenTotal: 2, childrenSubmitted: 1 });
  });

  it('the county returns the township; the late village reports; the township recomputes, resubmits, and is reviewed', async () => {
    const county = await as('county');
    const list = (await county.get(`/api/daily-reports?day=${DAY}`)).json();
    expect(list.units.map((u: any) => [u.name, u.status, u.childrenSubmitted, u.childrenTotal])).toEqual([
      ['平遥县', 'none', 1, 2],
      ['古陶镇', 'submitted', 1, 2],
      ['段村镇', 'none', 0, 1],
    ]);
    const noNote = await county.post(`/api/daily-reports/${ids.gutao}/review`, { decision: 'returned' });
    expect(noNote.json().error.code).toBe('DAILY_REPORT_RETURN_NOTE_REQUIRED');
    const returned = await county.post(`/api/daily-reports/${ids.gutao}/review`, {
      decision: 'returned',
      note: '请待西城村补报后重新汇总',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json()).toMatchObject({ status: 'returned', reviewNote: '请待西城村补报后重新汇总' });

    const village = await as('xicheng');
    const x = (await draft(village, tree.xicheng.id)).json();
    expect(x.computed.residents).toBe(1);
    expect((await village.post(`/api/daily-reports/${x.id}/submit`)).statusCode).toBe(200);

    const township = await as('gutao');
    const stale = await township.post(`/api/daily-reports/${ids.gutao}/submit`, {});
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'DAILY_REPORT_CHILDREN_CHANGED', details: { units: ['西城村'] } });
    const again = await draft(township, tree.gutao.id);
    expect(again.statusCode, again.body).toBe(200);
    const r = again.json();
    expect(r.status).toBe('returned');
    expect(r.children.included.map((c: any) => c.name)).toEqual(['东城村', '西城村']);
    expect(r.children.missing).toEqual([]);
    expect(r.computed).toMatchObject({ residents: 3, turnedBack: 1 });
    expect(r.figures).toMatchObject({ residents: 3, turnedBack: 3 }); // the correction and its reason stand
    expect(r.corrections.turnedBack).toEqual({ from: 1, to: 3, reason: '步行劝返2人未登记' });
    expect(r.assessment).toBe('全镇平稳');
    const resubmitted = await township.post(`/api/daily-reports/${ids.gutao}/submit`, {});
    expect(resubmitted.statusCode, resubmitted.body).toBe(200);
    expect(resubmitted.json()).toMatchObject({ status: 'submitted', version: 2, missingNote: null, reviewNote: null });
    const reviewed = await county.post(`/api/daily-reports/${ids.gutao}/review`, {
      decision: 'reviewed',
      note: '已阅',
    });
    expect(reviewed.json()).toMatchObject({ status: 'reviewed', version: 2, reviewNote: '已阅' });

    const versions = (await county.get(`/api/daily-reports/${ids.gutao}/versions`)).json().items;
    expect(versions.map((v: any) => [v.seq, v.action, v.status, v.version])).toEqual([
      [1, 'draft', 'draft', 0],
      [2, 'save', 'draft', 0],
      [3, 'submit', 'submitted', 1],
      [4, 'return', 'returned', 1],
      [5, 'refresh', 'returned', 1],
      [6, 'submit', 'submitted', 2],
      [7, 'review', 'reviewed', 2],
    ]);
    expect(versions[2]).toMatchObject({
      missingNote: '西城村网格员发热就诊，明日补报',
      figures: { residents: 2, turnedBack: 3 },
    });
    expect(versions[1].changes).toEqual(
      expect.arrayContaining([
        { field: 'figures.turnedBack', from: 1, to: 3 },
        { field: 'assessment', from: null, to: '全镇平稳' },
      ]),
    );
    expect(versions[3].note).toBe('请待西城村补报后重新汇总');

    // the county's own draft, as the bench calls it: the townships' submitted reports plus the county's own part
    const actor = {
      id: randomUUID(),
      username: 'county',
      displayName: '县指挥部',
      role: 'command' as const,
      regionId: tree.county.id,
      regionPath: tree.county.path,
      locale: 'zh-CN' as const,
      ip: null,
      userAgent: null,
    };
    const { report, created } = await draftDailyReport(t.db, t.clock, TZ, actor, tree.county.id, DAY);
    expect(created).toBe(true);
    expect(report.children!.included.map((c) => c.name)).toEqual(['古陶镇']);
    expect(report.children!.missing.map((c) => c.name)).toEqual(['段村镇']);
    expect(report.computed).toMatchObject({ residents: 3, turnedBack: 3, householdsVisited: 5, passages: 1 });
    expect(report.children!.own.residents).toBe(0);
  });

  it('a late entry for a past day moves the live figures, not the reports that went up', async () => {
    let county = await as('county');
    const before = (await county.get(`/api/daily-reports/${ids.gutao}`)).json();
    const village = (await county.get(`/api/daily-reports/${ids.dongcheng}`)).json();
    t.clock.set('2020-01-25T02:00:00Z');
    const admin = await as('admin');
    await passage(admin, '2020-01-24T06:00:00Z', 'turned_back'); // registered late, for the 24th
    await person(admin, '李补登', id('14072819850202004'), tree.buildingA.id);
    await refresh();
    const live = await readRollups(t.db, [tree.gutao.path], DAY);
    county = await as('county'); // the session of the day before has lapsed
    expect(live.get(tree.gutao.path)!.passages).toBe(2);
    expect((await county.get(`/api/daily-reports/${ids.gutao}`)).json()).toEqual(before);
    expect((await county.get(`/api/daily-reports/${ids.dongcheng}`)).json()).toEqual(village);
    expect(before.figures.passages).toBe(1);
  });

  it('exports the .xlsx a county office files: Chinese headers, one row per village, own part and totals; audited', async () => {
    const township = await as('gutao');
    const res = await township.get(`/api/daily-reports/${ids.gutao}/export.xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('古陶镇日报2020-01-24.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('日报')!;
    expect(String(ws.getCell(1, 1).value)).toBe('古陶镇疫情防控工作日报');
    expect(String(ws.getCell(2, 1).value)).toContain('已审核（第2版）');
    // 单位 and 报送情况 span both header rows; the figures sit in row 4 under their sections in row 3
    const header = EXPORT_HEADERS.map((_, i) =>
      String(ws.getCell(i === 0 || i === EXPORT_HEADERS.length - 1 ? 3 : 4, i + 1).value),
    );
    expect(String(ws.getCell(3, 2).value)).toBe('人员登记');
    expect(header).toEqual(EXPORT_HEADERS);
    expect(header).toEqual(
      expect.arrayContaining([
        '单位',
        METRIC_LABELS.residents.zh,
        '排查覆盖率',
        METRIC_LABELS.turnedBack.zh,
        '报送情况',
      ]),
    );
    const col = (label: string) => EXPORT_HEADERS.indexOf(label) + 1;
    const rows = new Map<string, ExcelJS.Row>();
    ws.eachRow((row, n) => {
      if (n > 4) rows.set(String(row.getCell(1).value), row);
    });
    expect([...rows.keys()].slice(0, 5)).toEqual(['东城村', '西城村', '古陶镇本级', '系统汇总', '合计']);
    const num = (row: string, label: string) => Number(rows.get(row)!.getCell(col(label)).value);
    const residents = METRIC_LABELS.residents.zh;
    const turnedBack = METRIC_LABELS.turnedBack.zh;
    expect([
      num('东城村', residents),
      num('西城村', residents),
      num('古陶镇本级', residents),
      num('合计', residents),
    ]).toEqual([2, 1, 0, 3]);
    expect([
      num('东城村', turnedBack),
      num('古陶镇本级', turnedBack),
      num('系统汇总', turnedBack),
      num('合计', turnedBack),
    ]).toEqual([0, 1, 1, 3]);
    expect(String(rows.get('东城村')!.getCell(EXPORT_HEADERS.length).value)).toBe('已审核（第1版）');
    expect(String(rows.get('形势研判')!.getCell(2).value)).toBe('全镇平稳');
    const notes = wb.getWorksheet('更正说明')!;
    expect((notes.getRow(2).values as unknown[]).slice(1)).toEqual([
      METRIC_LABELS.turnedBack.zh,
      1,
      3,
      '步行劝返2人未登记',
    ]);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', '=', 'daily_report.export')
      .execute();
    expect(audit).toEqual([{ action: 'daily_report.export', entity_id: ids.gutao }]);
  });

  it('a township sees, drafts and submits nothing of another township; a grid worker lists no unit', async () => {
    const other = await as('duancun');
    const own = await draft(other, tree.duancun.id);
    expect(own.statusCode, own.body).toBe(201);
    const theirs = own.json().id;
    const township = await as('gutao');
    expect((await township.get(`/api/daily-reports/${theirs}`)).json().error.code).toBe('DAILY_REPORT_NOT_FOUND');
    expect((await township.get(`/api/daily-reports/${theirs}/versions`)).statusCode).toBe(404);
    expect((await township.get(`/api/daily-reports/${theirs}/export.xlsx`)).statusCode).toBe(404);
    expect((await township.post(`/api/daily-reports/${theirs}/submit`, { missingNote: 'x' })).statusCode).toBe(404);
    expect((await put(township, `/api/daily-reports/${theirs}`, { assessment: '入侵' })).statusCode).toBe(404);
    expect(
      (await township.post(`/api/daily-reports/${theirs}/review`, { decision: 'returned', note: 'x' })).statusCode,
    ).toBe(404);
    expect((await draft(township, tree.duancun.id)).json().error.code).toBe('REGION_NOT_FOUND');
    expect((await township.get(`/api/daily-reports?regionId=${tree.duancun.id}&day=${DAY}`)).json().error.code).toBe(
      'REGION_NOT_FOUND',
    );
    const otherList = (await other.get(`/api/daily-reports?day=${DAY}`)).json();
    expect(otherList.units.map((u: any) => u.name)).toEqual(['段村镇', '段村']);
    // the county may not submit a township's report; the grid worker's node files none
    expect(
      (await (await as('county')).post(`/api/daily-reports/${theirs}/submit`, { missingNote: 'x' })).json().error.code,
    ).toBe('DAILY_REPORT_NOT_YOURS');
    const worker = await as('gridworker');
    const mine = (await worker.get('/api/daily-reports')).json();
    expect(mine.units).toEqual([]);
    expect((await worker.get(`/api/daily-reports/${ids.dongcheng}`)).statusCode).toBe(404);
  });
});
