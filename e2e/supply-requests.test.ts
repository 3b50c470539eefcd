import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { systemClock } from '../src/server/clock';
import { makeTree, makeUser, PASSWORD } from '../src/server/testing/factories';
import { chooseOption, launchBrowser, loginThroughForm, startServer } from './harness';

/**
 * 申领 → 审批 → 调拨 → 签收 in the browser: 东城村's checkpoint asked for 500 KN95 (set up through
 * the API); the county desk approves 300 of them on the request queue, allocates them from the county
 * store with a courier, and the checkpoint crew signs for 290 with the reason; the desk's
 * 签收差异 shows the ten short.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let requestId = '';

async function login(username: string) {
  const res = await fetch(server.url + '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

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
  await makeUser(server.db, systemClock, 'kakou', 'checkpoint', tree.dongcheng);
  const desk = await login('wuzizu');
  const crew = await login('kakou');
  const items = Object.fromEntries(
    ((await api(desk, 'GET', '/api/supplies/items')).json as { code: string; id: string }[]).map((i) => [i.code, i.id]),
  );
  const store = await api(desk, 'POST', '/api/supplies/warehouses', {
    name: '县物资储备库',
    kind: 'county',
    regionId: tree.county.id,
  });
  const site = await api(desk, 'POST', '/api/supplies/warehouses', {
    name: '东城村卡口',
    kind: 'checkpoint',
    regionId: tree.dongcheng.id,
  });
  expect(site.status).toBe(201);
  const stock = await api(desk, 'POST', '/api/supplies/ledger/stocktake', {
    warehouseId: store.json.id,
    itemId: items['MASK-KN95'],
    batch: 'B1',
    quantity: 1000,
    reason: '期初库存',
  });
  expect(stock.status).toBe(201);
  const r = await api(crew, 'POST', '/api/supplies/requests', {
    warehouseId: site.json.id,
    lines: [{ itemId: items['MASK-KN95'], quantity: 500 }],
  });
  expect(r.status).toBe(201);
  requestId = r.json.id;
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a request, approved in part, allocated and signed for short', () => {
  it('goes from the queue to the checkpoint’s signature, and the desk sees the discrepancy', async () => {
    const deskPage = await (await browser.newContext()).newPage();
    await loginThroughForm(deskPage, server.url, 'wuzizu', PASSWORD);
    await deskPage.goto(`${server.url}/supplies/requests`);
    await deskPage.locator(`[data-testid="approve-${requestId}"]`).click();
    await deskPage
      .locator('input[data-testid="approve-quantity-0"], [data-testid="approve-quantity-0"] input')
      .first()
      .fill('300');
    await deskPage.locator('[data-testid="approve-submit"]').click();
    await deskPage.locator('[data-testid="allocate-line-0"]').click();
    await chooseOption(deskPage, '#fromWarehouseId', '县物资储备库');
    await deskPage.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    await chooseOption(deskPage, '#stock', 'B1');
    await deskPage.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    await deskPage.locator('#quantity').fill('300');
    await deskPage.locator('#courier').fill('张师傅');
    await deskPage.locator('[data-testid="allocation-submit"]').click();
    await deskPage.locator('[data-testid="allocation-submit"]').waitFor({ state: 'hidden' });

    const crewPage = await (await browser.newContext()).newPage();
    await loginThroughForm(crewPage, server.url, 'kakou', PASSWORD);
    await crewPage.goto(`${server.url}/supplies/allocations`);
    await crewPage.locator('[data-testid="allocations-incoming"] button', { hasText: '签' }).first().click();
    await crewPage.locator('#receivedQuantity').fill('290');
    await crewPage.locator('#discrepancyReason').fill('一箱途中受潮');
    await crewPage.locator('[data-testid="confirm-submit"]').click();
    await crewPage.locator('[data-testid="confirm-submit"]').waitFor({ state: 'hidden' });

    await deskPage.goto(`${server.url}/supplies/allocations`);
    await deskPage.locator('[data-testid="allocations-tab-discrepancies"]').click();
    const row = deskPage.locator('[data-testid="allocations-discrepancies"] tr', { hasText: '一箱途中受潮' });
    await row.waitFor();
    expect(await row.innerText()).toContain('10');
    const desk = await login('wuzizu');
    const r = await api(desk, 'GET', `/api/supplies/requests/${requestId}`);
    expect(r.json).toMatchObject({ status: 'partial', lines: [{ approvedQuantity: 300, deliveredQuantity: 290 }] });
  }, 180_000);
});
