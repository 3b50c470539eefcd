import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemClock } from '../src/server/clock';
import { makeTree } from '../src/server/testing/factories';
import { idCardCheckChar } from '../src/shared/validators';
import { chooseHousehold, ADMIN_PASSWORD, launchBrowser, loginThroughForm, screenshot, startServer } from './harness';

/**
 * The resident registry at desktop width (1366): a roster .xlsx with three good rows and two bad
 * ones is imported (progress, then the result and the refused rows' report); persons are found by
 * pinyin initials and by the tail of an ID number; the form catches a wrong check digit inline and
 * holds back a likely duplicate; the list exports to Excel.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let page: Page;
let tree: Awaited<ReturnType<typeof makeTree>>;
let tmp: string;

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
const ZHANG_ID = id('14072819800101001');
const LI_ID = id('14072819820202002');

beforeAll(async () => {
  server = await startServer();
  tree = await makeTree(server.db, systemClock);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qf-registry-'));
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 860 }, acceptDownloads: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function roster(file: string) {
  const b = tree.buildingA.code;
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人员花名册');
  ws.addRow(HEADER);
  ws.addRow(['张三丰', '', ZHANG_ID, '', '', '', '13912345678', b, '101', '户主', '', '', '', '', '', '']);
  ws.addRow([
    '李四',
    '居民身份证',
    LI_ID,
    '',
    '',
    '',
    '',
    b,
    '101',
    '配偶',
    '返乡人员、湖北旅居史',
    '湖北省武汉市',
    '2020-01-20',
    '火车',
    'K603',
    '',
  ]);
  ws.addRow(['王五', '', '', '', '男', '2010-05-05', '', b, '102', '户主', '', '', '', '', '', '']);
  ws.addRow(['坏号', '', '140728197001010010', '', '', '', '', b, '103', '户主', '', '', '', '', '', '']);
  ws.addRow(['坏楼', '', '', '', '男', '1990-01-01', '', '999999999999999999', '1', '户主', '', '', '', '', '', '']);
  for (const col of [3, 7, 8, 9]) ws.getColumn(col).numFmt = '@';
  await wb.xlsx.writeFile(file);
}

/** Submit the person form and wait for the server's answer (a 409 LIKELY_DUPLICATE here). */
async function submitPerson() {
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/persons') && r.request().method() === 'POST');
  await page.locator('[data-testid="person-submit"]').click();
  await answer;
}

/** The names in the persons table, in order. */
const names = () =>
  page.locator('[data-testid="persons-table"] [data-testid^="person-row-"] td:first-child').allInnerTexts();

