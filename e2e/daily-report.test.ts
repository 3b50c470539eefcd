import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemClock } from '../src/server/clock';
import { refreshRollups } from '../src/server/features/rollups/refresh.service';
import { makeTree, makeUser, PASSWORD } from '../src/server/testing/factories';
import { idCardCheckChar } from '../src/shared/validators';
import { ADMIN_PASSWORD, launchBrowser, loginThroughForm, screenshot, startServer } from './harness';

/**
 * 一日一汇报 in the browser: before anyone has reported, the county's draft shows its zero sum
 * beside the live figures of the county (辖区实时数) with the gap, also in the submit dialog; the
 * village cadre of 东城村 drafts today's report from live figures,
 * corrects the household visits (refused without a reason, accepted with one), writes the
 * assessment and submits; the cadre of 古陶镇 sees 东城村 submitted, drafts the township's report —
 * 东城村 summed as corrected, 西城村 listed as missing — and submits it with a note on the missing
 * village — seeing, beside the sum, the live figures that include 西城村; the print view shows the
 * report on one sheet with the live column and 西城村 marked missing; then the township fills in
 * 西城村's report for it (代填), which the report shows.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let tree: Awaited<ReturnType<typeof makeTree>>;

async function api(cookie: string, method: string, path: string, body?: unknown) {
  const res = await fetch(server.url + path, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json().catch(() => null)) as any };
}

async function pageAs(username: string): Promise<Page> {
  const page = await (
    await browser.newContext({ viewport: { width: 1366, height: 900 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' })
  ).newPage();
  await loginThroughForm(page, server.url, username, PASSWORD);
  return page;
}

const testId = (page: Page, id: string) => page.locator(`[data-testid="${id}"]`);

beforeAll(async () => {
  server = await startServer();
  tree = await makeTree(server.db, systemClock);
  await makeUser(server.db, systemClock, 'cunwei01', 'grid', tree.dongcheng);
  await makeUser(server.db, systemClock, 'zhenli01', 'township', tree.gutao);
  await makeUser(server.db, systemClock, 'xianzhb01', 'command', tree.county);
  const login = await fetch(server.url + '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const people: [string, string, string][] = [
    ['赵东城', '14072819800101101', tree.buildingA.id],
    ['钱东城', '14072819800101102', tree.buildingA.id],
    ['孙西城', '14072819800101103', tree.buildingB.id],
  ];
  for (const [name, first17, regionId] of people) {
    expect(
      (
        await api(cookie, 'POST', '/api/persons', {
          name,
          idNumber: first17 + idCardCheckChar(first17),
          regionId,
          confirmNotDuplicate: true,
        })
      ).status,
    ).toBe(201);
  }
  await refreshRollups(server.db, systemClock, 'Asia/Shanghai', { force: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('daily report (一日一汇报)', () => {
  it('a county none of whose townships has reported sees its zero sum beside the live figures before it submits', async () => {
    const county = await pageAs('xianzhb01');
    await county.goto(`${server.url}/daily-reports`);
    await testId(county, `dr-start-${tree.county.id}`).click();
    await county.waitForURL(/\/daily-reports\/[0-9a-f-]{36}$/);
    await expect.poll(() => testId(county, 'dr-computed-residents').innerText()).toBe('0');
    await expect(testId(county, 'dr-live-title').first().innerText()).resolves.toBe('辖区实时数'); // antd draws a scrolling table's header twice
    await expect(testId(county, 'dr-live-residents').innerText()).resolves.toBe('3');
    await expect(testId(county, 'dr-live-residents').getAttribute('data-differs')).resolves.toBe('true');
    await expect(testId(county, 'dr-missing').innerText()).resolves.toContain('下级单位均未报送');
    await expect(testId(county, 'dr-gap-residents').innerText()).resolves.toContain('已报汇总 0，辖区实时 3');
    await testId(county, 'dr-submit').click();
    await expect.poll(() => county.locator('.ant-modal [data-testid="dr-gap-residents"]').count()).toBe(1);
    await screenshot(county, 'daily-report-county-gap');
    await county.keyboard.press('Escape');
    await expect(testId(county, 'dr-status').getAttribute('data-status')).resolves.toBe('draft');
  });

  it('a village drafts, corrects a figure with a reason and submits; the township sees it summed and submits', async () => {
    const village = await pageAs('cunwei01');
    await expect(testId(village, 'nav-daily-reports').count()).resolves.toBe(1);
    await village.goto(`${server.url}/daily-reports`);
    await testId(village, `dr-start-${tree.dongcheng.id}`).click();
    await village.waitForURL(/\/daily-reports\/[0-9a-f-]{36}$/);
    await expect.poll(() => testId(village, 'dr-computed-residents').innerText()).toBe('2');
    await expect(testId(village, 'dr-status').getAttribute('data-status')).resolves.toBe('draft');

    await testId(village, 'dr-value-householdsVisited').locator('xpath=descendant-or-self::input').fill('4');
    await testId(village, 'dr-save').click();
    // refused without a reason: the box is marked, nothing is saved
    await expect
      .poll(() => testId(village, 'dr-reason-householdsVisited').getAttribute('class'))
      .toContain('status-error');
    await testId(village, 'dr-reason-householdsVisited').fill('4户为纸质登记表，尚未录入');
    await testId(village, 'dr-assessment').fill('本村登记人员稳定，无发热');
    await testId(village, 'dr-save').click();
    await expect.poll(() => testId(village, 'dr-save').isDisabled()).toBe(true);
    await testId(village, 'dr-submit').click();
    await testId(village, 'dr-submit-ok').click();
    await expect.poll(() => testId(village, 'dr-status').getAttribute('data-status')).toBe('submitted');
    await expect(testId(village, 'dr-reported-householdsVisited').innerText()).resolves.toBe('4');
    await expect(testId(village, 'dr-reason-text-householdsVisited').innerText()).resolves.toBe(
      '4户为纸质登记表，尚未录入',
    );
    await screenshot(village, 'daily-report-village');

    const township = await pageAs('zhenli01');
    await township.goto(`${server.url}/daily-reports`);
    await expect
      .poll(() => testId(township, `dr-unit-${tree.dongcheng.id}`).getAttribute('data-status'))
      .toBe('submitted');
    await expect(testId(township, `dr-unit-${tree.xicheng.id}`).getAttribute('data-status')).resolves.toBe('none');
    await testId(township, `dr-start-${tree.gutao.id}`).click();
    await township.waitForURL(/\/daily-reports\/[0-9a-f-]{36}$/);
    // 东城村 summed as it submitted it; 西城村 has not reported and is not summed
    await expect.poll(() => testId(township, 'dr-computed-householdsVisited').innerText()).toBe('4');
    await expect(testId(township, 'dr-computed-residents').innerText()).resolves.toBe('2');
    await expect(testId(township, `dr-child-${tree.dongcheng.id}`).getAttribute('data-included')).resolves.toBe('true');
    await expect(testId(township, `dr-child-${tree.xicheng.id}`).getAttribute('data-included')).resolves.toBe('false');
    await expect(testId(township, 'dr-missing').innerText()).resolves.toContain('西城村');
    // beside the sum of what was submitted, the live figures of the whole township, 西城村 included
    await expect(testId(township, 'dr-live-residents').innerText()).resolves.toBe('3');
    await expect(testId(township, 'dr-gap-residents').innerText()).resolves.toContain('已报汇总 2，辖区实时 3');

    await testId(township, 'dr-submit').click();
    await testId(township, 'dr-submit-ok').click();
    await expect.poll(() => testId(township, 'dr-missing-note').getAttribute('class')).toContain('status-error');
    await testId(township, 'dr-missing-note').fill('西城村网格员下户排查未归，明日补报');
    await testId(township, 'dr-submit-ok').click();
    await expect.poll(() => testId(township, 'dr-status').getAttribute('data-status')).toBe('submitted');
    await screenshot(township, 'daily-report-township');

    const reportUrl = township.url();
    await township.goto(`${reportUrl}/print`);
    await expect.poll(() => testId(township, 'dr-print-sheet').innerText()).toContain('古陶镇疫情防控工作日报');
    await expect(testId(township, 'dr-print-householdsVisited').innerText()).resolves.toBe('4');
    await expect(testId(township, 'dr-print-sheet').innerText()).resolves.toContain(
      '西城村网格员下户排查未归，明日补报',
    );
    await screenshot(township, 'daily-report-print');
    await expect(testId(township, 'dr-print-missing').innerText()).resolves.toContain(
      '未报单位（1个，未计入汇总）：西城村',
    );
    await expect(testId(township, `dr-print-child-${tree.xicheng.id}`).getAttribute('data-missing')).resolves.toBe(
      'true',
    );
    await expect(testId(township, `dr-print-child-${tree.xicheng.id}`).innerText()).resolves.toContain(
      '西城村【未报】',
    );
    await expect(testId(township, 'dr-print-live-residents').innerText()).resolves.toBe('3');

    // 代填: the township fills in 西城村's report for it; the report says so
    await township.goto(`${server.url}/daily-reports`);
    await expect.poll(() => testId(township, `dr-start-${tree.xicheng.id}`).innerText()).toContain('代填');
    await testId(township, `dr-start-${tree.xicheng.id}`).click();
    await township.waitForURL(/\/daily-reports\/[0-9a-f-]{36}$/);
    await expect.poll(() => testId(township, 'dr-fill-in').innerText()).toContain('您正在代西城村填报');
    await testId(township, 'dr-submit').click();
    await testId(township, 'dr-submit-ok').click();
    await expect.poll(() => testId(township, 'dr-status').getAttribute('data-status')).toBe('submitted');
    await expect(testId(township, 'dr-proxy').innerText()).resolves.toBe('古陶镇代填');
    await screenshot(township, 'daily-report-fill-in');
  });
});
