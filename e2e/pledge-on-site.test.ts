import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemClock } from '../src/server/clock';
import { makeTree, makeUser, PASSWORD } from '../src/server/testing/factories';
import { idCardCheckChar } from '../src/shared/validators';
import { expectAll } from '../src/server/testing/expect-all';
import { ADMIN_PASSWORD, launchBrowser, loginThroughForm, screenshot, startServer } from './harness';

/**
 * 代签/现场签署 on a 768-px tablet: a 古陶镇 cadre opens the pledges page, picks the unit and a
 * registered volunteer from the registry search, adapts the text, hands the tablet over — the
 * volunteer signs with a finger on the same pad as the public page — and lands on the A4 print view
 * with the adapted text and the drawn signature; printed, it is A4.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let page: Page;
const VOLUNTEER_ID = '14072819920202401' + idCardCheckChar('14072819920202401');

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

async function post(cookie: string, path: string, body: unknown) {
  const res = await fetch(server.url + path, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return res.json();
}

beforeAll(async () => {
  server = await startServer();
  const tree = await makeTree(server.db, systemClock);
  await makeUser(server.db, systemClock, 'gutao01', 'township', tree.gutao);
  const admin = await cookieOf('admin', ADMIN_PASSWORD);
  await post(admin, '/api/persons', { name: '王志愿', idNumber: VOLUNTEER_ID, regionId: tree.buildingA.id });
  const cadre = await cookieOf('gutao01', PASSWORD);
  await post(cadre, '/api/pledges/units', { name: '古陶镇志愿服务队', regionId: tree.gutao.id });
  browser = await launchBrowser();
  page = await (
    await browser.newContext({
      viewport: { width: 768, height: 1024 },
      hasTouch: true,
      timezoneId: 'Asia/Shanghai',
      locale: 'zh-CN',
    })
  ).newPage();
  await loginThroughForm(page, server.url, 'gutao01', PASSWORD);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('代签/现场签署 on a tablet', () => {
  it('a cadre picks a volunteer, she signs on the tablet, the pledge prints on A4', async () => {
    await page.goto(`${server.url}/pledges`);
    const open = page.locator('[data-testid="onsite-open"]');
    await expect.poll(() => open.isEnabled()).toBe(true);
    await open.click();
    const text = page.locator('[data-testid="onsite-text"]');
    await expect.poll(() => text.inputValue()).toContain('我自愿请战');
    // the registry search: type the name, pick the person
    const chosen = page
      .locator('.ant-select')
      .filter({ has: page.locator('#personId') })
      .filter({ hasText: '王志愿' });
    for (let attempt = 1; ; attempt++) {
      await page.locator('#personId').click();
      await page.locator('#personId').fill('王志愿');
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '王志愿' }).first().click();
      try {
        await chosen.first().waitFor({ timeout: 5_000 });
        break;
      } catch (err) {
        if (attempt === 3) throw err;
      }
    }
    await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    await text.fill('我是志愿者王志愿，自愿请战：服从安排，坚守岗位，哪里需要就到哪里去。');
    // signing is asked for before sending
    await page.locator('[data-testid="onsite-submit"]').click();
    await expect.poll(() => page.locator('[data-testid="onsite-missing"]').count()).toBe(1);
    const canvas = page.locator('[data-testid="onsite-canvas"]');
    await canvas.scrollIntoViewIfNeeded();
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + 30, box.y + box.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 30; i++)
      await page.mouse.move(box.x + 30 + i * 12, box.y + box.height / 2 + Math.sin(i / 3) * 30);
    await page.mouse.up();
    await screenshot(page, 'pledge-on-site-tablet');
    await page.locator('[data-testid="onsite-submit"]').click();

    await page.waitForURL(/\/pledges\/[0-9a-f-]{36}\/print$/, { timeout: 30_000 });
    const stored = await server.db
      .selectFrom('pledges')
      .select(['serial', 'text', 'source', 'signature'])
      .executeTakeFirstOrThrow();
    expect(stored.source).toBe('cadre');
    expect(Buffer.from(stored.signature).subarray(1, 4).toString()).toBe('PNG');
    await expect.poll(() => page.locator('[data-testid="pledge-serial"]').innerText()).toBe(stored.serial);
    expect(await page.locator('[data-testid="pledge-body"]').innerText()).toContain('我是志愿者王志愿');
    const img = page.locator('[data-testid="pledge-signature"]');
    await expect
      .poll(() => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth))
      .toBe(600);
    // printed: the sheet alone, on A4
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('[data-testid="pledge-sheet"]').isVisible()).toBe(true);
    const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    // A4 portrait pages (595 × 842 pt)
    const boxes = [...pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)];
    expect(boxes.length).toBeGreaterThan(0);
    expectAll(boxes, (b) => Math.abs(Number(b[1]) - 595) < 2 && Math.abs(Number(b[2]) - 842) < 2);
    await page.emulateMedia({ media: 'screen' });
    await screenshot(page, 'pledge-on-site-print');
  }, 120_000);
});
