import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeUser, PASSWORD } from '../../testing/factories';
import { expectAll } from '../../testing/expect-all';

let t: TestApp;
let admin: Client;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

beforeAll(async () => {
  t = await testApp();
  admin = await t.login('admin', ADMIN_PASSWORD);
});
afterAll(async () => t.close());

async function sheet(rows: (string | number)[][], fromTemplate = true): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  if (fromTemplate) {
    const template = await admin.get('/api/regions/import-template');
    await wb.xlsx.load(template.rawPayload as unknown as ArrayBuffer);
  } else {
    wb.addWorksheet('x').addRow(['层级', '编码', '名称', '上级编码', '备注']);
  }
  const ws = wb.worksheets[0]!;
  // Type below the template's header, explanation and sample rows, as a user would.
  const first = fromTemplate ? 4 : 2;
  rows.forEach((r, i) => {
    ws.getRow(first + i).values = r;
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const upload = (client: Client, file: Buffer) =>
  client.request({ method: 'POST', url: '/api/regions/import', headers: { 'content-type': XLSX }, payload: file });

async function regionCount() {
  return (await t.db.selectFrom('regions').select('id').execute()).length;
}

describe('loading a real county from the national division table', () => {
  it('loads Pingyao (140728): its townships and villages with 12-digit codes', async () => {
    const res = await admin.post('/api/regions/load', { countyCode: '140728' });
    expect(res.statusCode).toBe(200);
    expect(res.json().created).toBeGreaterThan(200);
    const townships = (await admin.get('/api/regions?level=township&limit=100')).json().items;
    expect(townships.map((r: { name: string }) => r.name)).toEqual(
      expect.arrayContaining(['古陶镇', '段村镇', '古城街道']),
    );
    expectAll(townships, (r: { code: string }) => /^140728\d{3}000$/.test(r.code));
    const village = (await admin.get('/api/regions?q=140728100200')).json().items[0];
    expect(village).toMatchObject({
      name: '东城村',
      level: 'village',
      path: '/140728000000/140728100000/140728100200/',
    });
  });

  it('loading again changes nothing; an unknown code is a 404', async () => {
    const before = await regionCount();
    expect((await admin.post('/api/regions/load', { countyCode: '140728' })).json()).toMatchObject({
      created: 0,
      updated: 0,
    });
    expect(await regionCount()).toBe(before);
    const unknown = await admin.post('/api/regions/load', { countyCode: '999999' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('DIVISION_NOT_FOUND');
    expect((await admin.post('/api/regions/load', { countyCode: '14' })).json().error.code).toBe('VALIDATION');
  });
});

describe('importing a region tree from Excel', () => {
  it('offers a template with Chinese headers, an explanation row, a sample row and a level drop-down', async () => {
    const res = await admin.get('/api/regions/import-template');
    expect(res.headers['content-type']).toBe(XLSX);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).values).toEqual([undefined, '层级', '编码', '名称', '上级编码', '备注']);
    expect(String(ws.getCell('A2').value)).toMatch(/^说明/);
    expect(ws.getCell('A5').dataValidation?.type).toBe('list');
    expect(ws.actualRowCount).toBe(3);
  });

  it('imports grids and buildings, generating codes and resolving parents from earlier rows', async () => {
    const file = await sheet([
      ['网格', '', '东城村第一网格', '140728100200'],
      ['网格', '140728100200009', '东城村第九网格', '140728100200'],
      ['楼栋', '', '九网格1号院', '140728100200009'],
      ['村社区', '140728100200', '东城村', '140728100000'],
    ]);
    const res = await upload(admin, file);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ created: 3, updated: 0 });
    const grids = (await admin.get('/api/regions?q=东城村第'))
      .json()
      .items.map((r: { code: string; name: string }) => [r.code, r.name]);
    expect(grids).toEqual([
      ['140728100200001', '东城村第一网格'],
      ['140728100200009', '东城村第九网格'],
    ]);
    expect((await admin.get('/api/regions?q=140728100200009001')).json().items[0].name).toBe('九网格1号院');
  });

  it('reports every bad row with its row and column and imports nothing', async () => {
    const before = await regionCount();
    const file = await sheet([
      ['网格', '', '好网格', '140728100201'],
      ['小组', '', '坏层级', '140728100201'],
      ['网格', '', '', '140728100201'],
      ['网格', '', '孤儿网格', '999999999999'],
      ['村社区', '1407281002', '短码村', '140728100000'],
      ['村社区', '140728101299', '错镇村', '140728100000'],
      ['网格', '', '错层网格', '140728100000'],
      ['网格', '140728100201050', '重复A', '140728100201'],
      ['网格', '140728100201050', '重复B', '140728100201'],
    ]);
    const res = await upload(admin, file);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('IMPORT_INVALID');
    const rows = res
      .json()
      .error.details.rows.map((r: { row: number; column: string; code: string }) => [
        r.row,
        r.column?.split(' ')[0],
        r.code,
      ]);
    expect(rows).toEqual([
      [5, 'A', 'LEVEL'],
      [6, 'C', 'REQUIRED'],
      [7, 'D', 'PARENT_NOT_FOUND'],
      [8, 'B', 'CODE_FORMAT'],
      [9, 'B', 'CODE_PARENT_MISMATCH'],
      [10, 'A', 'LEVEL_PARENT'],
      [12, 'B', 'DUPLICATE_IN_FILE'],
    ]);
    expect(await regionCount()).toBe(before);
  });

  it('refuses a file that is not a spreadsheet, an empty body and a foreign header', async () => {
    expect((await upload(admin, Buffer.from('not a spreadsheet'))).json().error.code).toBe('IMPORT_NOT_SPREADSHEET');
    expect((await upload(admin, Buffer.alloc(0))).json().error.code).toBe('FILE_REQUIRED');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('x').addRow(['name', 'code']);
    const foreign = await upload(admin, Buffer.from(await wb.xlsx.writeBuffer()));
    expect(foreign.json().error.details.rows[0].code).toBe('HEADER');
  });

  it('lets a township cadre import only under their own township', async () => {
    const gutao = (await admin.get('/api/regions?q=140728100000')).json().items[0];
    await makeUser(t.db, t.clock, 'cadre', 'township', gutao);
    const cadre = await t.login('cadre', PASSWORD);
    const inside = await upload(cadre, await sheet([['网格', '', '西城村新网格', '140728100201']], false));
    expect(inside.statusCode).toBe(200);
    const outside = await upload(cadre, await sheet([['网格', '', '段村网格', '140728101200']], false));
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.details.rows[0].code).toBe('OUT_OF_SCOPE');
  });
});
