import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemClock } from '../src/server/clock';
import { makeTree, makeUser, PASSWORD } from '../src/server/testing/factories';
import { idCardCheckChar } from '../src/shared/validators';
import { ADMIN_PASSWORD, launchBrowser, loginThroughForm, screenshot, startServer } from './harness';

/**
 * 志愿服务 in the browser: 古陶镇's cadre, leading the volunteers, checks a volunteer in and out of a
 * poster task, approves the hours, issues the 志愿服务证明 and prints it; the QR's page, opened on a
 * phone without logging in, says the certificate is genuine and shows the name masked.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let page: Page;
let taskId = '';
let personId = '';

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
  await makeUser(server.db, systemClock, 'gutao01', 'township', tree.gutao);
  const admin = await cookieOf('admin', ADMIN_PASSWORD);
  const first17 = '14072819850202302';
  const person = await api(admin, 'POST', '/api/persons', {
    name: '李志愿',
    idNumber: first17 + idCardCheckChar(first17),
    phone: '13912340302',
    regionId: tree.buildingA.id,
    confirmNotDuplicate: true,
  });
  expect(person.status).toBe(201);
  personId = person.json.person.id;
  const cadre = await cookieOf('gutao01', PASSWORD);
  const now = Date.now();
  const task = await api(cadre, 'POST', '/api/volunteer-tasks', {
    kind: 'posters',
    title: '张贴防控标语',
    regionId: tree.dongcheng.id,
    place: '村委会至主街',
    startsAt: new Date(now - 3600_000).toISOString(),
    endsAt: new Date(now + 3 * 3600_000).toISOString(),
    assignee: { personId },
  });
  expect(task.status).toBe(201);
  taskId = task.json.id;
  // three approved hours from yesterday's disinfection, so the certificate has something to state
  const yesterday = new Date(now - 24 * 3600_000).toISOString();
  await server.db
    .insertInto('volunteer_hours')
    .values({
      id: randomUUID(),
      person_id: personId,
      region_path: tree.dongcheng.path,
      task_id: null,
      shift_id: null,
      group_id: null,
      team_id: null,
      kind: 'disinfection',
      check_in_at: yesterday,
      check_out_at: new Date(now - 21 * 3600_000).toISOString(),
      minutes: 180,
      auto_closed: 0,
      status: 'approved',
      refusal_reason: null,
      checked_in_by: null,
      checked_out_by: null,
      decided_by: null,
      decided_at: yesterday,
      created_at: yesterday,
    })
    .execute();
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

describe('volunteer tasks (志愿服务)', () => {
  it('a leader checks a volunteer in and out, approves the hours and prints the certificate', async () => {
    await expect(page.locator('[data-testid="nav-volunteer-tasks"]').count()).resolves.toBe(1);
    await page.goto(`${server.url}/volunteer-tasks`);
    await page.locator(`[data-testid="vtask-link-${taskId}"]`).click();
    await page.waitForURL(/\/volunteer-tasks\/[0-9a-f-]{36}$/);
    await page.locator('[data-testid="vtask-checkin-李志愿"]').click();
    await expect.poll(() => page.locator('[data-testid="vtask-status"]').innerText()).toBe('进行中');
    await expect.poll(() => page.locator('[data-testid="hours-status-李志愿"]').innerText()).toBe('服务中');
    await page.locator('[data-testid="vtask-checkout-李志愿"]').click();
    await expect.poll(() => page.locator('[data-testid="hours-status-李志愿"]').innerText()).toBe('待认定');
    await page.locator('[data-testid="hours-approve-李志愿"]').click();
    await expect.poll(() => page.locator('[data-testid="hours-status-李志愿"]').innerText()).toBe('已认定');
    await screenshot(page, 'volunteer-task');

    await page.goto(`${server.url}/volunteer-hours`);
    await page.locator('[data-testid="vtask-certify-李志愿"]').click();
    await page.waitForURL(/\/volunteer-certificates\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.locator('[data-testid="vcert-name"]').innerText()).toBe('李志愿');
    await expect(page.locator('[data-testid="vcert-serial"]').innerText()).resolves.toMatch(/^ZYFW\d{10}$/);
    await expect(page.locator('[data-testid="vcert-total"]').innerText()).resolves.toContain('3小时');
    await expect(page.locator('[data-testid="vcert"]').innerText()).resolves.toContain('消杀');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('[data-testid="vcert-print"]').isVisible()).resolves.toBe(false);
    await expect(page.locator('[data-testid="vcert"]').isVisible()).resolves.toBe(true);
    await screenshot(page, 'volunteer-certificate-print');
    await page.emulateMedia({ media: 'screen' });

    const verifyUrl = await page.locator('[data-testid="vcert-url"]').innerText();
    expect(verifyUrl).toMatch(new RegExp(`^${server.url.replace(/[.]/g, '\\.')}/vs/[A-Za-z0-9_-]+$`));
    const phone = await (
      await browser.newContext({ viewport: { width: 375, height: 667 }, isMobile: true, locale: 'zh-CN' })
    ).newPage();
    await phone.goto(verifyUrl);
    const result = phone.locator('[data-testid="verify-result"]');
    await expect.poll(() => result.getAttribute('data-valid')).toBe('true');
    const text = await result.innerText();
    expect(text).toContain('李**');
    expect(text).not.toContain('李志愿');
    await phone.goto(`${server.url}/vs/AAAAAAAAAAAAAAAAAAAA`);
    await expect.poll(() => phone.locator('[data-testid="verify-result"]').getAttribute('data-valid')).toBe('false');
  });
});
