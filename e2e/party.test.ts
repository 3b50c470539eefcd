import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemClock } from '../src/server/clock';
import { makeTree, makeUser, PASSWORD } from '../src/server/testing/factories';
import { idCardCheckChar } from '../src/shared/validators';
import { ADMIN_PASSWORD, launchBrowser, loginThroughForm, screenshot, startServer } from './harness';

/**
 * 党组织 and 党员 in the browser: the county's organisation department (组织部) imports 古陶镇's
 * organisation tree and then its member roll from files through the import dialogs (one bad row in
 * each, with its report), sees the tree with member counts, finds a member by pinyin initials and
 * reveals her phone — and the audit log has the reveal; registers and removes a member on a branch's
 * page; a township cadre gets the 404 page for another township's organisation.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let page: Page;
let tmp: string;
let duancunId: string;

const id = (first17: string) => first17 + idCardCheckChar(first17);
const WANG_ID = id('14072819750101301');
const ZHANG_ID = id('14072819880808302');
const WANG_PHONE = '13912340301';

beforeAll(async () => {
  server = await startServer();
  const tree = await makeTree(server.db, systemClock);
  duancunId = tree.duancun.id;
  await makeUser(server.db, systemClock, 'zuzhibu', 'organisation', tree.county);
  await makeUser(server.db, systemClock, 'gutao01', 'township', tree.gutao);
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'qf-party-'));
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 1366, height: 860 }, acceptDownloads: true });
  await loginThroughForm(page, server.url, 'zuzhibu', PASSWORD);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

async function cookieOf(username: string, password: string): Promise<string> {
  const login = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

function csv(name: string, lines: string[]): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, `\uFEFF${lines.join('\r\n')}\r\n`);
  return file;
}

/** Upload a file in the open import dialog and wait for the job's result. */
async function importFile(file: string) {
  await page.locator('[data-testid="import-file"] input[type="file"]').setInputFiles(file);
  const result = page.locator('[data-testid="import-result"]');
  await result.waitFor();
  await expect(result.getAttribute('data-status')).resolves.toBe('done');
}

/** The refused rows of the report: the name cell (column `nameColumn` of the file) and the reason. */
async function reportRows(nameColumn: number): Promise<string[][]> {
  const [report] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('[data-testid="import-report"]').click(),
  ]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(await report.path());
  const rows: string[][] = [];
  // the report's first three columns are 原行号, 错误列, 错误原因; the file's cells follow
  wb.worksheets[0]!.eachRow((row, n) => {
    if (n > 1) rows.push([String(row.getCell(3 + nameColumn).value), String(row.getCell(3).value)]);
  });
  return rows;
}

async function closeDialog() {
  await page.locator('.ant-modal-close').click();
  await page.locator('[data-testid="party-import"]').waitFor({ state: 'detached' });
}

