import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';
import { METRIC_LABELS } from '../../../shared/rollups';
import { refreshRollups } from '../rollups/refresh.service';
import { readRollups } from '../rollups';
import { EXPORT_HEADERS, LIVE_LABEL } from './export';

/**
 * Issue 13.2: a county whose townships have not reported drafted a sheet of zeros, and no village
 * report could be started by a township. On 24 January 2020 (Asia/Shanghai), through the API:
 * the county's draft keeps, beside the sum of what was submitted (nothing yet), the live figures of
 * its whole jurisdiction and of each missing township (辖区实时数), in the report and the .xlsx; the
 * township fills in 西城村's report for it (代填) — recorded on every version, on the submission,
 * in its own summed report and in the .xlsx — and still reviews it; 东城村's own cadre (a grid-role
 * user bound to the village) files 东城村's without any 代填 mark.
 */
let t: TestApp;
let tree: Awaited<ReturnType<typeof makeTree>>;
const TZ = 'Asia/Shanghai';
const DAY = '2020-01-24';
const id = (first17: string) => first17 + idCardCheckChar(first17);
const as = (username: string): Promise<Client> => t.login(username, username === 'admin' ? ADMIN_PASSWORD : PASSWORD);
const put = (c: Client, url: string, body: unknown) => c.request({ method: 'PUT', url, payload: body as object });
const draft = (c: Client, regionId: string) => c.post('/api/daily-reports/draft', { regionId, day: DAY });
let xichengReport: string;

async function sheetOf(c: Client, reportId: string) {
  const res = await c.get(`/api/daily-reports/${reportId}/export.xlsx`);
  expect(res.statusCode, res.body).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('日报')!;
  const rows = new Map<string, ExcelJS.Row>();
  ws.eachRow((row, n) => {
    if (n > 4) rows.set(String(row.getCell(1).value), row);
  });
  return { ws, rows };
}
const cell = (row: ExcelJS.Row | undefined, label: string) => row?.getCell(EXPORT_HEADERS.indexOf(label) + 1).value;

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'cunwei', 'grid', tree.dongcheng); // 东城村's cadre: a grid-role user bound to the village
  await makeUser(t.db, t.clock, 'gridworker', 'grid', tree.gridA);
  await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'duancun', 'township', tree.duancun);
  await makeUser(t.db, t.clock, 'county', 'command', tree.county);
  t.clock.set('2020-01-24T04:00:00Z');
  const admin = await as('admin');
  const people: [string, string, string][] = [
    ['赵东城', '14072819800101101', tree.buildingA.id],
    ['钱东城', '14072819800101102', tree.buildingA.id],
    ['孙西城', '14072819800101103', tree.buildingB.id],
  ];
  for (const [name, first17, regionId] of people) {
    const res = await admin.post('/api/persons', { name, idNumber: id(first17), regionId, confirmNotDuplicate: true });
    expect(res.statusCode, res.body).toBe(201);
  }
  await refreshRollups(t.db, t.clock, TZ, { force: true });
});
afterAll(async () => t.close());

describe('the live figures beside the sum (辖区实时数)', () => {
  it("a county none of whose townships has reported sees its jurisdiction's live figures beside the zero sum, in the report and the .xlsx", async () => {
    const county = await as('county');
    const res = await draft(county, tree.county.id);
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    const live = await readRollups(t.db, [tree.county.path, tree.gutao.path], DAY);
    expect(live.get(tree.county.path)!.residents).toBe(3);
    expect(r.computed.residents).toBe(0); // nothing submitted: the sum is zero …
    expect(r.children.live).toEqual(live.get(tree.county.path)); // … and the live figures stand beside it
    expect(r.children.missing.map((c: any) => [c.name, c.figures, c.live?.residents])).toEqual([
      ['古陶镇', null, 3],
      ['段村镇', null, 0],
    ]);

    const { rows } = await sheetOf(county, r.id);
    const residents = METRIC_LABELS.residents.zh;
    expect(cell(rows.get('合计'), residents)).toBe(0);
    expect(cell(rows.get(LIVE_LABEL), residents)).toBe(3);
    expect(String(rows.get('未报单位（2个）')?.getCell(2).value)).toBe('古陶镇、段村镇');
  });
});

