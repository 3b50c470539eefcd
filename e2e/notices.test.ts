import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { systemClock } from '../src/server/clock';
import { makeTree, makeUser, PASSWORD } from '../src/server/testing/factories';
import { launchBrowser, loginThroughForm, screenshot, startServer } from './harness';

/**
 * 通知通告与聚集活动 in the browser, on the real server: the command centre publishes an urgent
 * notice to 古陶镇's grid workers; one of them, on a phone, sees it unread in the header badge,
 * opens it, and the command centre's receipts show him as read (his colleague not yet). A public
 * announcement is published and opens at /a/<slug> in a fresh browser without login. The grid
 * worker registers a banquet, records a persuasion visit and the outcome (scaled down).
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let command: Page;
let worker: Page;
let publicContext: BrowserContext;
const CONTEXT = { timezoneId: 'Asia/Shanghai', locale: 'zh-CN' } as const;
const TITLE = '关于全面开展入户排查的紧急通知';
let noticeId = '';

beforeAll(async () => {
  server = await startServer();
  const tree = await makeTree(server.db, systemClock);
  await makeUser(server.db, systemClock, 'command01', 'command', tree.county);
  await makeUser(server.db, systemClock, 'grid_a', 'grid', tree.gridA);
  await makeUser(server.db, systemClock, 'grid_b', 'grid', tree.gridB);
  await makeUser(server.db, systemClock, 'duancun01', 'grid', tree.duancunVillage);
  browser = await launchBrowser();
  command = await (await browser.newContext({ viewport: { width: 1366, height: 860 }, ...CONTEXT })).newPage();
  worker = await (
    await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true, ...CONTEXT })
  ).newPage();
  publicContext = await browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    ...CONTEXT,
  });
  await loginThroughForm(command, server.url, 'command01', PASSWORD);
  await loginThroughForm(worker, server.url, 'grid_a', PASSWORD);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('notices: publish to a township, read on a phone, receipts; a public announcement without login', () => {
  it('the command centre publishes an urgent notice to 古陶镇 grid workers', async () => {
    await command.locator('[data-testid="nav-notices"]').click();
    await command.locator('[data-testid="notice-compose"]').click();
    await command.locator('[data-testid="compose-title"]').fill(TITLE);
    await command
      .locator('[data-testid="compose-body"]')
      .fill('各网格员于1月28日前完成辖区内所有住户的入户排查，逐人造册登记。');
    await command.locator('#regionId').click();
    await command.locator('#regionId').fill('古陶');
    await command.locator('.ant-select-tree-node-content-wrapper', { hasText: '古陶镇' }).first().click();
    await command.locator('[data-testid="compose-roles"]').getByText('网格员').click();
    await command.getByText('特急').click();
    await command.locator('[data-testid="compose-publish"]').click();
    await expect(command.locator('[data-testid="notice-detail-title"]').innerText()).resolves.toBe(TITLE);
    noticeId = command.url().split('/').at(-1)!;
    await expect.poll(() => command.locator('[data-testid="receipts-progress"]').innerText()).toBe('已读 0 / 应读 2');
  });

  it('the grid worker sees it unread on his phone, opens it, and the badge clears', async () => {
    await worker.reload();
    const badge = worker.locator('[data-testid="notices-badge"]');
    await expect.poll(() => badge.getAttribute('data-count')).toBe('1');
    await badge.click();
    const item = worker.locator(`[data-testid="inbox-${noticeId}"]`);
    await expect(item.getAttribute('data-read')).resolves.toBe('false');
    await screenshot(worker, 'notices-inbox-phone');
    await worker.locator(`[data-testid="inbox-link-${noticeId}"]`).click();
    await worker.locator('[data-testid="notice-read"]').waitFor();
    await expect(worker.locator('[data-testid="notice-detail-body"]').innerText()).resolves.toContain('入户排查');
    await expect.poll(() => badge.getAttribute('data-count')).toBe('0');
    await screenshot(worker, 'notices-read-phone');
  });

  it("the author's receipts show him read and his colleague not yet", async () => {
    await command.reload();
    await expect.poll(() => command.locator('[data-testid="receipts-progress"]').innerText()).toBe('已读 1 / 应读 2');
    await expect(command.locator('[data-testid="receipt-grid_b"]').getAttribute('data-read')).resolves.toBe('false');
    await command.getByText('全部', { exact: true }).last().click();
    await expect(command.locator('[data-testid="receipt-grid_a"]').getAttribute('data-read')).resolves.toBe('true');
    await expect(command.locator('[data-testid="notice-receipts"]').innerText()).not.toContain('duancun01');
    await screenshot(command, 'notices-receipts');
  });

  it('a public announcement opens at /a/<slug> in a fresh browser without login', async () => {
    await command.locator('[data-testid="nav-notices"]').click();
    await command.locator('[data-testid="notice-compose"]').click();
    await command.locator('[data-testid="compose-kind"]').getByText('公开公告').click();
    await command.locator('[data-testid="compose-title"]').fill('关于禁止举办聚集性活动的通告');
    await command
      .locator('[data-testid="compose-body"]')
      .fill('疫情防控期间，全县范围内禁止举办庙会、集市等聚集性活动。婚事延期办，丧事从简办，宴请不办。');
    await command.locator('[data-testid="compose-publish"]').click();
    const link = command.locator('[data-testid="notice-public-link"]');
    await link.waitFor();
    const slug = (await link.innerText()).trim().split('/a/')[1]!;
    expect(slug).toMatch(/^[A-Za-z0-9_-]{8}$/);

    const page = await publicContext.newPage();
    await page.goto(`${server.url}/a/${slug}`);
    await expect(page.locator('[data-testid="announcement-title"]').innerText()).resolves.toBe(
      '关于禁止举办聚集性活动的通告',
    );
    await expect(page.locator('[data-testid="announcement-body"]').innerText()).resolves.toContain('宴请不办');
    expect(await page.locator('.ant-layout').count()).toBe(0);
    await screenshot(page, 'announcement-public');
    await page.locator('[data-testid="announcements-all"]').click();
    await page.locator(`[data-testid="announcement-${slug}"]`).waitFor();
    expect(await page.locator('[data-testid="announcements"]').innerText()).not.toContain(TITLE);
  });
});

describe('gatherings on a phone', () => {
  it('the grid worker registers a banquet, records a persuasion visit and the outcome', async () => {
    await worker.goto(`${server.url}/gatherings`);
    await worker.locator('[data-testid="gathering-register"]').click();
    await worker.locator('[data-testid="gathering-host"]').fill('王喜事');
    await worker.locator('[data-testid="gathering-phone"]').fill('13912345678');
    await worker.locator('[data-testid="gathering-date"]').click();
    await worker
      .locator('.ant-picker-dropdown .ant-picker-now-btn, .ant-picker-dropdown .ant-picker-today-btn')
      .first()
      .click();
    await worker.locator('[data-testid="gathering-expected"]').fill('120');
    await worker.locator('[data-testid="gathering-submit"]').click();
    const detail = worker.locator('[data-testid="gathering-detail"]');
    await detail.waitFor();
    await expect(detail.locator('[data-testid="gathering-status"]').innerText()).resolves.toBe('待劝导');
    await expect(detail.innerText()).resolves.toContain('139****5678');

    await worker.locator('[data-testid="visit-present"]').fill('主家夫妇');
    await worker.locator('[data-testid="visit-result"]').fill('讲解禁止聚集的通告，主家同意只请直系亲属');
    await worker.locator('[data-testid="visit-submit"]').click();
    await worker.locator('[data-testid="gathering-visits"]').getByText('主家同意只请直系亲属').waitFor();

    await worker.locator('[data-testid="outcome-choice"]').getByText('缩小规模').click();
    await worker.locator('[data-testid="outcome-submit"]').click();
    await worker.locator('.ant-form-item-explain-error').first().waitFor();
    await worker.locator('[data-testid="outcome-actual"]').fill('10');
    await worker.locator('[data-testid="outcome-submit"]').click();
    await expect.poll(() => detail.locator('[data-testid="gathering-status"]').innerText()).toBe('缩小规模 · 10 人');
    await screenshot(worker, 'gathering-outcome-phone');
    const row = await server.db
      .selectFrom('gatherings')
      .select(['status', 'actual_guests', 'host_name'])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'scaled_down', actual_guests: 10, host_name: '王喜事' });
  });
});
