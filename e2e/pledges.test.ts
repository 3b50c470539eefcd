import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemClock } from '../src/server/clock';
import { makeTree, makeUser, PASSWORD } from '../src/server/testing/factories';
import { idCardCheckChar } from '../src/shared/validators';
import { ADMIN_PASSWORD, launchBrowser, loginThroughForm, screenshot, startServer } from './harness';

/**
 * 请战书 in the browser: the county hospital posts its signing link; a doctor, a party member of
 * the hospital's branch, opens it on a phone-sized page without logging in, types name and ID
 * number, draws a signature with the finger (pointer strokes on the canvas) and submits; a 古陶镇
 * cadre finds the pledge in the list and opens its A4 print view, which shows the text, the branch
 * and the drawn signature image.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let page: Page;
let slug = '';
const DOCTOR_ID = '14072819800101301' + idCardCheckChar('14072819800101301');

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
  const person = await api(admin, 'POST', '/api/persons', {
    name: '刘医生',
    idNumber: DOCTOR_ID,
    phone: '13912340301',
    regionId: tree.buildingA.id,
  });
  expect(person.status).toBe(201);
  const cadre = await cookieOf('gutao01', PASSWORD);
  const branch = await api(cadre, 'POST', '/api/party/organisations', {
    kind: 'branch',
    name: '县人民医院党支部',
    unitName: '平遥县人民医院',
    unitType: 'institution',
    regionId: tree.gutao.id,
  });
  expect(branch.status).toBe(201);
  const member = await api(cadre, 'POST', '/api/party/members', {
    name: '刘医生',
    idNumber: DOCTOR_ID,
    organisationId: branch.json.id,
    category: 'full',
  });
  expect(member.status).toBe(201);
  const unit = await api(cadre, 'POST', '/api/pledges/units', { name: '平遥县人民医院', regionId: tree.gutao.id });
  expect(unit.status).toBe(201);
  slug = unit.json.slug;
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

describe('pledges (请战书)', () => {
  it('a doctor signs on a phone with a drawn signature; a cadre prints it with the signature', async () => {
    const phone = await (
      await browser.newContext({
        viewport: { width: 375, height: 667 },
        isMobile: true,
        hasTouch: true,
        timezoneId: 'Asia/Shanghai',
        locale: 'zh-CN',
      })
    ).newPage();
    await phone.goto(`${server.url}/qz/${slug}`);
    await expect.poll(() => phone.locator('[data-testid="pledge-text"]').innerText()).toContain('我自愿请战');
    await phone.locator('[data-testid="pledge-name"]').fill('刘医生');
    await phone.locator('[data-testid="pledge-idNumber"]').fill(DOCTOR_ID);
    // submitting before signing is refused on the page
    await phone.locator('[data-testid="pledge-submit"]').click();
    await expect.poll(() => phone.locator('[data-testid="pledge-problem"]').innerText()).toContain('签名');
    const canvas = phone.locator('[data-testid="pledge-canvas"]');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    await phone.mouse.move(box.x + 20, box.y + box.height / 2);
    await phone.mouse.down();
    for (let i = 1; i <= 30; i++)
      await phone.mouse.move(box.x + 20 + i * 10, box.y + box.height / 2 + Math.sin(i / 3) * 25);
    await phone.mouse.up();
    await phone.locator('[data-testid="pledge-submit"]').click();
    await expect.poll(() => phone.locator('[data-testid="pledge-done"]').innerText()).toContain('QZ-');
    await screenshot(phone, 'pledge-signed-phone');
    const stored = await server.db
      .selectFrom('pledges')
      .select(['id', 'serial', 'signature'])
      .executeTakeFirstOrThrow();
    expect(Buffer.from(stored.signature).subarray(1, 4).toString()).toBe('PNG');

    await page.goto(`${server.url}/pledges`);
    const print = page.locator(`[data-testid="pledge-print-${stored.serial}"]`);
    await expect.poll(() => print.count()).toBe(1);
    await print.click();
    await page.waitForURL(/\/pledges\/[0-9a-f-]{36}\/print$/);
    await expect.poll(() => page.locator('[data-testid="pledge-serial"]').innerText()).toBe(stored.serial);
    expect(await page.locator('[data-testid="pledge-body"]').innerText()).toContain('我自愿请战');
    expect(await page.locator('[data-testid="pledge-sheet"]').innerText()).toContain('县人民医院党支部');
    const img = page.locator('[data-testid="pledge-signature"]');
    await expect
      .poll(() => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth))
      .toBe(600);
    await screenshot(page, 'pledge-print');
  });
});