describe('party organisations and members in the browser', () => {
  it('imports the organisation tree from a file: three set up, one refused with its reason', async () => {
    await page.locator('[data-testid="nav-party-orgs"]').click();
    await page.locator('[data-testid="party-orgs-import"]').click();
    const [template] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="import-template"]').click(),
    ]);
    expect(template.suggestedFilename()).toBe('党组织导入模板.xlsx');

    const file = csv('古陶镇党组织.csv', [
      '组织代码,组织名称,组织类别,上级党组织,所在单位,单位类型,所属区划代码,联系电话,备注',
      'GT,中共古陶镇委员会,党委,,古陶镇人民政府,机关,140728100000,13912345678,',
      ',东城村党支部,党支部,GT,东城村,村,140728100200,,',
      ',古陶镇中学党支部,党支部,GT,古陶镇中学,学校,140728100000,,',
      ',坏支部,支部,GT,某单位,机关,140728100000,,',
    ]);
    await importFile(file);
    await expect(page.locator('[data-testid="import-created"]').innerText()).resolves.toContain('3');
    await expect(page.locator('[data-testid="import-refused"]').innerText()).resolves.toContain('1');
    expect(await reportRows(2)).toEqual([['坏支部', expect.stringContaining('组织类别')]]);
    await screenshot(page, 'party-orgs-import');
    await closeDialog();

    // the tree reloads behind the dialog: the township committee with its two branches under it
    const tree = page.locator('[data-testid="party-org-tree"]');
    await tree.getByText('中共古陶镇委员会（0/0）').waitFor();
    await tree.getByText('东城村党支部（0/0）').waitFor();
    await page.locator('[data-testid="party-orgs-table"]').getByText('古陶镇中学党支部').waitFor();
    await screenshot(page, 'party-orgs');
  });

  it('imports the member roll, finds a member by pinyin initials and reveals her phone (audited)', async () => {
    await page.locator('[data-testid="nav-party-members"]').click();
    await page.locator('[data-testid="party-members-import"]').click();
    const file = csv('古陶镇党员花名册.csv', [
      '姓名,身份证号码,手机号码,所在党组织,党员类别,党员状态,党内职务,入党日期,备注',
      `王秀英,${WANG_ID},${WANG_PHONE},东城村党支部,正式党员,正常,支部书记,1998-07-01,`,
      `张建国,${ZHANG_ID},13912340302,古陶镇中学党支部,预备党员,,,2025-06-30,`,
      `李坏号,140728198001011234,13912340303,东城村党支部,正式党员,,,,`,
    ]);
    await importFile(file);
    await expect(page.locator('[data-testid="import-created"]').innerText()).resolves.toContain('2');
    await expect(page.locator('[data-testid="import-refused"]').innerText()).resolves.toContain('1');
    expect(await reportRows(1)).toEqual([['李坏号', expect.stringContaining('校验')]]);
    await closeDialog();

    const table = page.locator('[data-testid="party-members-table"]');
    await table.getByText('张建国').waitFor();
    await page.locator('[data-testid="party-member-search"]').fill('wxy');
    const names = () => table.locator('tbody tr.ant-table-row td:first-child').allInnerTexts();
    await expect.poll(names).toEqual(['王秀英']);
    // listed masked; the eye reveals the full number
    await expect(table.locator('[data-testid="phone-masked"]').innerText()).resolves.toBe('139****0301');
    await table.locator('[data-testid="phone-reveal"]').click();
    await expect(table.locator('[data-testid="phone-full"]').innerText()).resolves.toBe(WANG_PHONE);
    await screenshot(page, 'party-members');

    const cookie = await cookieOf('admin', ADMIN_PASSWORD);
    const audit = (await (
      await fetch(`${server.url}/api/audit?action=party_member.reveal`, { headers: { cookie } })
    ).json()) as { items: { details: unknown }[] };
    expect(audit.items).toHaveLength(1);
    expect(JSON.stringify(audit.items[0]!.details)).toContain('phone');
  });

  it('the branch shows its members and counts', async () => {
    await page.locator('[data-testid="nav-party-orgs"]').click();
    await page.locator('[data-testid="party-org-tree"]').getByText('东城村党支部（1/0）').click();
    await expect(page.locator('[data-testid="party-org-title"]').innerText()).resolves.toBe('东城村党支部');
    await expect(page.locator('[data-testid="party-org-full"]').innerText()).resolves.toBe('1');
    await page.locator('[data-testid="party-members-table"]').getByText('王秀英').waitFor();
    await screenshot(page, 'party-org');
  });

  it('registers a member on the branch page by ID number, then removes her after a confirmation', async () => {
    await page.locator('[data-testid="party-org-member-add"]').click();
    await page.locator('[data-testid="party-member-name"]').fill('赵春梅');
    await page.locator('[data-testid="party-member-id"]').fill(id('14072819920415304'));
    await page.locator('[data-testid="party-member-submit"]').click();
    const table = page.locator('[data-testid="party-members-table"]');
    const row = table.locator('tr', { hasText: '赵春梅' });
    await row.waitFor();
    await expect(page.locator('[data-testid="party-org-full"]').innerText()).resolves.toBe('2');
    await row.locator('[data-testid^="party-member-remove-"]').click();
    await page.locator('[data-testid="party-member-remove-ok"]').click();
    await row.waitFor({ state: 'detached' });
    await expect(page.locator('[data-testid="party-org-full"]').innerText()).resolves.toBe('1');
  });

  it("shows a township cadre 404 for another township's organisation", async () => {
    const cookie = await cookieOf('zuzhibu', PASSWORD);
    const res = await fetch(`${server.url}/api/party/organisations`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'committee',
        name: '中共段村镇委员会',
        unitName: '段村镇人民政府',
        unitType: 'organ',
        regionId: duancunId,
      }),
    });
    expect(res.status).toBe(201);
    const duancun = (await res.json()) as { id: string };
    const other = await browser.newPage({ viewport: { width: 1366, height: 860 } });
    await loginThroughForm(other, server.url, 'gutao01', PASSWORD);
    await other.goto(`${server.url}/party/organisations`);
    await other.locator('[data-testid="party-org-tree"]').getByText('中共古陶镇委员会（0/0）').waitFor();
    await expect(other.locator('[data-testid="party-org-tree"]').innerText()).resolves.not.toContain('段村');
    await other.goto(`${server.url}/party/organisations/${duancun.id}`);
    await other.getByText('党组织不存在或不在您的管辖范围内').waitFor();
    await other.close();
  });
});
