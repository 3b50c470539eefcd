import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp, type Client } from '../../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../../testing/factories';
import { idCardCheckChar } from '../../../../shared/validators';

/**
 * The party spreadsheets through the API: the organisation department downloads the templates,
 * imports the 古陶镇 organisation tree (a parent below its child in the file, one by code) and a
 * party roll; bad rows come back with their row, column and reason in Chinese; importing the same
 * files again changes nothing; a township cadre's import cannot reach another township.
 */
let t: TestApp;
let zuzhibu: Client;
let gutao: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;

const ORG_HEADER = '组织代码,组织名称,组织类别,上级党组织,所在单位,单位类型,所属区划代码,联系电话,备注';
const MEMBER_HEADER = '姓名,身份证号码,手机号码,所在党组织,党员类别,党员状态,党内职务,入党日期,备注';
const id = (first17: string) => first17 + idCardCheckChar(first17);

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'zuzhibu', 'organisation', tree.county);
  await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
  [zuzhibu, gutao] = (await Promise.all(['zuzhibu', 'gutao'].map((u) => t.login(u, PASSWORD)))) as [Client, Client];
});
afterAll(async () => t.close());

async function upload(client: Client, kind: 'organisations' | 'members', lines: string[], fileName = 'f.csv') {
  const res = await client.request({
    method: 'POST',
    url: `/api/party/${kind}/import?fileName=${encodeURIComponent(fileName)}`,
    headers: { 'content-type': 'text/csv' },
    payload: Buffer.from(lines.join('\n') + '\n', 'utf8'),
  });
  expect(res.statusCode, res.body).toBe(202);
  for (let i = 0; i < 400; i++) {
    const job = (await client.get(`/api/party/imports/${res.json().id}`)).json();
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('import did not finish');
}

async function reportRows(client: Client, jobId: string) {
  const res = await client.get(`/api/party/imports/${jobId}/report`);
  expect(res.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const rows: string[][] = [];
  wb.worksheets[0]!.eachRow((row, n) => {
    if (n > 1) rows.push((row.values as unknown[]).slice(1, 4).map((v) => String(v ?? '')));
  });
  return rows;
}

const ORGS = [
  ORG_HEADER,
  ',东城村党支部,党支部,中共古陶镇委员会,东城村,村,140728100200,,',
  'GT,中共古陶镇委员会,党委,,古陶镇人民政府,机关,140728100000,13912345678,',
  ',古陶镇中学党支部,党支部,GT,古陶镇中学,学校,140728100000,,',
  ',坏支部,支部,GT,某单位,机关,140728100000,,',
  ',无区划支部,党支部,GT,某单位,机关,999999999999,,',
  ',无上级支部,党支部,不存在的党委,某单位,机关,140728100000,,',
  ',支部下的支部,党支部,东城村党支部,某单位,机关,140728100000,,',
];

describe('party organisation import', () => {
  it('serves the template with a sample row', async () => {
    const res = await zuzhibu.get('/api/party/organisations/import-template');
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(2).value).toBe('组织名称');
    expect(String(ws.getRow(3).getCell(9).value)).toMatch(/^示例/);
    expect((await gutao.get('/api/party/members/import-template')).statusCode).toBe(200);
  });

  it('imports the tree (a parent may come later in the file) and reports bad rows with row and column', async () => {
    const job = await upload(zuzhibu, 'organisations', ORGS, '党组织.csv');
    expect(job).toMatchObject({ status: 'done', rows: 7, created: 3, invalid: 4, hasReport: true });
    const report = await reportRows(zuzhibu, job.id);
    expect(report).toEqual([
      ['5', '组织类别', '组织类别应为 党委 / 党总支 / 党支部'],
      ['6', '所属区划代码', '区划代码 999999999999 不存在或不在您的管辖范围内'],
      ['7', '上级党组织', '上级党组织“不存在的党委”不存在或不在您的管辖范围内'],
      ['8', '上级党组织', '上级“东城村党支部”是党支部，党支部下不能再设党组织'],
    ]);
    const nodes = (await zuzhibu.get('/api/party/organisations/tree')).json() as { name: string; parentId: string }[];
    const committee = nodes.find((n) => n.name === '中共古陶镇委员会')!;
    expect(nodes.filter((n) => n.parentId === (committee as unknown as { id: string }).id)).toHaveLength(2);
  });

  it('importing the same file again changes nothing', async () => {
    const before = await t.db.selectFrom('party_organisations').selectAll().orderBy('id').execute();
    const job = await upload(zuzhibu, 'organisations', ORGS);
    expect(job).toMatchObject({ status: 'done', created: 0, updated: 0, unchanged: 3, invalid: 4 });
    expect(await t.db.selectFrom('party_organisations').selectAll().orderBy('id').execute()).toEqual(before);
  });

  it('a township cannot import into another township, and a wrong header refuses the file', async () => {
    const job = await upload(gutao, 'organisations', [ORG_HEADER, ',段村支部,党支部,,段村,村,140728101200,,']);
    expect(job).toMatchObject({ status: 'done', created: 0, invalid: 1 });
    const bad = await upload(gutao, 'organisations', ['名称,类别', 'x,y']);
    expect(bad.status).toBe('failed');
    expect(bad.error).toMatchObject({ code: 'IMPORT_INVALID', row: 1 });
  });
});

describe('party member import', () => {
  const ZHANG = id('14072819800101001');
  const LI = id('14072819850202002');
  const MEMBERS = [
    MEMBER_HEADER,
    `张建国,${ZHANG},13800001111,东城村党支部,正式党员,,支部书记,2005-07-01,`,
    `李秀英,${LI},,古陶镇中学党支部,预备党员,正常,,,`,
    `李秀英,${LI},,古陶镇中学党支部,正式党员,正常,组织委员,,`,
    `赵某,${ZHANG.slice(0, 17)}${ZHANG.endsWith('1') ? '2' : '1'},,东城村党支部,正式党员,,,,`,
    `钱某,${id('14072819900303003')},12345,东城村党支部,正式党员,,,,`,
    `孙某,${id('14072819900404004')},,不存在的支部,正式党员,,,,`,
    `周某,${id('14072819900505005')},,东城村党支部,党员,,,,`,
    `吴某,${id('14072819900606006')},,东城村党支部,正式党员,,,2099-01-01,`,
    `张三,${ZHANG},,东城村党支部,正式党员,,,,`,
  ];

  it('links each member to the registry person of their ID number; a person twice is one member', async () => {
    const job = await upload(zuzhibu, 'members', MEMBERS, '党员.csv');
    expect(job).toMatchObject({ status: 'done', rows: 9, created: 2, invalid: 6 });
    const report = await reportRows(zuzhibu, job.id);
    expect(report.map((r) => [r[0], r[1]])).toEqual([
      ['5', '身份证号码'],
      ['6', '手机号码'],
      ['7', '所在党组织'],
      ['8', '党员类别'],
      ['9', '入党日期'],
      ['10', '身份证号码'],
    ]);
    expect(report[5]![2]).toBe('身份证号码与第 2 行相同而姓名不同');
    const list = (await zuzhibu.get('/api/party/members')).json().items;
    expect(list).toHaveLength(2);
    const li = list.find((m: { name: string }) => m.name === '李秀英');
    expect(li).toMatchObject({ category: 'full', post: '组织委员', organisationName: '古陶镇中学党支部' });
    expect(await t.db.selectFrom('persons').select('id').where('id_number', '=', LI).execute()).toHaveLength(1);
  });

  it('importing the same roll again changes nothing; a changed row updates the member', async () => {
    const before = await t.db.selectFrom('party_members').selectAll().orderBy('id').execute();
    const again = await upload(zuzhibu, 'members', MEMBERS);
    expect(again).toMatchObject({ status: 'done', created: 0, invalid: 6 });
    expect(await t.db.selectFrom('party_members').selectAll().orderBy('id').execute()).toEqual(before);
    const changed = await upload(zuzhibu, 'members', [
      MEMBER_HEADER,
      `张建国,${ZHANG},,东城村党支部,正式党员,流动,支部书记,2005-07-01,`,
    ]);
    expect(changed).toMatchObject({ created: 0, updated: 1 });
    const zhang = (await zuzhibu.get('/api/party/members?q=zjg')).json().items[0];
    expect(zhang.status).toBe('mobile');
    const otherName = await upload(zuzhibu, 'members', [MEMBER_HEADER, `张三,${ZHANG},,东城村党支部,正式党员,,,,`]);
    expect(otherName).toMatchObject({ created: 0, updated: 0, invalid: 1 });
    expect((await reportRows(zuzhibu, otherName.id))[0]).toEqual([
      '2',
      '身份证号码',
      '该身份证号码已登记为另一姓名的人员，请核对姓名或号码',
    ]);
  });

  it("a township's import reaches only its own organisations", async () => {
    await zuzhibu.post('/api/party/organisations', {
      kind: 'branch',
      name: '段村党支部',
      unitName: '段村',
      unitType: 'village',
      regionId: tree.duancunVillage.id,
    });
    const job = await upload(gutao, 'members', [
      MEMBER_HEADER,
      `郑某,${id('14072819700707007')},,段村党支部,正式党员,,,,`,
    ]);
    expect(job).toMatchObject({ created: 0, invalid: 1 });
    const audited = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'party_member.import')
      .execute();
    expect(audited.length).toBeGreaterThan(0);
  });
});
