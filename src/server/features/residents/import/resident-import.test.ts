import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../../testing/factories';
import { idCardCheckChar } from '../../../../shared/validators';
import { hostileXlsx } from '../../../testing/hostile-xlsx';
import { takeUploadSlot } from '../../../spreadsheets/upload-slots';
import { MAX_CONCURRENT_IMPORTS } from '../../../../shared/upload-limits';

let t: TestApp;
let admin: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const id = (first17: string) => first17 + idCardCheckChar(first17);
const HEADER = [
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

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  admin = await t.login('admin', ADMIN_PASSWORD);
});
afterAll(async () => t.close());

async function waitForJob(client: Client, jobId: string) {
  for (let i = 0; i < 200; i++) {
    const job = (await client.get(`/api/imports/${jobId}`)).json();
    if (job.status !== 'running') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('import did not finish');
}

function csv(rows: string[][]): Buffer {
  return Buffer.from(
    '\uFEFF' +
      [HEADER, ...rows]
        .map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','))
        .join('\r\n'),
    'utf8',
  );
}

const goodRows = () => [
  [
    '王建国',
    '',
    id('14072819700101001'),
    '',
    '',
    '',
    '13811112222',
    tree.buildingA.code,
    '101',
    '户主',
    '',
    '',
    '',
    '',
    '',
    '',
  ],
  [
    '李秀英',
    '居民身份证',
    id('14072819720202002'),
    '',
    '女',
    '1972-02-02',
    '',
    tree.buildingA.code,
    '101',
    '配偶',
    '',
    '',
    '',
    '',
    '',
    '',
  ],
  ['王小明', '', '', '', '男', '2012-05-05', '', tree.buildingA.code, '101', '子女', '', '', '', '', '', ''],
  [
    '赵返乡',
    '',
    id('14072819950909003'),
    '',
    '',
    '',
    '13922223333',
    tree.buildingA.code,
    '102',
    '户主',
    '返乡人员、湖北旅居史',
    '湖北省武汉市',
    '2020/1/20',
    '客车',
    '晋C60695',
    '"逗号,引号"',
  ],
];

