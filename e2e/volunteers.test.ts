import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemClock } from '../src/server/clock';
import { makeTree, makeUser, PASSWORD } from '../src/server/testing/factories';
import { idCardCheckChar } from '../src/shared/validators';
import { launchBrowser, loginThroughForm, screenshot, startServer } from './harness';

/**
 * 志愿者报名 in the browser: a villager of 东城村 opens the village's sign-up link on a phone-sized
 * page without logging in, fills in name, ID number, mobile, skills, days and the health
 * declaration, and is told the village will review it; 古陶镇's cadre finds the sign-up pending in
 * the registry and approves it.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let page: Page;
let signupPath = '';
let cookie = '';
let villageId = '';

async function api(method: string, path: string, body?: unknown) {
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
  await makeUser(server.db, systemClock, 'gutao01', 'township', tree.gutao);
  const login = await fetch(server.url + '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'gutao01', password: PASSWORD }),
  });
  cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  villageId = tree.dongcheng.id;
  const link = await fetch(`${server.url}/api/volunteers/signup-links/${tree.dongcheng.id}`, { headers: { cookie } });
  expect(link.status).toBe(200);
  signupPath = ((await link.json()) as { path: string }).path;
  browser = await launchBrowser();
  page = await (
    await browser.newContext({ viewport: { width: 1366, height: 860 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' })
  ).newPage();
  await loginThroughForm(page, server.url, 'gutao01', PASSWORD);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('volunteer sign-up (志愿者报名)', () => {
  it('a villager signs up on a phone; the township cadre approves them', async () => {
    const phone = await (
      await browser.newContext({
        viewport: { width: 375, height: 667 },
        isMobile: true,
        hasTouch: true,
        timezoneId: 'Asia/Shanghai',
        locale: 'zh-CN',
      })
    ).newPage();
    await phone.goto(server.url + signupPath);
    await expect.poll(() => phone.locator('[data-testid="volunteer-place"]').innerText()).toContain('古陶镇 东城村');
    await phone.locator('[data-testid="volunteer-name"]').fill('周志愿');
    const first17 = '14072819920304051';
    await phone
      .locator('[data-testid="volunteer-idNumber"]')
      .fill(first17 + (idCardCheckChar(first17) === '0' ? '1' : '0'));
    await phone.locator('[data-testid="volunteer-phone"]').fill('13912348888');
    await phone.locator('[data-testid="volunteer-skill-driver"]').check();
    await phone.locator('[data-testid="volunteer-day-6"]').check();
    await phone.locator('[data-testid="volunteer-day-7"]').check();
    await phone.locator('[data-testid="volunteer-period-morning"]').check();
    await phone.locator('[data-testid="volunteer-fever-no"]').check();
    await phone.locator('[data-testid="volunteer-contact-no"]').check();
    await phone.locator('[data-testid="volunteer-travel-no"]').check();
    await phone.locator('[data-testid="volunteer-submit"]').click();
    // a wrong check digit is caught by the server and shown on the field
    await expect
      .poll(() => phone.locator('[data-testid="volunteer-idNumber-error"]').innerText())
      .toContain('身份证号有误');
    await phone.locator('[data-testid="volunteer-idNumber"]').fill(first17 + idCardCheckChar(first17));
    await phone.locator('[data-testid="volunteer-submit"]').click();
    await expect.poll(() => phone.locator('[data-testid="volunteer-thanks"]').innerText()).toContain('审核');
    await screenshot(phone, 'volunteer-signup-phone');

    await page.goto(`${server.url}/volunteers`);
    await expect.poll(() => page.locator('[data-testid="nav-volunteers"]').count()).toBe(1);
    const row = page.locator('tr', { hasText: '周志愿' });
    await expect.poll(() => row.innerText()).toContain('待审核');
    await expect(row.innerText()).resolves.toContain('139****8888');
    await expect(row.innerText()).resolves.toContain('周六 08:00–12:00');
    await row.locator('[data-testid^="volunteer-approve-"]').click();
    await expect.poll(() => row.innerText()).toContain('在册');
    await screenshot(page, 'volunteers-registry');

    // an unknown link says so plainly
    await phone.goto(`${server.url}/v/AAAAAAAAAAAAAAAAAAAAAAAA`);
    await expect.poll(() => phone.locator('[data-testid="volunteer-failure"]').innerText()).toContain('链接无效');
  });

  it("a volunteer's page reveals the mobile; the poster carries the QR code; a group is led and activated", async () => {
    await page.locator('tr', { hasText: '周志愿' }).locator('a').first().click();
    await page.waitForURL(/\/volunteers\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator('[data-testid="volunteer-phone-masked"]').innerText()).toBe('139****8888');
    await page.locator('[data-testid="volunteer-phone-reveal"]').click();
    await expect.poll(() => page.locator('[data-testid="volunteer-phone-full"]').innerText()).toContain('13912348888');

    await page.goto(`${server.url}/volunteers/poster/${villageId}`);
    await expect.poll(() => page.locator('[data-testid="volunteer-poster"]').innerText()).toContain('东城村');
    await expect(page.locator('[data-testid="volunteer-poster"] svg').count()).resolves.toBe(1);
    await screenshot(page, 'volunteer-poster');

    const ids: string[] = [];
    for (const [i, name] of ['吴一', '郑二', '冯三'].entries()) {
      const first17 = `1407281988010100${i}`;
      const res = await api('POST', '/api/volunteers', {
        name,
        idNumber: first17 + idCardCheckChar(first17),
        phone: `1391234800${i}`,
        regionId: villageId,
        skills: ['disinfection'],
        healthDeclaration: { feverOrCough14Days: false, caseContact: false, riskAreaTravel: false },
        approve: true,
      });
      expect(res.status).toBe(201);
      ids.push(res.json.id);
    }
    const group = await api('POST', '/api/volunteer-groups', {
      name: '东城村消杀组',
      regionId: villageId,
      memberIds: ids,
    });
    expect(group.status).toBe(201);
    await page.goto(`${server.url}/volunteers/groups`);
    await page.locator(`[data-testid="group-link-${group.json.id}"]`).click();
    await page.locator(`[data-testid="group-leader-${ids[1]}"]`).click();
    await expect.poll(() => page.locator('tr.ant-table-row', { hasText: '郑二' }).innerText()).toContain('组长');
    await page.locator('[data-testid="group-activate"]').click();
    await expect.poll(() => page.locator('.ant-card-head').first().innerText()).toContain('已启用');
    await screenshot(page, 'volunteer-group');
  });
});
