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

beforeAll(async () => {
  server = await startServer();
  const tree = await makeTree(server.db, systemClock);
  await makeUser(server.db, systemClock, 'gutao01', 'township', tree.gutao);
  const login = await fetch(server.url + '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'gutao01', password: PASSWORD }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
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
});
