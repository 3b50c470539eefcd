import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { ManualClock, systemClock } from '../src/server/clock';
import { registerPerson } from '../src/server/features/residents/persons.service';
import { makeTree, makeUser, PASSWORD } from '../src/server/testing/factories';
import { systemActor } from '../src/server/testing/test-app';
import { idCardCheckChar } from '../src/shared/validators';
import { ADMIN_PASSWORD, launchBrowser, loginThroughForm, screenshot, startServer } from './harness';

/**
 * 零报告 end to end: a grid worker of 东城村, on a phone, opens today's zero report — pre-filled
 * with yesterday's returnee — is stopped when a corrected figure has no reason, gives one and
 * submits; the command centre's status page then lists 东城村 among the latest reports and the
 * other units (西城村, 段村 and a checkpoint) as not reported, with 段村's answerable person.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let tree: Awaited<ReturnType<typeof makeTree>>;
let adminCookie: string;

async function apiCall(method: string, path: string, body?: unknown) {
  const response = await fetch(server.url + path, {
    method,
    headers: { cookie: adminCookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

beforeAll(async () => {
  server = await startServer();
  tree = await makeTree(server.db, systemClock);
  await makeUser(server.db, systemClock, 'wangge01', 'grid', tree.gridA);
  await makeUser(server.db, systemClock, 'zhihui01', 'command', tree.county);
  // a returnee registered in 东城村 yesterday (the report of today covers yesterday)
  const yesterday = new ManualClock(new Date(Date.now() - 24 * 3600_000));
  await registerPerson(server.db, yesterday, systemActor, {
    name: '赵返乡',
    idType: 'resident_id',
    idNumber: '14072819900303003'.slice(0, 17) + idCardCheckChar('14072819900303003'.slice(0, 17)),
    regionId: tree.buildingA.id,
    away: false,
    tags: ['returnee'],
    confirmNotDuplicate: false,
  });
  const login = await fetch(server.url + '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  adminCookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  expect(
    (
      await apiCall('POST', '/api/checkpoints/sites', {
        name: '段村村口',
        kind: 'village_entrance',
        regionId: tree.duancunVillage.id,
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await apiCall('POST', '/api/responsibilities', {
        regionId: tree.duancunVillage.id,
        personName: '郝包村',
        post: '乡镇包村干部',
        phone: '13812345678',
      })
    ).status,
  ).toBe(201);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('daily zero report (零报告)', () => {
  let page: Page;

  it('a village grid worker submits the pre-filled report, correcting one figure with a reason', async () => {
    page = await browser.newPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
    await loginThroughForm(page, server.url, 'wangge01', PASSWORD);
    await page.locator('[data-testid="nav-toggle"]').click();
    await page.locator('[data-testid="nav-zero-report"]').click();
    await page.waitForURL(/\/zero-report$/);
    await expect(page.locator('[data-testid="zr-unit-select"]').innerText()).resolves.toContain('东城村');
    // pre-filled: yesterday's returnee, nothing else
    await expect.poll(() => page.locator('[data-testid="zr-value-newReturnees"]').innerText()).toBe('1');
    await expect(page.locator('[data-testid="zr-value-householdsScreened"]').innerText()).resolves.toBe('0');
    await expect(page.locator('[data-testid="zr-period"]').innerText()).resolves.toMatch(/统计时段/);

    await page.locator('[data-testid="zr-correct-householdsScreened"]').click();
    // antd puts the test id on the <input> itself or on its wrapper, depending on the version
    const input = page
      .locator('[data-testid="zr-input-householdsScreened"]')
      .locator('xpath=descendant-or-self::input');
    await input.fill('2');
    await page.locator('[data-testid="zr-submit"]').click();
    // refused on the phone: a changed figure needs its reason, and nothing was sent
    await expect(page.locator('[data-testid="zr-figure-householdsScreened"]').innerText()).resolves.toContain(
      '修改了系统数据，请填写原因',
    );
    expect((await apiCall('GET', '/api/zero-reports/status')).json.totals.reported).toBe(0);

    await page.locator('[data-testid="zr-reason-householdsScreened"]').fill('两户纸质登记表未录入系统');
    await page.locator('[data-testid="zr-remarks"]').fill('全村无异常');
    await page.locator('[data-testid="zr-submit"]').click();
    const banner = page.locator('[data-testid="zr-submitted"]');
    await banner.waitFor();
    await expect(banner.innerText()).resolves.toMatch(/已于 .+ 报送（第 1 版），(按时|逾期)/);
    await screenshot(page, 'zero-report-form-375');

    const units = (await apiCall('GET', `/api/zero-reports/draft?unitType=village&unitId=${tree.dongcheng.id}`)).json;
    expect(units.report).toMatchObject({
      version: 1,
      remarks: '全村无异常',
      figures: { newReturnees: 1, householdsScreened: 2 },
      corrections: [{ field: 'householdsScreened', computed: 0, value: 2, reason: '两户纸质登记表未录入系统' }],
    });
    await page.close();
  });

  it('the command centre sees it reported and the other units missing, with their answerable person', async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await loginThroughForm(page, server.url, 'zhihui01', PASSWORD);
    await page.locator('[data-testid="nav-zero-report-status"]').click();
    await page.waitForURL(/\/zero-reports\/status$/);
    // Clicked straight after login, while the region tree (the command role's landing page) is
    // still loading: that page once pulled the user back to it when its tree arrived.
    const latest = page.locator('[data-testid="zr-latest"]');
    await latest.waitFor();
    await expect.poll(() => latest.innerText(), { timeout: 30_000 }).toContain('东城村');
    const missing = page.locator('[data-testid="zr-missing"]');
    await expect.poll(() => missing.innerText()).toContain('西城村');
    const missingText = await missing.innerText();
    expect(missingText).toContain('段村村口');
    expect(missingText).toContain('郝包村');
    expect(missingText).toContain('138****5678');
    expect(missingText).not.toContain('东城村');
    const townships = await page.locator('[data-testid="zr-townships"]').innerText();
    expect(townships).toMatch(/古陶镇\s+2\s+1\s+50\.0%/);
    expect(townships).toMatch(/段村镇\s+2\s+0\s+0\.0%/);
    await expect(page.locator('[data-testid="zr-totals"]').innerText()).resolves.toMatch(/应报单位\s+4\s+已报\s+1/);
    await page.locator('canvas').first().waitFor();
    await screenshot(page, 'zero-report-status');
    await page.close();
  }, 180_000);
});
