import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemClock } from '../src/server/clock';
import { makeTree, makeUser, PASSWORD } from '../src/server/testing/factories';
import { launchBrowser, loginThroughForm, screenshot, startServer } from './harness';

/**
 * The supplies desk through its forms: 物资组 registers an anonymous donor's "N95" masks (the desk
 * notes him as 王大爷), receives the line as KN95 with the reason into the county store, and opens
 * the certificate for printing; then anyone on a 390-px phone finds the donation on /ledger by the
 * certificate's code, shown as 匿名 with the corrected item and never the name.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;

/** Pick the option whose label is exactly `label` (N95 is a substring of KN95), then wait for the dropdown to close. */
async function pick(page: Page, field: string, label: string) {
  for (let attempt = 1; ; attempt++) {
    await page.locator(field).click();
    await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click();
    try {
      await page
        .locator('.ant-select')
        .filter({ has: page.locator(field) })
        .filter({ hasText: label })
        .waitFor({
          timeout: 5_000,
        });
      break;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
  await page.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
}

beforeAll(async () => {
  server = await startServer();
  const tree = await makeTree(server.db, systemClock);
  await makeUser(server.db, systemClock, 'wuzizu', 'supplies', tree.county);
  const login = await fetch(server.url + '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'wuzizu', password: PASSWORD }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  // the warehouse is set up beforehand (its own form is the 仓库 tab's); the donation goes through the forms
  const store = await fetch(server.url + '/api/supplies/warehouses', {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ name: '县物资储备库', kind: 'county', regionId: tree.county.id }),
  });
  expect(store.status).toBe(201);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the supplies desk', () => {
  let code = '';

  it('registers an anonymous donation, receives N95 as KN95 with the reason, prints the certificate', async () => {
    const page = await (
      await browser.newContext({ viewport: { width: 1366, height: 900 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' })
    ).newPage();
    await loginThroughForm(page, server.url, 'wuzizu', PASSWORD);
    await page.getByTestId('nav-supplies').click();
    await page.getByTestId('donation-new').click();
    const modal = page.locator('.ant-modal:visible');
    await modal.getByText('不愿透露姓名', { exact: true }).click();
    await page.locator('#donorName').fill('王大爷');
    await pick(page, '#lines_0_itemId', 'N95 口罩（只）');
    await page.locator('#lines_0_quantity').fill('1000');
    await page.getByTestId('donation-submit').click();

    // the donation's page: receive the line as KN95
    await page.getByTestId('receive-submit').waitFor({ timeout: 15_000 });
    await pick(page, '#receive_warehouseId', '县物资储备库（平遥县）');
    await pick(page, '#receive_lines_0_itemId', 'KN95 口罩（只）');
    await page.locator('#receive_lines_0_batch').fill('KN20200120');
    await page.locator('#receive_lines_0_discrepancyReason').fill('包装标 N95，实为 KN95');
    await page.getByTestId('receive-submit').click();
    const lines = page.getByTestId('donation-lines');
    await expect.poll(() => lines.innerText(), { timeout: 15_000 }).toContain('已更正：申报 N95 口罩 → 实收 KN95 口罩');
    expect(await lines.innerText()).toContain('包装标 N95，实为 KN95');
    expect(await page.getByTestId('donation-status').innerText()).toBe('已验收');

    await page.getByTestId('donation-certificate').click();
    const cert = page.getByTestId('certificate');
    await expect.poll(() => cert.innerText(), { timeout: 15_000 }).toContain('KN95 口罩');
    expect(await page.getByTestId('certificate-donor').innerText()).toContain('爱心人士');
    expect(await cert.innerText()).toContain('KN95 口罩 1,000 只');
    expect((await cert.innerText()).replaceAll('KN95', '')).not.toContain('N95');
    await expect.poll(() => page.getByTestId('certificate-print').isVisible()).toBe(true);
    const url = await page.getByTestId('certificate-url').innerText();
    code = new URL(url).searchParams.get('code') ?? '';
    expect(code).toMatch(/^[A-Za-z0-9_-]{8,}$/);
    await screenshot(page, 'supplies-desk-certificate');
  }, 120_000);

  it('lets anyone on a phone find it by the certificate code: 匿名, and the corrected item', async () => {
    expect(code).not.toBe('');
    const phone = await (
      await browser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        timezoneId: 'Asia/Shanghai',
        locale: 'zh-CN',
      })
    ).newPage();
    await phone.goto(`${server.url}/ledger`);
    await phone.getByTestId('ledger-code').fill(code);
    await phone.getByTestId('ledger-code').press('Enter');
    const found = phone.getByTestId('ledger-donation');
    await expect.poll(() => found.innerText(), { timeout: 15_000 }).toContain('KN95 口罩');
    const text = await found.innerText();
    expect(text).toContain('匿名');
    expect(text).toContain('已更正');
    expect(text).toContain('N95 口罩');
    expect(await phone.locator('body').innerText()).not.toContain('王大爷');
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(phone, 'supplies-desk-ledger-phone');
  }, 60_000);
});