describe('resident registry in the browser', () => {
  it('imports a roster: progress, then 3 imported and 2 refused with a downloadable report', async () => {
    await loginThroughForm(page, server.url, 'admin', ADMIN_PASSWORD);
    // the admin starts at the region tree, which opens the county by itself
    await page.waitForURL(/\/regions\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid="nav-persons"]').click();
    await page.locator('[data-testid="persons-import"]').click();
    await page.locator('[data-testid="import-template"]').waitFor();

    const [template] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="import-template"]').click(),
    ]);
    expect(template.suggestedFilename()).toMatch(/\.xlsx$/);

    // Remember every stage the progress area goes through: a 5-row import can finish within one poll.
    await page.evaluate(() => {
      const w = window as unknown as { stages: string[] };
      w.stages = [];
      new MutationObserver(() => {
        const stage = document.querySelector('[data-testid="import-progress"]')?.getAttribute('data-stage');
        if (stage && w.stages[w.stages.length - 1] !== stage) w.stages.push(stage);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    const file = path.join(tmp, '东城村花名册.xlsx');
    await roster(file);
    await page.locator('[data-testid="import-file"] input[type="file"]').setInputFiles(file);

    const result = page.locator('[data-testid="import-result"]');
    await result.waitFor();
    const stages = await page.evaluate(() => (window as unknown as { stages: string[] }).stages);
    expect(stages[0]).toBe('uploading');
    await expect(result.getAttribute('data-status')).resolves.toBe('done');
    await expect(page.locator('[data-testid="import-created"]').innerText()).resolves.toContain('3');
    await expect(page.locator('[data-testid="import-refused"]').innerText()).resolves.toContain('2');
    await screenshot(page, 'registry-import');

    const [report] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="import-report"]').click(),
    ]);
    expect(report.suggestedFilename()).toBe('导入错误-东城村花名册.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await report.path());
    const names = wb.worksheets[0]!.getColumn(4).values.slice(2).map(String);
    expect(names.sort()).toEqual(['坏号', '坏楼']);
  });

  it('says what and where when a file is refused as a whole: a CSV quote left open on row 3', async () => {
    await page.locator('[data-testid="nav-persons"]').click();
    await page.locator('[data-testid="persons-import"]').click();
    const file = path.join(tmp, '引号.csv');
    fs.writeFileSync(
      file,
      '\uFEFF' +
        [
          HEADER.join(','),
          `王六,,,,,,,${tree.buildingA.code},101,户主,,,,,,`,
          `王七,,,,,,,${tree.buildingA.code},101,"配偶,,,,,,`,
        ].join('\r\n'),
    );
    await page.locator('[data-testid="import-file"] input[type="file"]').setInputFiles(file);
    const result = page.locator('[data-testid="import-result"][data-status="failed"]');
    await result.waitFor();
    const text = await result.innerText();
    expect(text).toContain('第 3 行：');
    expect(text).toContain('CSV 引号不配对');
    expect(text).not.toContain('未知错误');
  });

  it('finds a person by pinyin initials and by the end of the ID number', async () => {
    await page.locator('[data-testid="nav-persons"]').click();
    await page.locator('[data-testid="persons-table"]').getByText('王五').waitFor();
    const search = page.locator('[data-testid="person-search"]');
    await search.fill('zsf');
    await expect.poll(names).toEqual(['张三丰']);
    await search.fill(LI_ID.slice(-4));
    await expect.poll(names).toEqual(['李四']);
    // ID numbers are listed masked
    await expect(page.locator('[data-testid="id-masked"]').first().innerText()).resolves.toBe(
      `${LI_ID.slice(0, 4)}**********${LI_ID.slice(-4)}`,
    );
    await screenshot(page, 'registry-search');
  });

  it('catches a wrong check digit inline and fills birth date and sex from a valid number', async () => {
    await page.locator('[data-testid="person-search"]').fill('');
    await page.locator('[data-testid="person-add"]').click();
    await page.locator('#person-name').fill('赵六');
    const first17 = '14072819900315004'; // 17th digit even: female
    const wrong = idCardCheckChar(first17) === '0' ? '1' : '0';
    await page.locator('#person-idNumber').fill(first17 + wrong);
    const error = page.locator('.ant-form-item-has-error .ant-form-item-explain-error');
    await error.waitFor();
    await expect(error.innerText()).resolves.toContain('校验位');
    await screenshot(page, 'registry-id-error');

    await page.locator('#person-idNumber').fill(id(first17));
    await expect.poll(() => page.locator('#person-birthDate').inputValue()).toBe('1990-03-15');
    await expect(page.locator('#person-sex input[value="F"]').isChecked()).resolves.toBe(true);
    await expect(error.count()).resolves.toBe(0);
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="person-form"]').waitFor({ state: 'detached' });
  });

  it('holds back a likely duplicate and offers the registered record', async () => {
    await page.locator('[data-testid="person-add"]').click();
    await page.locator('#person-name').fill('张三丰');
    await page.locator('#person-phone').fill('13912345678');
    await chooseHousehold(page, '101');
    await submitPerson();

    const warning = page.locator('[data-testid="person-duplicates"]');
    await warning.waitFor();
    await expect(warning.innerText()).resolves.toContain('张三丰');
    await expect(page.locator('[data-testid="person-dup-confirm"]').innerText()).resolves.toContain('确认不是同一人');
    await screenshot(page, 'registry-duplicate');
    const zhang = await server.db
      .selectFrom('persons')
      .select('id')
      .where('name', '=', '张三丰')
      .executeTakeFirstOrThrow();
    await page.locator(`[data-testid="person-dup-open-${zhang.id}"]`).click();
    await page.locator('[data-testid="person-detail"]').waitFor();
    await expect(page.locator('[data-testid="person-detail"]').innerText()).resolves.toContain('13912345678'.slice(-4));
    await expect(
      server.db.selectFrom('persons').select('id').where('name', '=', '张三丰').execute(),
    ).resolves.toHaveLength(1);
    await page.keyboard.press('Escape');
  });

  it('registers someone else of the same name when told to, then merges the two records and undoes it', async () => {
    await page.locator('[data-testid="person-detail"]').waitFor({ state: 'detached' });
    await page.locator('[data-testid="person-add"]').click();
    await page.locator('#person-name').fill('张三丰');
    await page.locator('#person-phone').fill('13912345678');
    await chooseHousehold(page, '102');
    await submitPerson();
    await page.locator('[data-testid="person-dup-confirm"]').click();

    // the new record opens, and lists the first one as a possible duplicate
    await page.locator('[data-testid="person-detail"]').waitFor();
    const [first, second] = await server.db
      .selectFrom('persons')
      .select('id')
      .where('name', '=', '张三丰')
      .orderBy('id')
      .execute();
    expect(second).toBeDefined();
    await page.locator(`[data-testid="dup-merge-${first!.id}"]`).click();
    await page.locator('[data-testid="dup-merge-ok"]').click();
    await page.locator('[data-testid="dup-undo"]').waitFor();
    const status = async () =>
      (await server.db.selectFrom('persons').select('status').where('id', '=', first!.id).executeTakeFirstOrThrow())
        .status;
    await expect(status()).resolves.toBe('merged');
    await screenshot(page, 'registry-merged');
    await page.locator('[data-testid="dup-undo"]').click();
    await page.locator('[data-testid="dup-undo"]').waitFor({ state: 'detached' });
    await expect(status()).resolves.toBe('active');
    await page.keyboard.press('Escape');
  });

  it('exports the list to Excel, masked', async () => {
    await page.locator('[data-testid="person-detail"]').waitFor({ state: 'detached' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="persons-export"]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const text = wb.worksheets.map((ws) => ws.getSheetValues().flat().map(String).join(' ')).join(' ');
    expect(text).toContain('张三丰');
    expect(text).not.toContain(ZHANG_ID);
  });

  it('prints the A4 roster (人员花名册) with a signature column', async () => {
    await page.locator('[data-testid="persons-print"]').click();
    await page.waitForURL(/\/persons\/roster/);
    const heading = page.locator('h1');
    await heading.waitFor();
    await expect(heading.innerText()).resolves.toContain('人员花名册');
    const table = await page.locator('table').first().innerText();
    expect(table).toContain('签字');
    expect(table).toContain('张三丰');
  });
});
