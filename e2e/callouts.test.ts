import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemClock } from '../src/server/clock';
import { makeTree, makeUser, PASSWORD } from '../src/server/testing/factories';
import { idCardCheckChar } from '../src/shared/validators';
import { localTestMessages } from '../src/server/features/callouts';
import { ADMIN_PASSWORD, launchBrowser, loginThroughForm, screenshot, startServer } from './harness';

/**
 * 集结令 in the browser: 古陶镇's cadre orders the township's commando team to the highway exit;
 * a member opens the link from the SMS on a phone-sized page without logging in and answers "马上到";
 * the board, polling, shows the answer and the time to the first acknowledgement; at the point the
 * member scans the point's QR with the same phone and is checked in; the leader checks in another.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let page: Page;
const persons: Record<string, string> = {};

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
  for (const [name, first17, phone] of [
    ['张队长', '14072819800101201', '13912340201'],
    ['李队员', '14072819850202202', '13912340202'],
  ] as const) {
    const res = await api(admin, 'POST', '/api/persons', {
      name,
      idNumber: first17 + idCardCheckChar(first17),
      phone,
      regionId: tree.buildingA.id,
      confirmNotDuplicate: true,
    });
    expect(res.status).toBe(201);
    persons[name] = res.json.person.id;
  }
  const cadre = await cookieOf('gutao01', PASSWORD);
  const team = await api(cadre, 'POST', '/api/callouts/teams', {
    name: '古陶镇党员突击队',
    kind: 'commando',
    regionId: tree.gutao.id,
    leader: { personId: persons['张队长'] },
  });
  expect(team.status).toBe(201);
  expect(
    (
      await api(cadre, 'POST', `/api/callouts/teams/${team.json.id}/members`, {
        person: { personId: persons['李队员'] },
      })
    ).status,
  ).toBe(201);
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

describe('call-outs (集结令)', () => {
  it('a cadre orders the team, a member answers on a phone through the link, the board shows it', async () => {
    await expect(page.locator('[data-testid="nav-callouts"]').count()).resolves.toBe(1);
    await page.goto(`${server.url}/callouts`);
    await page.locator('[data-testid="callout-new"]').click();
    await page.locator('[data-testid="callout-team"]').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '古陶镇党员突击队' }).click();
    // the dropdown closes with an animation: until it is gone it lies over the form's fields and buttons
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    await expect.poll(() => page.locator('[data-testid="callout-picked"]').innerText()).toContain('李队员');
    await page.locator('[data-testid="callout-meeting-point"]').fill('平遥高速口卡点');
    await page.locator('[data-testid="callout-submit"]').click();
    await page.waitForURL(/\/callouts\/[0-9a-f-]{36}$/);
    const calloutId = page.url().split('/').pop()!;
    const row = page.locator(`[data-testid="board-row-${persons['李队员']}"]`);
    await expect.poll(() => row.getAttribute('data-state')).toBe('silent');

    // the SMS the local sender "sent": its link is the member's way in (the stored row's link is redacted once sent)
    const sms = await server.db
      .selectFrom('callout_outbox')
      .select(['text', 'status'])
      .where('callout_id', '=', calloutId)
      .where('phone', '=', '13912340202')
      .executeTakeFirstOrThrow();
    expect(sms.status).toBe('sent');
    expect(sms.text).not.toMatch(/\/c\/[A-Za-z0-9_-]{16}/);
    const sent = localTestMessages().filter((m) => m.phone === '13912340202');
    const link = /https?:\/\/\S+\/c\/[A-Za-z0-9_-]+/.exec(sent[sent.length - 1]!.text)![0];

    const phone = await (
      await browser.newContext({
        viewport: { width: 375, height: 667 },
        isMobile: true,
        hasTouch: true,
        timezoneId: 'Asia/Shanghai',
        locale: 'zh-CN',
      })
    ).newPage();
    await phone.goto(link);
    await expect.poll(() => phone.locator('[data-testid="callout-meeting-point"]').innerText()).toBe('平遥高速口卡点');
    await phone.locator('[data-testid="callout-coming"]').click();
    await expect.poll(() => phone.locator('[data-testid="callout-current"]').innerText()).toContain('马上到');
    await screenshot(phone, 'callout-answer-phone');

    await expect.poll(() => row.getAttribute('data-state'), { timeout: 10_000 }).toBe('acknowledged');
    await expect.poll(() => page.locator('[data-testid="board-count-acknowledged"]').innerText()).toContain('1');
    await expect.poll(() => page.locator('[data-testid="board-first-ack"]').innerText()).toContain('达标');
    // at the point, the member scans the point's QR with the phone that opened the link: checked in
    await page.locator('[data-testid="callout-point-qr"]').click();
    const pointUrl = await page.locator('[data-testid="callout-point-url"]').innerText();
    expect(pointUrl).toMatch(/\/c\/at\/[A-Za-z0-9_-]{16}$/);
    await page.keyboard.press('Escape');
    await phone.goto(pointUrl);
    await phone.locator('[data-testid="callout-point-check-in"]').click();
    await expect.poll(() => phone.locator('[data-testid="callout-point-done"]').innerText()).toContain('李队员');
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 10_000 }).toBe('arrived');
    await expect(row.innerText()).resolves.not.toContain('改过');
    // the leader's check-in stays, for whoever did not scan
    await page.locator(`[data-testid="board-check-in-${persons['张队长']}"]`).click();
    await expect
      .poll(() => page.locator(`[data-testid="board-row-${persons['张队长']}"]`).getAttribute('data-state'))
      .toBe('arrived');
    await screenshot(page, 'callout-board');

    // an unknown link says so plainly
    await phone.goto(`${server.url}/c/AAAAAAAAAAAAAAAAAAAAAAAA`);
    await expect.poll(() => phone.locator('[data-testid="callout-failure"]').innerText()).toContain('链接无效');
  }, 120_000); // a busy CI machine has taken over 60 s for this walk on PostgreSQL (alone: ~10 s)
});
