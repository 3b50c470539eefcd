import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { ManualClock, systemClock } from '../src/server/clock';
import { makeTree, makeUser, PASSWORD } from '../src/server/testing/factories';
import { appendMovements } from '../src/server/features/supplies';
import { chooseOption, launchBrowser, loginThroughForm, screenshot, startServer } from './harness';

/**
 * 消耗登记 on a phone and the low-cover alert on the desk: 东城村's checkpoint used 20 masks a day for
 * the past week (written with a clock set back) and holds 60, three days of cover; the crew reports
 * today's morning shift of 30 on a phone, and the supplies desk's page lists the checkpoint under
 * 可用天数不足 at 1.5 days, linking to its stock.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
const DAY = 86_400_000;

beforeAll(async () => {
  server = await startServer();
  const tree = await makeTree(server.db, systemClock);
  await makeUser(server.db, systemClock, 'wuzizu', 'supplies', tree.county);
  await makeUser(server.db, systemClock, 'crew', 'checkpoint', tree.dongcheng);
  const login = await fetch(server.url + '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'wuzizu', password: PASSWORD }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const res = await fetch(server.url + '/api/supplies/warehouses', {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({ name: '东城村卡口', kind: 'checkpoint', regionId: tree.dongcheng.id }),
  });
  const warehouse = { id: ((await res.json()) as { id: string }).id, region_path: tree.dongcheng.path };
  const masks = '01700000-0000-7000-8000-000000000003'; // 一次性使用医用口罩, a standard item
  const clock = new ManualClock(new Date(Date.now() - 8 * DAY));
  const ctx = { clock, timeZone: 'Asia/Shanghai' };
  const move = (kind: 'stocktake' | 'consumption', quantity: number) =>
    server.db.transaction().execute((trx) =>
      appendMovements(trx, ctx, null, [
        {
          kind,
          warehouse,
          itemId: masks,
          spec: '',
          batch: '',
          expiry: null,
          quantity,
          counterparty: null,
          refType: kind === 'consumption' ? 'consumption' : null,
          refId: null,
          reason: kind === 'consumption' ? '全天' : '期初库存',
        },
      ]),
    );
  await move('stocktake', 200);
  for (let d = 7; d >= 1; d--) {
    clock.set(new Date(Date.now() - d * DAY));
    await move('consumption', -20);
  }
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('consumption and days of cover', () => {
  it('lets the crew report a shift’s masks on a phone', async () => {
    const phone = await (
      await browser.newContext({
        viewport: { width: 375, height: 667 },
        isMobile: true,
        timezoneId: 'Asia/Shanghai',
        locale: 'zh-CN',
      })
    ).newPage();
    await loginThroughForm(phone, server.url, 'crew', PASSWORD);
    await phone.goto(`${server.url}/supplies/consumption`);
    await phone.locator('.ant-select').filter({ hasText: '东城村卡口' }).first().waitFor({ timeout: 10_000 });
    await chooseOption(phone, '#itemId', '一次性使用医用口罩');
    await phone.locator('.ant-select-dropdown:visible').waitFor({ state: 'hidden' });
    await phone.getByTestId('consumption-quantity').fill('30');
    await phone.getByText('早班', { exact: true }).click();
    await phone.getByTestId('consumption-submit').click();
    await expect.poll(() => phone.locator('.ant-message').innerText(), { timeout: 10_000 }).toContain('剩余 30 只');
    await expect.poll(() => phone.getByTestId('consumption-recent').innerText(), { timeout: 10_000 }).toContain('早班');
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await screenshot(phone, 'consumption-phone');
  });

  it('lists the checkpoint under 可用天数不足 on the desk’s page, linking to its stock', async () => {
    const page = await (
      await browser.newContext({ viewport: { width: 1366, height: 860 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' })
    ).newPage();
    await loginThroughForm(page, server.url, 'wuzizu', PASSWORD);
    await page.getByTestId('nav-supplies').click();
    const alerts = page.getByTestId('cover-alerts');
    await expect.poll(() => alerts.innerText(), { timeout: 10_000 }).toContain('东城村卡口');
    expect(await alerts.innerText()).toContain('1.5 天');
    await screenshot(page, 'cover-alerts');
    await alerts.getByText('东城村卡口').click();
    await expect.poll(() => page.getByTestId('cover-stock').innerText(), { timeout: 10_000 }).toContain('30 只');
    expect(await page.getByTestId('cover-table').innerText()).toContain('不足');
  });
});
