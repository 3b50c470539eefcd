import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { localDay, systemClock } from '../src/server/clock';
import { makeTree, makeUser, PASSWORD } from '../src/server/testing/factories';
import { idCardCheckChar } from '../src/shared/validators';
import { ADMIN_PASSWORD, launchBrowser, loginThroughForm, screenshot, startServer } from './harness';

/**
 * 临时党支部 in the browser: three party members of 东城村 stood at the highway exit in the last days;
 * the organisation department sees the checkpoint flagged 应建未建 with their names, sets up the
 * branch with one click, and the flag is gone; the roster shows them as 党员先锋岗.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let page: Page;
let siteId = '';

async function api(cookie: string, method: string, path: string, body?: unknown) {
  const res = await fetch(server.url + path, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json().catch(() => null)) as any };
}

async function cookieOf(username: string, password: string) {
  const login = await fetch(server.url + '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

beforeAll(async () => {
  server = await startServer();
  const tree = await makeTree(server.db, systemClock);
  await makeUser(server.db, systemClock, 'zuzhibu', 'organisation', tree.county);
  const admin = await cookieOf('admin', ADMIN_PASSWORD);
  const org = await api(admin, 'POST', '/api/party/organisations', {
    kind: 'branch',
    name: '东城村党支部',
    unitName: '东城村',
    unitType: 'village',
    regionId: tree.dongcheng.id,
  });
  expect(org.status).toBe(201);
  const members: string[] = [];
  for (const [name, first17] of [
    ['张志强', '14072819800101301'],
    ['李红梅', '14072819850202302'],
    ['王建国', '14072819900303303'],
  ] as const) {
    const res = await api(admin, 'POST', '/api/party/members', {
      name,
      idNumber: first17 + idCardCheckChar(first17),
      organisationId: org.json.id,
      category: 'full',
    });
    expect(res.status).toBe(201);
    members.push(res.json.personId);
  }
  const site = await api(admin, 'POST', '/api/checkpoints/sites', {
    name: '平遥高速出口',
    kind: 'highway_exit',
    regionId: tree.gutao.id,
  });
  siteId = site.json.id;
  const yesterday = localDay(new Date(Date.now() - 86_400_000), 'Asia/Shanghai');
  expect(
    (await api(admin, 'POST', '/api/checkpoints/shifts/plan', { siteId, fromDay: yesterday, days: 2 })).status,
  ).toBe(201);
  const from = new Date(Date.now() - 30 * 3_600_000).toISOString();
  const shifts = (await api(admin, 'GET', `/api/checkpoints/roster?siteId=${siteId}&from=${from}`)).json.items.filter(
    (s: { startsAt: string }) => Date.parse(s.startsAt) <= Date.now(),
  );
  for (const personId of members)
    expect(
      (
        await api(admin, 'POST', `/api/checkpoints/shifts/${shifts[shifts.length - 1].id}/assign`, {
          personId,
        })
      ).status,
    ).toBe(201);
  browser = await launchBrowser();
  page = await (
    await browser.newContext({ viewport: { width: 1366, height: 860 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' })
  ).newPage();
  await loginThroughForm(page, server.url, 'zuzhibu', PASSWORD);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('temporary branches (临时党支部)', () => {
  it('shows the flagged checkpoint with its party members and sets up its branch in one click', async () => {
    await expect(page.locator('[data-testid="nav-temp-branches"]').count()).resolves.toBe(1);
    await page.goto(`${server.url}/temp-branches`);
    const flags = page.locator('[data-testid="branch-flags"]');
    await expect.poll(() => flags.innerText()).toContain('应建未建（卡口）');
    await expect(flags.innerText()).resolves.toContain('张志强 · 东城村党支部');
    await screenshot(page, 'temp-branch-flags');
    await page.locator(`[data-testid="set-up-site-${siteId}"]`).click();
    await expect.poll(() => page.locator('[data-testid="branch-name"]').inputValue()).toBe('平遥高速出口临时党支部');
    await page.locator('[data-testid="branch-submit"]').click();
    await page.waitForURL(/\/temp-branches\/[0-9a-f-]{36}$/);
    await expect
      .poll(() => page.locator('.ant-card-head-title').first().innerText())
      .toContain('平遥高速出口临时党支部');

    await page.goto(`${server.url}/temp-branches`);
    await expect.poll(() => flags.innerText()).toContain('低于最低人数');
    await expect(flags.innerText()).resolves.not.toContain('应建未建（卡口）');

    // 亮身份: whoever keeps the roster sees the party members on duty marked
    const keeper = await (
      await browser.newContext({ viewport: { width: 1366, height: 860 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' })
    ).newPage();
    await loginThroughForm(keeper, server.url, 'admin', ADMIN_PASSWORD);
    await keeper.goto(`${server.url}/checkpoints/roster`);
    const vanguard = keeper.locator('[data-testid^="vanguard-"]');
    await expect.poll(() => vanguard.count(), { timeout: 10_000 }).toBe(3);
    await expect(vanguard.first().innerText()).resolves.toBe('党员先锋岗');
    await screenshot(keeper, 'temp-branch-roster-vanguard');
  });
});
