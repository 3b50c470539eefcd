import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemClock } from '../src/server/clock';
import { makeTree, makeUser, PASSWORD } from '../src/server/testing/factories';
import { idCardCheckChar } from '../src/shared/validators';
import { ADMIN_PASSWORD, launchBrowser, loginThroughForm, screenshot, startServer } from './harness';

/**
 * 一日两调度 in the browser: the county command centre draws this morning's dispatch sheet — a new
 * confirmed case and a checkpoint with nobody on duty are on it — gives the roster gap to a named
 * cadre with a due time, and marks it done with a note.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let page: Page;

async function api(cookie: string, method: string, path: string, body?: unknown) {
  const res = await fetch(server.url + path, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json().catch(() => null)) as any };
}

beforeAll(async () => {
  server = await startServer();
  const tree = await makeTree(server.db, systemClock);
  await makeUser(server.db, systemClock, 'diaodu01', 'command', tree.county);
  const login = await fetch(server.url + '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  expect(
    (
      await api(cookie, 'POST', '/api/checkpoints/sites', {
        name: '平遥高速口',
        kind: 'highway_exit',
        regionId: tree.gutao.id,
      })
    ).status,
  ).toBe(201);
  const first17 = '14072819800101101';
  const person = await api(cookie, 'POST', '/api/persons', {
    name: '赵确诊',
    idNumber: first17 + idCardCheckChar(first17),
    regionId: tree.buildingA.id,
    confirmNotDuplicate: true,
  });
  expect(person.status).toBe(201);
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  expect(
    (
      await api(cookie, 'POST', '/api/cases', {
        personId: person.json.person.id,
        classification: 'confirmed',
        reportDate: today,
      })
    ).status,
  ).toBe(201);
  browser = await launchBrowser();
  page = await (
    await browser.newContext({ viewport: { width: 1366, height: 860 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' })
  ).newPage();
  await loginThroughForm(page, server.url, 'diaodu01', PASSWORD);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('dispatch (一日两调度)', () => {
  it('draws the morning sheet, assigns the roster gap to a named cadre, and closes it with a note', async () => {
    // the sidebar is long; go straight to the page (the nav entry is checked below)
    await expect(page.locator('[data-testid="nav-dispatch"]').count()).resolves.toBe(1);
    await page.goto(`${server.url}/dispatch`);
    await page.locator('[data-testid="dispatch-draw-morning"]').click();
    await page.waitForURL(/\/dispatch\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid="dispatch-group-by"]').getByText('按类别').click();
    await expect.poll(() => page.locator('[data-testid="dispatch-group-new_case"]').innerText()).toContain('赵确诊');
    const gaps = page.locator('[data-testid="dispatch-group-roster_gap"]');
    await expect(gaps.innerText()).resolves.toContain('平遥高速口');
    const item = gaps.locator('[data-testid^="dispatch-item-"]').first();
    const itemId = (await item.getAttribute('data-testid'))!.replace('dispatch-item-', '');
    await item.locator(`[data-testid="dispatch-assign-${itemId}"]`).click();
    await page.getByText('填写姓名').click();
    await page.locator('[data-testid="dispatch-assignee-name"]').fill('郝站长');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => item.innerText()).toContain('郝站长');
    await item.locator(`[data-testid="dispatch-done-${itemId}"]`).click();
    await page.locator('[data-testid="dispatch-done-note"]').fill('已安排古陶镇干部两人补岗');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => item.getAttribute('data-status')).toBe('done');
    await screenshot(page, 'dispatch-sheet');
    // drawing the same slot again opens the same sheet
    const sheetUrl = page.url();
    await page.goto(`${server.url}/dispatch`);
    await page.locator('[data-testid="dispatch-draw-morning"]').click();
    await page.waitForURL(sheetUrl);
    await expect
      .poll(() => page.locator(`[data-testid="dispatch-item-${itemId}"]`).getAttribute('data-status'))
      .toBe('done');
  });

  it('groups the sheet by township, hands a whole township group to one person at once, and prints the agenda', async () => {
    await page.locator('[data-testid="dispatch-group-by"]').getByText('按乡镇').click();
    const pick = page.locator('[data-testid^="dispatch-pick-group-"]').first();
    const key = (await pick.getAttribute('data-testid'))!.replace('dispatch-pick-group-', '');
    const group = page.locator(`[data-testid="dispatch-group-${key}"]`);
    const open = await group.locator('[data-testid^="dispatch-item-"][data-status="open"]').count();
    expect(open).toBeGreaterThan(0);
    await pick.click();
    await page.locator('[data-testid="dispatch-assign-picked"]').click();
    await expect.poll(() => page.locator('[data-testid="dispatch-assign-lines"]').innerText()).toContain(`${open}`);
    await page.locator('.ant-modal').getByText('填写姓名').click();
    await page.locator('[data-testid="dispatch-assignee-name"]').fill('镇长王');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect
      .poll(async () => {
        const texts = await group.locator('[data-testid^="dispatch-item-"][data-status="open"]').allInnerTexts();
        return texts.length > 0 && texts.every((x) => x.includes('镇长王'));
      })
      .toBe(true);
    await page.locator('[data-testid="dispatch-agenda"]').click();
    const agenda = page.locator('[data-testid="dispatch-agenda-sheet"]');
    await expect.poll(() => agenda.innerText()).toContain('镇长王');
    await expect(agenda.innerText()).resolves.toContain('主持人签字');
    await screenshot(page, 'dispatch-agenda');
  });
});
