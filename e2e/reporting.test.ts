import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { systemClock } from '../src/server/clock';
import { makeTree, makeUser, PASSWORD } from '../src/server/testing/factories';
import { idCardCheckChar } from '../src/shared/validators';
import { ADMIN_PASSWORD, launchBrowser, loginThroughForm, screenshot, startServer } from './harness';

/**
 * 在职党员到社区报到 in the browser: a member of the county health bureau's branch scans 东城村's poster
 * and reports on a phone-sized page without logging in; the village cadre sees them in the list,
 * gives them a post and marks them 已到岗; the organisation department sees the bureau at 100%.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let slug = '';
const MEMBER = {
  name: '张卫国',
  idNumber: '14072819800101401' + idCardCheckChar('14072819800101401'),
  phone: '13912340401',
};

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
  await makeUser(server.db, systemClock, 'village01', 'grid', tree.dongcheng);
  await makeUser(server.db, systemClock, 'zuzhibu', 'organisation', tree.county);
  const admin = await cookieOf('admin', ADMIN_PASSWORD);
  expect((await api(admin, 'POST', '/api/persons', { ...MEMBER, regionId: tree.buildingA.id })).status).toBe(201);
  const zuzhibu = await cookieOf('zuzhibu', PASSWORD);
  const branch = await api(zuzhibu, 'POST', '/api/party/organisations', {
    kind: 'branch',
    name: '县卫健局机关党支部',
    unitName: '平遥县卫生健康局',
    unitType: 'organ',
    regionId: tree.county.id,
  });
  expect(branch.status).toBe(201);
  const member = await api(zuzhibu, 'POST', '/api/party/members', {
    ...MEMBER,
    organisationId: branch.json.id,
    category: 'full',
  });
  expect(member.status).toBe(201);
  const village = await cookieOf('village01', PASSWORD);
  const link = await api(village, 'POST', `/api/party/reporting/links/${tree.dongcheng.id}`);
  expect(link.status).toBe(200);
  slug = link.json.slug;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('reporting to the community (在职党员到社区报到)', () => {
  it('a member reports on a phone; the village cadre assigns a post; the county sees the rate', async () => {
    const phone = await (
      await browser.newContext({
        viewport: { width: 375, height: 667 },
        isMobile: true,
        hasTouch: true,
        timezoneId: 'Asia/Shanghai',
        locale: 'zh-CN',
      })
    ).newPage();
    await phone.goto(`${server.url}/bd/${slug}`);
    await expect.poll(() => phone.locator('[data-testid="report-in"] h2').innerText()).toBe('东城村');
    await phone.locator('[data-testid="report-in-name"]').fill('李四');
    await phone.locator('[data-testid="report-in-idNumber"]').fill(MEMBER.idNumber);
    await phone.locator('[data-testid="report-in-phone"]').fill(MEMBER.phone);
    await phone.locator('[data-testid="report-in-submit"]').click();
    await expect.poll(() => phone.locator('[data-testid="report-in-problem"]').innerText()).toContain('未保存');
    await phone.locator('[data-testid="report-in-name"]').fill(MEMBER.name);
    await phone.locator('[data-testid="report-in-submit"]').click();
    await expect.poll(() => phone.locator('[data-testid="report-in-done"]').innerText()).toContain('报到成功');
    await screenshot(phone, 'report-in-phone');
    const report = await server.db.selectFrom('party_reports').select('id').executeTakeFirstOrThrow();

    const page = await (
      await browser.newContext({ viewport: { width: 1366, height: 860 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' })
    ).newPage();
    await loginThroughForm(page, server.url, 'village01', PASSWORD);
    await page.goto(`${server.url}/reporting`);
    const row = page.locator('tr', { hasText: MEMBER.name });
    await expect.poll(() => row.innerText()).toContain('待安排岗位');
    expect(await row.innerText()).toContain('139****0401');
    await page.locator(`[data-testid="report-assign-${report.id}"]`).click();
    await page.locator('[data-testid="assign-post"]').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '入户排查' }).click();
    // the dropdown closes with an animation: OK is clickable once it is gone
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    await expect.poll(() => page.locator('.ant-modal').innerText()).toContain('入户排查');
    await page.locator('.ant-modal-footer .ant-btn-primary').click();
    await expect.poll(() => row.innerText()).toContain('待到岗');
    await row.locator('button', { hasText: '到岗' }).click();
    await expect.poll(() => row.innerText()).toContain('已到岗');
    await screenshot(page, 'reporting-list');
    // the village cadre starts at their village: its poster carries the same stable link
    await page.locator('[data-testid="reporting-poster"]').click();
    await expect
      .poll(() => page.locator('[data-testid="reporting-poster-url"]').innerText())
      .toBe(`${server.url}/bd/${slug}`);
    await screenshot(page, 'reporting-poster');

    const county = await (
      await browser.newContext({ viewport: { width: 1366, height: 860 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' })
    ).newPage();
    await loginThroughForm(county, server.url, 'zuzhibu', PASSWORD);
    await county.goto(`${server.url}/reporting/rates`);
    const unit = county.locator('tr', { hasText: '平遥县卫生健康局' });
    await expect.poll(() => unit.innerText()).toContain('100.0%');
    expect(await county.locator('[data-testid="rates-totals"]').innerText()).toContain('已报到 1 人');
  });
});
