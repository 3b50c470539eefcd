import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import ExcelJS from 'exceljs';
import { systemClock } from '../src/server/clock';
import { refreshRollups } from '../src/server/features/rollups/refresh.service';
import { makeTree, makeUser, PASSWORD } from '../src/server/testing/factories';
import { idCardCheckChar } from '../src/shared/validators';
import { ADMIN_PASSWORD, launchBrowser, loginThroughForm, startServer } from './harness';

/**
 * 动员统计 in the browser: the organisation department (组织部) opens the county's figures, sees
 * 古陶镇's party members and its commando team's call-out, goes down into 古陶镇 by its row and
 * back up by the arrow, and downloads the .xlsx — all drawn from data entered through the API.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let page: Page;
let cookie: string;
let tree: Awaited<ReturnType<typeof makeTree>>;
const id = (first17: string) => first17 + idCardCheckChar(first17);

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(server.url + path, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => null)) as any;
  expect(res.status, JSON.stringify(json)).toBeLessThan(300);
  return json;
}

beforeAll(async () => {
  server = await startServer();
  tree = await makeTree(server.db, systemClock);
  await makeUser(server.db, systemClock, 'zuzhibu', 'organisation', tree.county);
  const login = await fetch(server.url + '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const branch = await api('POST', '/api/party/organisations', {
    kind: 'branch',
    name: '东城村党支部',
    unitName: '东城村',
    unitType: 'village',
    regionId: tree.dongcheng.id,
  });
  const personIds: string[] = [];
  for (const [name, first17] of [
    ['张党员', '14072819800101011'],
    ['李党员', '14072819850202012'],
    ['王党员', '14072819900303013'],
  ] as const) {
    const m = await api('POST', '/api/party/members', {
      name,
      idNumber: id(first17),
      organisationId: branch.id,
      category: 'full',
    });
    personIds.push(m.personId);
  }
  const team = await api('POST', '/api/callouts/teams', {
    name: '古陶镇党员突击队',
    kind: 'commando',
    regionId: tree.gutao.id,
    leader: { personId: personIds[0] },
  });
  for (const personId of personIds.slice(1))
    await api('POST', `/api/callouts/teams/${team.id}/members`, { person: { personId } });
  const callout = await api('POST', '/api/callouts', { teamId: team.id, meetingPoint: '高速口卡点' });
  // the leader checks all three in at once: complete within the 15-minute standard
  const board = await api('GET', `/api/callouts/${callout.id}/board`);
  for (const o of board.orders) await api('POST', `/api/callouts/${callout.id}/orders/${o.id}/arrive`);
  await refreshRollups(server.db, systemClock, 'Asia/Shanghai', { force: true });
  browser = await launchBrowser();
  const context = await browser.newContext({
    viewport: { width: 1366, height: 800 },
    timezoneId: 'Asia/Shanghai',
    locale: 'zh-CN',
    acceptDownloads: true,
  });
  page = await context.newPage();
  await loginThroughForm(page, server.url, 'zuzhibu', PASSWORD);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('动员统计 (the organisation department)', () => {
  it('shows the figures by township, goes down and back up, and exports them', async () => {
    await page.locator('[data-testid="nav-mobilisation"]').click();
    await expect
      .poll(() => page.locator('[data-testid="mobilisation-title"]').innerText())
      .toBe('平遥县 · 党员志愿者动员统计');
    const row = page.locator('[data-testid="mobilisation-table"] tr[data-name="古陶镇"]');
    // columns: 区域, 党员人数, 在一线党员, …, 突击队 (6th figure), 下达集结令 (7th)
    await expect.poll(() => row.locator('td').nth(1).innerText()).toBe('3');
    expect(await row.locator('td').nth(6).innerText()).toBe('1');
    expect(await row.locator('td').nth(7).innerText()).toBe('1');
    await expect(page.locator('[data-testid="mobilisation-total"]').innerText()).resolves.toContain('合计');
    await expect(page.locator('[data-testid="mobilisation-callouts"]').innerText()).resolves.toContain('1');
    // the call-out times after the 13 figures: first acknowledgement, arrival (medians), share within 15 minutes
    expect(await row.locator('td').nth(14).innerText()).toBe('0.0 分钟');
    expect(await row.locator('td').nth(15).innerText()).toBe('0.0 分钟');
    expect(await row.locator('td').nth(16).innerText()).toBe('100%');
    await expect(page.locator('[data-testid="mobilisation-withinStandardShare"]').innerText()).resolves.toContain(
      '100%',
    );

    await row.click();
    await expect
      .poll(() => page.locator('[data-testid="mobilisation-title"]').innerText())
      .toBe('古陶镇 · 党员志愿者动员统计');
    expect(page.url()).toContain(`region=${tree.gutao.id}`);
    await expect
      .poll(() => page.locator('[data-testid="mobilisation-table"] tr[data-name="东城村"] td').nth(1).innerText())
      .toBe('3');
    await page.locator('[data-testid="mobilisation-up"]').click();
    await expect
      .poll(() => page.locator('[data-testid="mobilisation-title"]').innerText())
      .toBe('平遥县 · 党员志愿者动员统计');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-testid="mobilisation-export"]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^党员志愿者动员统计-平遥县-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
    const rows = wb.getWorksheet('动员统计')!.getSheetValues().filter(Boolean) as unknown[][];
    expect(rows.find((r) => r[1] === '古陶镇')![2]).toBe(3);
    expect(rows.find((r) => r[1] === '古陶镇')!.slice(15, 18)).toEqual([0, 0, 100]);
  });
});