describe('代填: the township fills in a village report for it', () => {
  it('lists the villages the township may fill in; the county, a grid worker and another township may not', async () => {
    const list = (await (await as('gutao')).get(`/api/daily-reports?day=${DAY}`)).json();
    expect(list.units.map((u: any) => [u.name, u.status, u.mayPrepare, u.proxy])).toEqual([
      ['古陶镇', 'none', true, false],
      ['东城村', 'none', true, true],
      ['西城村', 'none', true, true],
    ]);
    const countyList = (
      await (await as('county')).get(`/api/daily-reports?day=${DAY}&regionId=${tree.gutao.id}`)
    ).json();
    expect(countyList.units.map((u: any) => [u.name, u.mayPrepare])).toEqual([
      ['古陶镇', false],
      ['东城村', false],
      ['西城村', false],
    ]);
    expect((await draft(await as('county'), tree.xicheng.id)).json().error.code).toBe('DAILY_REPORT_NOT_YOURS');
    expect((await draft(await as('gridworker'), tree.dongcheng.id)).json().error.code).toBe('REGION_NOT_FOUND'); // the village is above the grid worker's grid
    expect((await draft(await as('duancun'), tree.xicheng.id)).json().error.code).toBe('REGION_NOT_FOUND');
  });

  it('the township drafts, corrects and submits 西城村 for it: every state says 古陶镇 filled it in, and it still reviews it', async () => {
    const township = await as('gutao');
    const res = await draft(township, tree.xicheng.id);
    expect(res.statusCode, res.body).toBe(201);
    const r = res.json();
    xichengReport = r.id;
    expect(r).toMatchObject({
      regionName: '西城村',
      computed: { residents: 1 },
      may: { edit: true, submit: true, review: false, proxy: true },
    });
    const saved = await put(township, `/api/daily-reports/${r.id}`, {
      corrections: [{ metric: 'householdsVisited', value: 1, reason: '村干部电话报来，已入户1户' }],
      assessment: '西城村平稳（镇代填）',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const submitted = await township.post(`/api/daily-reports/${r.id}/submit`, {});
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({
      status: 'submitted',
      submittedByName: 'gutao',
      submittedProxyUnit: '古陶镇',
      may: { review: true },
    });

    const versions = (await township.get(`/api/daily-reports/${r.id}/versions`)).json().items;
    expect(versions.map((v: any) => [v.action, v.actorName, v.proxyUnit])).toEqual([
      ['draft', 'gutao', '古陶镇'],
      ['save', 'gutao', '古陶镇'],
      ['submit', 'gutao', '古陶镇'],
    ]);
    const reviewed = await township.post(`/api/daily-reports/${r.id}/review`, {
      decision: 'reviewed',
      note: '电话核实无误',
    });
    expect(reviewed.statusCode, reviewed.body).toBe(200);
    expect(reviewed.json()).toMatchObject({ status: 'reviewed', submittedProxyUnit: '古陶镇' });

    const { ws } = await sheetOf(township, r.id);
    expect(String(ws.getCell(2, 1).value)).toContain('报送人：gutao（古陶镇代填）');
    const audit = await t.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'daily_report.submit')
      .where('entity_id', '=', r.id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(String(audit.details))).toMatchObject({ proxyUnit: '古陶镇' });
  });

  it("the village's own cadre files without a 代填 mark; the township's report shows which village it filled in", async () => {
    const village = await as('cunwei');
    const own = (await draft(village, tree.dongcheng.id)).json();
    expect(own.may).toEqual({ edit: true, submit: true, review: false, proxy: false });
    const submitted = (await village.post(`/api/daily-reports/${own.id}/submit`, {})).json();
    expect(submitted).toMatchObject({ status: 'submitted', submittedByName: 'cunwei', submittedProxyUnit: null });
    expect(
      (await village.get(`/api/daily-reports/${own.id}/versions`)).json().items.map((v: any) => v.proxyUnit),
    ).toEqual([null, null]);

    const township = await as('gutao');
    const list = (await township.get(`/api/daily-reports?day=${DAY}`)).json();
    expect(list.units.map((u: any) => [u.name, u.status, u.submittedProxyUnit])).toEqual([
      ['古陶镇', 'none', null],
      ['东城村', 'submitted', null],
      ['西城村', 'reviewed', '古陶镇'],
    ]);
    const mine = (await draft(township, tree.gutao.id)).json();
    expect(mine.may.proxy).toBe(false);
    expect(mine.children.included.map((c: any) => [c.name, c.proxyUnit])).toEqual([
      ['东城村', null],
      ['西城村', '古陶镇'],
    ]);
    expect(mine.children.missing).toEqual([]);
    expect(mine.computed.residents).toBe(mine.children.live.residents);
    const { rows } = await sheetOf(township, mine.id);
    expect(String(cell(rows.get('西城村'), '报送情况'))).toBe('已审核（第1版），古陶镇代填');
    expect(String(cell(rows.get('东城村'), '报送情况'))).toBe('已报送（第1版）');
    expect(xichengReport).toBeTruthy();
  });
});
