import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemClock } from '../src/server/clock';
import { makeTree, makeUser, PASSWORD } from '../src/server/testing/factories';
import { idCardCheckChar } from '../src/shared/validators';
import { launchBrowser, loginThroughForm, screenshot, startServer } from './harness';

/**
 * A volunteer checks themselves in and out (issue 16): 古陶镇's cadre hands a poster task to 东城村's
 * volunteer group from the task form, issues a volunteer of the group a personal link and reads it
 * off the screen; on a 390-px phone, without logging in, the volunteer sees the task, checks in,
 * checks out and marks it done with a note; the hours wait for the group leader.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let page: Page;
const volunteerIds: string[] = [];

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
  for (const [name, first17, phone] of [
    ['张组长', '14072819800101501', '13912345501'],
    ['李红梅', '14072819850202502', '13912345502'],
    ['王建国', '14072819900303503', '13912345503'],
  ] as const) {
    const res = await api(cookie, 'POST', '/api/volunteers', {
      name,
      idNumber: first17 + idCardCheckChar(first17),
      phone,
      regionId: tree.dongcheng.id,
      skills: ['disinfection'],
      availability: [],
      healthDeclaration: { feverOrCough14Days: false, caseContact: false, riskAreaTravel: false },
      approve: true,
    });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    volunteerIds.push(res.json.id);
  }
  const group = await api(cookie, 'POST', '/api/volunteer-groups', {
    name: '东城村宣传一组',
    regionId: tree.dongcheng.id,
    memberIds: volunteerIds,
    leaderId: volunteerIds[0],
  });
  expect(group.status, JSON.stringify(group.json)).toBe(201);
  expect((await api(cookie, 'POST', `/api/volunteer-groups/${group.json.id}/activate`)).status).toBe(200);
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

describe('a volunteer’s personal link (个人签到链接)', () => {
  it('the cadre assigns a task to a group and issues a link; the volunteer checks in, out and finishes on a phone', async () => {
    await page.goto(`${server.url}/volunteer-tasks`);
    await page.locator('[data-testid="vtask-new"]').click();
    await page.locator('[data-testid="vtask-title"]').fill('张贴防控标语');
    await page.locator('[data-testid="vtask-place"]').fill('东城村村委会至主街');
    await page.locator('[data-testid="vtask-assignee-kind"]').getByText('志愿小组').click();
    await page.locator('[data-testid="vtask-group"]').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '东城村宣传一组' }).click();
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    await page.locator('[data-testid="vtask-submit"]').click();
    await expect.poll(() => page.locator('body').innerText(), { timeout: 15_000 }).toContain('东城村宣传一组');

    await page.goto(`${server.url}/volunteers/${volunteerIds[1]}`);
    await page.locator('[data-testid="volunteer-self-link"]').click();
    await page.locator('[data-testid="self-link-issue"]').click();
    const url = (await page.locator('[data-testid="self-link-url"]').innerText()).trim();
    expect(url).toMatch(/\/vt\/[A-Za-z0-9_-]{24}$/);

    const phone = await (
      await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        timezoneId: 'Asia/Shanghai',
        locale: 'zh-CN',
      })
    ).newPage();
    await phone.goto(url);
    await expect.poll(() => phone.locator('[data-testid="vself-task"]').innerText()).toContain('张贴防控标语');
    await phone.locator('[data-testid="vself-check-in"]').click();
    await expect.poll(() => phone.locator('[data-testid="vself-open"]').innerText()).toContain('张贴防控标语');
    await screenshot(phone, 'volunteer-self-phone');
    await phone.locator('[data-testid="vself-check-out"]').click();
    await expect.poll(() => phone.locator('[data-testid="vself-hours-status"]').first().innerText()).toBe('待审核');
    await phone.locator('[data-testid="vself-done"]').click();
    await phone.locator('[data-testid="vself-submit-done"]').click();
    await expect.poll(() => phone.locator('[data-testid="vself-problem"]').innerText()).toContain('请填写完成情况');
    await phone.locator('[data-testid="vself-note"]').fill('张贴标语40条');
    await phone.locator('[data-testid="vself-submit-done"]').click();
    await expect.poll(() => phone.locator('body').innerText()).toContain('已提交，谢谢您的付出！');
    expect(await phone.locator('[data-testid="vself-task"]').count()).toBe(0);
    // nothing on the page is wider than the phone
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const task = await server.db
      .selectFrom('volunteer_tasks')
      .select(['status', 'done_note'])
      .executeTakeFirstOrThrow();
    expect(task).toEqual({ status: 'done', done_note: '张贴标语40条' });
  });
});