describe('resident roster import', () => {
  it('offers a template with the roster headers, an explanation row, a sample row and drop-downs', async () => {
    const res = await admin.get('/api/persons/import-template');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect((ws.getRow(1).values as string[]).slice(1)).toEqual(HEADER);
    expect(String(ws.getCell('A2').value)).toMatch(/^说明/);
    expect(ws.getCell('A3').value).toBe('张三');
    expect(ws.getCell('J10').dataValidation?.formulae?.[0]).toContain('户主');
    // ID numbers, phones and dates are text columns: Excel neither rounds an ID nor turns a date into a serial
    for (const column of ['C', 'F', 'G', 'M']) expect(ws.getColumn(column).numFmt).toBe('@');
  });

  it('imports valid rows, forms households, reports bad rows with reasons, and re-importing changes nothing', async () => {
    const rows = [
      ...goodRows(),
      ['', '', '', '', '', '', '', tree.buildingA.code, '103', '', '', '', '', '', '', ''],
      ['坏号', '', '140728197001010010', '', '', '', '', tree.buildingA.code, '103', '', '', '', '', '', '', ''],
      ['坏楼', '', '', '', '', '', '', '999999999999999999', '1', '', '', '', '', '', '', ''],
      ['外楼', '', '', '', '', '', '', tree.buildingB.code, '1', '', '', '', '', '', '', ''],
      ['重号', '', id('14072819700101001'), '', '', '', '', tree.buildingA.code, '104', '', '', '', '', '', '', ''],
      ['坏标签', '', '', '', '', '', '', tree.buildingA.code, '105', '', '富豪', '', '', '', '', ''],
    ];
    await makeUser(t.db, t.clock, 'dc_cadre', 'township', tree.gutao);
    const cadre = await t.login('dc_cadre', PASSWORD);
    // 西城村's building is inside 古陶镇 too; use a worker of grid A so building B is out of scope
    await makeUser(t.db, t.clock, 'grid_a', 'grid', tree.gridA);
    const worker = await t.login('grid_a', PASSWORD);
    const start = await worker.request({
      method: 'POST',
      url: '/api/persons/import?fileName=roster.csv',
      headers: { 'content-type': 'text/csv' },
      payload: csv(rows),
    });
    expect(start.statusCode).toBe(202);
    const job = await waitForJob(worker, start.json().id);
    expect(job).toMatchObject({
      status: 'done',
      rows: 10,
      created: 4,
      updated: 0,
      unchanged: 0,
      invalid: 6,
      hasReport: true,
    });

    const report = await worker.get(`/api/imports/${job.id}/report`);
    expect(decodeURIComponent(String(report.headers['content-disposition']))).toContain(
      'filename="导入错误-roster.xlsx"',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(report.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const reported = [];
    for (let r = 2; r <= ws.rowCount; r++)
      reported.push([ws.getCell(r, 1).value, ws.getCell(r, 2).value, String(ws.getCell(r, 3).value)]);
    expect(reported.map((r) => r.slice(0, 2))).toEqual([
      [6, '姓名'],
      [7, '证件号码'],
      [8, '楼栋编码'],
      [9, '楼栋编码'],
      [10, '证件号码'],
      [11, '人员标签'],
    ]);
    expect(reported[1]![2]).toContain('校验位');
    expect(ws.getCell(3, 4).value).toBe('坏号');

    const household = (await worker.get('/api/households?q=101')).json().items[0];
    expect(household).toMatchObject({ headName: '王建国', memberCount: 3, room: '101' });
    const zhao = (await worker.get('/api/persons?q=zfx')).json().items[0];
    expect(zhao).toMatchObject({
      tags: expect.arrayContaining(['returnee', 'hubei_travel']),
      returnee: { from: '湖北省武汉市', arrivalDate: '2020-01-20', transport: 'coach', transportNo: '晋C60695' },
      note: '"逗号,引号"',
    });

    // the same file again: nothing changes
    const before = await t.db.selectFrom('persons').selectAll().orderBy('id').execute();
    const again = await waitForJob(
      worker,
      (
        await worker.request({
          method: 'POST',
          url: '/api/persons/import',
          headers: { 'content-type': 'text/csv' },
          payload: csv(rows),
        })
      ).json().id,
    );
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 4, invalid: 6 });
    expect(await t.db.selectFrom('persons').selectAll().orderBy('id').execute()).toEqual(before);
    void cadre;
  });

  it('imports the same roster as .xlsx, updating a changed phone', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('人员');
    ws.addRow(HEADER);
    const rows = goodRows();
    rows[0]![6] = '13899998888';
    for (const r of rows) ws.addRow(r);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const job = await waitForJob(
      admin,
      (
        await admin.request({
          method: 'POST',
          url: '/api/persons/import',
          headers: { 'content-type': XLSX },
          payload: file,
        })
      ).json().id,
    );
    expect(job).toMatchObject({ status: 'done', created: 0, updated: 1, unchanged: 3, invalid: 0, hasReport: false });
  });

  it('reads a birth date Excel stored as a date cell as that date', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('人员');
    ws.addRow(HEADER);
    ws.addRow([
      'Tom Lee',
      '护照',
      'E98765432',
      '美国',
      '男',
      new Date(Date.UTC(1975, 5, 6)),
      '',
      tree.buildingA.code,
      '701',
      '户主',
      '',
      '',
      new Date(Date.UTC(2020, 0, 21)),
      '',
      '',
      '',
    ]);
    ws.getCell('F2').numFmt = 'yyyy/m/d';
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const job = await waitForJob(
      admin,
      (
        await admin.request({
          method: 'POST',
          url: '/api/persons/import',
          headers: { 'content-type': XLSX },
          payload: file,
        })
      ).json().id,
    );
    expect(job).toMatchObject({ status: 'done', created: 1, invalid: 0 });
    const tom = await t.db
      .selectFrom('persons')
      .select(['birth_date', 'arrival_date'])
      .where('name', '=', 'Tom Lee')
      .executeTakeFirstOrThrow();
    expect(tom).toEqual({ birth_date: '1975-06-06', arrival_date: '2020-01-21' });
  });

  it('reads a CSV that Excel saved in GBK', async () => {
    const file = fs.readFileSync(path.join(import.meta.dirname, 'fixtures/roster-gbk.csv'));
    const payload = Buffer.from(file.toString('latin1').replaceAll('@@BUILDING@@', tree.buildingA.code), 'latin1');
    const job = await waitForJob(
      admin,
      (
        await admin.request({
          method: 'POST',
          url: '/api/persons/import',
          headers: { 'content-type': 'text/csv' },
          payload,
        })
      ).json().id,
    );
    expect(job).toMatchObject({ status: 'done', created: 2, invalid: 0 });
    const qian = await t.db
      .selectFrom('persons')
      .select(['name', 'relation', 'note'])
      .where('name', '=', '钱广东')
      .executeTakeFirstOrThrow();
    expect(qian).toEqual({ name: '钱广东', relation: 'head', note: 'Excel 另存为 CSV（GBK）' });
  });

  it('refuses a CSV line with too few or too many columns, saying so', async () => {
    const full = [
      '孙列数',
      '',
      '',
      '',
      '男',
      '1960-01-01',
      '',
      tree.buildingA.code,
      '901',
      '户主',
      '',
      '',
      '',
      '',
      '',
      '',
    ];
    const body =
      '\uFEFF' +
      [
        HEADER.join(','),
        full.slice(0, 8).join(','),
        [...full.slice(0, 14), '晋C,60695', ''].join(','),
        full.join(','),
      ].join('\r\n');
    const job = await waitForJob(
      admin,
      (
        await admin.request({
          method: 'POST',
          url: '/api/persons/import',
          headers: { 'content-type': 'text/csv' },
          payload: Buffer.from(body),
        })
      ).json().id,
    );
    expect(job).toMatchObject({ status: 'done', rows: 3, created: 1, invalid: 2 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await admin.get(`/api/imports/${job.id}/report`)).rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect([ws.getCell(2, 1).value, String(ws.getCell(2, 3).value)]).toEqual([
      2,
      '本行只有 8 列，花名册应有 16 列（空单元格也要保留逗号）',
    ]);
    expect([ws.getCell(3, 1).value, String(ws.getCell(3, 3).value)]).toEqual([
      3,
      '本行有 17 列，花名册只有 16 列（内容含逗号的单元格须加英文双引号）',
    ]);
  });

  it('refuses rows whose facts contradict each other or leave out the building', async () => {
    const rows = [
      ['未来人', '', '', '', '女', '2099-01-01', '', tree.buildingA.code, '902', '户主', '', '', '', '', '', ''],
      [
        '未来号',
        '',
        id('14072820990101003'),
        '',
        '',
        '',
        '',
        tree.buildingA.code,
        '902',
        '子女',
        '',
        '',
        '',
        '',
        '',
        '',
      ],
      [
        '男孕妇',
        '',
        id('14072819800101013'),
        '',
        '',
        '',
        '',
        tree.buildingA.code,
        '902',
        '配偶',
        '孕产妇',
        '',
        '',
        '',
        '',
        '',
      ],
      ['无楼栋', '', '', '', '', '', '', '', '902', '', '', '', '', '', '', ''],
    ];
    const job = await waitForJob(
      admin,
      (
        await admin.request({
          method: 'POST',
          url: '/api/persons/import',
          headers: { 'content-type': 'text/csv' },
          payload: csv(rows),
        })
      ).json().id,
    );
    expect(job).toMatchObject({ status: 'done', rows: 4, created: 0, invalid: 4 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await admin.get(`/api/imports/${job.id}/report`)).rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect([2, 3, 4, 5].map((r) => [ws.getCell(r, 2).value, ws.getCell(r, 3).value])).toEqual([
      ['出生日期', '出生日期 2099-01-01 晚于今天'],
      ['证件号码', '出生日期 2099-01-01 晚于今天'],
      ['人员标签', '孕产妇标签与性别（男）不符'],
      ['楼栋编码', '楼栋编码不能为空'],
    ]);
  });

  it('lands a likely duplicate but lists it for a human to check', async () => {
    const rows = [
      ['王建国', '', '', '', '男', '1970-01-01', '', tree.buildingA.code, '201', '户主', '', '', '', '', '', ''],
    ];
    const job = await waitForJob(
      admin,
      (
        await admin.request({
          method: 'POST',
          url: '/api/persons/import',
          headers: { 'content-type': 'text/csv' },
          payload: csv(rows),
        })
      ).json().id,
    );
    expect(job).toMatchObject({ status: 'done', created: 1, invalid: 0, warnings: 1, hasReport: true });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await admin.get(`/api/imports/${job.id}/report`)).rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('疑似重复')!;
    expect(sheet.getCell(2, 1).value).toBe(2);
    expect(String(sheet.getCell(2, 3).value)).toContain('疑似与已登记人员重复：王建国');
  });

  it("warns of a namesake with the same phone only within the importer's jurisdiction", async () => {
    const row = (building: string, room: string, born: string) => [
      '周电话',
      '',
      '',
      '',
      '',
      born,
      '13755556666',
      building,
      room,
      '户主',
      '',
      '',
      '',
      '',
      '',
      '',
    ];
    const importAs = async (client: Client, rows: string[][]) =>
      waitForJob(
        client,
        (
          await client.request({
            method: 'POST',
            url: '/api/persons/import',
            headers: { 'content-type': 'text/csv' },
            payload: csv(rows),
          })
        ).json().id,
      );
    expect(await importAs(admin, [row(tree.buildingB.code, '401', '1980-01-01')])).toMatchObject({
      created: 1,
      warnings: 0,
    });
    // building B's 周电话 is outside grid A: a grid A worker's roster lands without a warning
    await makeUser(t.db, t.clock, 'grid_a_phone', 'grid', tree.gridA);
    const worker = await t.login('grid_a_phone', PASSWORD);
    expect(await importAs(worker, [row(tree.buildingA.code, '402', '1981-01-01')])).toMatchObject({
      status: 'done',
      created: 1,
      warnings: 0,
    });
    // the county sees both, and a third 周电话 with that phone is listed
    const job = await importAs(admin, [row(tree.buildingA.code, '403', '1982-01-01')]);
    expect(job).toMatchObject({ status: 'done', created: 1, warnings: 1 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await admin.get(`/api/imports/${job.id}/report`)).rawPayload as unknown as ArrayBuffer);
    // either earlier 周电话 may be named (the engines list them in their own order)
    expect(String(wb.getWorksheet('疑似重复')!.getCell(2, 3).value)).toMatch(
      /^疑似与已登记人员重复：周电话（手机号码相同，古陶镇(西城村2号院 401|东城村1号院 402)）/,
    );
  });

  it('names the phone as what matches when neither namesake has a birth date', async () => {
    const row = (room: string) => [
      '钱无生',
      '',
      '',
      '',
      '',
      '',
      '13644445555',
      tree.buildingA.code,
      room,
      '户主',
      '',
      '',
      '',
      '',
      '',
      '',
    ];
    const importRows = async (rows: string[][]) =>
      waitForJob(
        admin,
        (
          await admin.request({
            method: 'POST',
            url: '/api/persons/import',
            headers: { 'content-type': 'text/csv' },
            payload: csv(rows),
          })
        ).json().id,
      );
    expect(await importRows([row('501')])).toMatchObject({ created: 1, warnings: 0 });
    const job = await importRows([row('502')]);
    expect(job).toMatchObject({ status: 'done', created: 1, warnings: 1 });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await admin.get(`/api/imports/${job.id}/report`)).rawPayload as unknown as ArrayBuffer);
    expect(String(wb.getWorksheet('疑似重复')!.getCell(2, 3).value)).toBe(
      '疑似与已登记人员重复：钱无生（手机号码相同，古陶镇东城村1号院 501），请核对后合并',
    );
  });

  it('moves a registered person into a room that has no household yet, as its head', async () => {
    const moved = [
      '赵返乡',
      '',
      id('14072819950909003'),
      '',
      '',
      '',
      '13922223333',
      tree.buildingA.code,
      '601',
      '户主',
      '返乡人员、湖北旅居史',
      '湖北省武汉市',
      '2020/1/20',
      '客车',
      '晋C60695',
      '"逗号,引号"',
    ];
    const job = await waitForJob(
      admin,
      (
        await admin.request({
          method: 'POST',
          url: '/api/persons/import',
          headers: { 'content-type': 'text/csv' },
          payload: csv([moved]),
        })
      ).json().id,
    );
    expect(job).toMatchObject({ status: 'done', created: 0, updated: 1, invalid: 0 });
    const household = (await admin.get('/api/households?q=601')).json().items[0];
    expect(household).toMatchObject({ headName: '赵返乡', memberCount: 1, room: '601' });
    expect((await admin.get('/api/persons?q=zfx')).json().items).toMatchObject([
      { name: '赵返乡', tags: expect.arrayContaining(['returnee', 'hubei_travel']) },
    ]);
  });

  it('fails a file with a foreign header, and refuses an empty upload', async () => {
    const job = await waitForJob(
      admin,
      (
        await admin.request({
          method: 'POST',
          url: '/api/persons/import',
          headers: { 'content-type': 'text/csv' },
          payload: Buffer.from('a,b,c\n1,2,3'),
        })
      ).json().id,
    );
    expect(job.status).toBe('failed');
    expect(job.message).toContain('表头');
    expect(
      (
        await admin.request({
          method: 'POST',
          url: '/api/persons/import',
          headers: { 'content-type': 'text/csv' },
          payload: Buffer.alloc(0),
        })
      ).json().error.code,
    ).toBe('FILE_REQUIRED');
  });

  it('says what and where it stopped when it refuses a whole file: a broken CSV quote, a cell past the limit, bytes that are no spreadsheet', async () => {
    const upload = async (payload: Buffer, type: string) =>
      waitForJob(
        admin,
        (
          await admin.request({
            method: 'POST',
            url: '/api/persons/import',
            headers: { 'content-type': type },
            payload,
          })
        ).json().id,
      );
    const quote = await upload(
      Buffer.concat([csv(goodRows().slice(0, 1)), Buffer.from('\r\n王二,"居民身份证,\r\n王三\r\n')]),
      'text/csv',
    );
    expect(quote).toMatchObject({ status: 'failed', error: { code: 'IMPORT_CSV_QUOTE', row: 3, column: null } });
    expect(quote.message).toContain('引号');
    const wide = hostileXlsx({
      header: HEADER,
      rows: 200,
      cells: () => Array.from({ length: 16 }, () => 'A'.repeat(4000)),
    });
    expect(await upload(wide, XLSX)).toMatchObject({
      status: 'failed',
      error: { code: 'IMPORT_CELL_TOO_LONG', row: 2, column: 'A' },
    });
    const noise = await upload(randomBytes(3 * 1024 * 1024), 'application/octet-stream');
    expect(noise).toMatchObject({ status: 'failed', error: { code: 'IMPORT_NOT_SPREADSHEET', row: null } });
    const fine = await upload(csv(goodRows()), 'text/csv');
    expect(fine).toMatchObject({ status: 'done', error: null });
  });

  it('answers 429 IMPORT_BUSY without reading the upload while another import runs, and takes it again when it ends', async () => {
    // imports running hold every slot
    const running = Array.from({ length: MAX_CONCURRENT_IMPORTS }, () => takeUploadSlot());
    const upload = () =>
      admin.request({
        method: 'POST',
        url: '/api/persons/import',
        headers: { 'content-type': 'text/csv' },
        payload: csv(goodRows()),
      });
    const busy = await upload();
    expect(busy.statusCode).toBe(429);
    expect(busy.json().error.code).toBe('IMPORT_BUSY');
    expect(
      (
        await admin.request({
          method: 'POST',
          url: '/api/regions/import',
          headers: { 'content-type': XLSX },
          payload: Buffer.from('x'),
        })
      ).json().error.code,
    ).toBe('IMPORT_BUSY');
    running[0]!.release();
    const started = await upload();
    expect(started.statusCode).toBe(202);
    expect((await waitForJob(admin, started.json().id)).status).toBe('done');
    for (const slot of running) slot.release();
    // the finished job gave its slot back: all are free again
    const slots = Array.from({ length: MAX_CONCURRENT_IMPORTS }, () => takeUploadSlot());
    for (const slot of slots) slot.release();
  });

  it('exports the filtered list masked, or revealed for roles with reveal rights, and audits it', async () => {
    const masked = await admin.get('/api/persons/export?tag=returnee');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(masked.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(2);
    expect(ws.getCell(2, 2).value).toBe('赵返乡');
    expect(String(ws.getCell(2, 4).value)).toMatch(/^1407\*+\d{3}[\dX]$/);
    const revealed = await admin.get('/api/persons/export?tag=returnee&reveal=true');
    const wb2 = new ExcelJS.Workbook();
    await wb2.xlsx.load(revealed.rawPayload as unknown as ArrayBuffer);
    expect(wb2.worksheets[0]!.getCell(2, 4).value).toBe(id('14072819950909003'));
    const audits = (await admin.get('/api/audit?action=person.export')).json().items;
    expect(audits.map((a: { details: { revealed: boolean } }) => a.details.revealed)).toEqual([true, false]);
    await makeUser(t.db, t.clock, 'supplies', 'supplies', tree.county);
    const supplies = await t.login('supplies', PASSWORD);
    expect((await supplies.get('/api/persons/export?reveal=true')).json().error.code).toBe('FORBIDDEN');
  });
});
