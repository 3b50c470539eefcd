import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { systemClock } from '../src/server/clock';
import { makeTree, makeUser, PASSWORD } from '../src/server/testing/factories';
import { launchBrowser, loginThroughForm, screenshot, startServer } from './harness';

/**
 * 公开台账 on a phone: the county's supplies desk registers an anonymous donor's "N95" masks and
 * receives them as KN95 with the reason (through the API; supplies-desk.test.ts does it through the forms); anyone
 * opening /ledger on a phone, without logging in, sees the donation as 匿名 with KN95 and the
 * correction, finds it by the certificate's code with its path on the ledger, and verifies the chain.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let code = '';

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
  await makeUser(server.db, systemClock, 'wuzizu', 'supplies', tree.county);
  const login = await fetch(server.url + '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'wuzizu', password: PASSWORD }),
  });
  const desk = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const items = Object.fromEntries(
    ((await api(desk, 'GET', '/api/supplies/items')).json as { code: string; id: string }[]).map((i) => [i.code, i.id]),
  );
  const store = await api(desk, 'POST', '/api/supplies/warehouses', {
    name: '县物资储备库',
    kind: 'county',
    regionId: tree.county.id,
  });
  expect(store.status).toBe(201);
  const d = await api(desk, 'POST', '/api/donations', {
    donor: { kind: 'anonymous', name: '王大爷' },
    regionId: tree.county.id,
    donatedOn: new Date().toISOString().slice(0, 10),
    lines: [{ itemId: items['MASK-N95'], quantity: 1000 }],
  });
  expect(d.status).toBe(201);
  const received = await api(desk, 'POST', `/api/donations/${d.json.id}/receive`, {
    warehouseId: store.json.id,
    lines: [
      {
        lineId: d.json.lines[0].id,
        itemId: items['MASK-KN95'],
        quantity: 1000,
        batch: 'KN20200120',
        verdict: 'accepted',
        discrepancyReason: '包装标 N95，实为 KN95',
      },
    ],
  });
  expect(received.status).toBe(200);
  code = received.json.certificateCode;
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the public ledger on a phone', () => {
  it('shows the anonymous donation as 匿名 with the corrected item, finds it by code and verifies the chain', async () => {
    const phone = await (
      await browser.newContext({
        viewport: { width: 375, height: 667 },
        isMobile: true,
        timezoneId: 'Asia/Shanghai',
        locale: 'zh-CN',
      })
    ).newPage();
    await phone.goto(`${server.url}/ledger`);
    const receipts = phone.getByTestId('ledger-receipts');
    await expect.poll(() => receipts.innerText(), { timeout: 10_000 }).toContain('匿名');
    const text = await receipts.innerText();
    expect(text).toContain('KN95 口罩');
    expect(text).toContain('申报 N95 口罩，已更正');
    expect(text).toContain('县物资储备库');
    expect(await phone.locator('body').innerText()).not.toContain('王大爷');
    expect(await phone.getByTestId('ledger-balances').innerText()).toContain('1,000 只');

    await phone.getByTestId('ledger-code').fill(code);
    await phone.getByTestId('ledger-code').press('Enter');
    const found = phone.getByTestId('ledger-donation');
    await expect.poll(() => found.innerText(), { timeout: 10_000 }).toContain('KN95 口罩');
    expect(await found.innerText()).toContain('已更正');
    expect(await found.innerText()).toContain('#1');

    await phone.getByTestId('ledger-verify').click();
    await expect.poll(() => phone.getByTestId('ledger-digests').innerText(), { timeout: 10_000 }).toContain('核验通过');
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await screenshot(phone, 'public-ledger-phone');
  });

  it('shows the supplies desk its stock and the donation on 物资与捐赠', async () => {
    const page = await (
      await browser.newContext({ viewport: { width: 1366, height: 860 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' })
    ).newPage();
    await loginThroughForm(page, server.url, 'wuzizu', PASSWORD);
    await page.getByTestId('nav-supplies').click();
    await page.getByTestId('supplies-tab-stock').click();
    const stock = page.getByTestId('supplies-stock');
    await expect.poll(() => stock.innerText(), { timeout: 10_000 }).toContain('KN95 口罩');
    expect(await stock.innerText()).toContain('1,000 只');
    await page.getByTestId('supplies-tab-donations').click();
    await expect.poll(() => page.getByTestId('donations-table').innerText(), { timeout: 10_000 }).toContain('王大爷');
    const body = await page.locator('body').innerText();
    expect(body).toContain('王大爷');
    expect(body).toContain('不愿透露姓名');
    expect(body).toContain('已验收');
    await screenshot(page, 'supplies-desk');
    await page.locator('[data-testid^="certificate-link-"]').first().click();
    await expect.poll(() => page.getByTestId('certificate').innerText(), { timeout: 10_000 }).toContain('捐赠证书');
    expect(await page.getByTestId('certificate-donor').innerText()).toContain('爱心人士');
    expect(await page.getByTestId('certificate').innerText()).toContain('KN95 口罩 1,000 只');
    expect(await page.getByTestId('certificate-url').innerText()).toBe(`${server.url}/ledger?code=${code}`);
    await screenshot(page, 'donation-certificate');
  });
});
