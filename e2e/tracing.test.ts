import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { systemClock } from '../src/server/clock';
import { makeTree, makeUser, PASSWORD } from '../src/server/testing/factories';
import { idCardCheckChar } from '../src/shared/validators';
import { chooseOption, launchBrowser, loginThroughForm, screenshot, startServer } from './harness';

/**
 * 流调与寻人 in the browser, on the real server and clock: a township tracer's case rode bus
 * 晋C60695 two days ago with a registered passenger and one the checkpoint knew only by name. The
 * tracer accepts the passenger as a contact and isolates him from the candidates tab, sees the
 * chain drawn, and publishes a seek notice for the bus. A fellow passenger opens the notice's
 * public page on a phone (no session, no antd), says "I was on board", and is thanked; the tracer
 * confirms the report and the progress reaches 2 of 2; closing the notice ends the public page.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let tracer: Page;
let phone: BrowserContext;
const ids: Record<string, string> = {};

const id = (first17: string) => first17 + idCardCheckChar(first17);
const CONTEXT = { timezoneId: 'Asia/Shanghai', locale: 'zh-CN' } as const;
const REPORTER_ID = id('14072819750505105');
/** The local day (Asia/Shanghai) `days` from now, as YYYY-MM-DD. */
const localDay = (days: number) => new Date(Date.now() + days * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);
const tripAt = new Date(Date.now() - 2 * 86_400_000);

async function post(path: string, data: unknown) {
  const res = await tracer.request.post(`${server.url}/api${path}`, { data });
  expect(res.status(), await res.text()).toBeLessThan(300);
  return res.json();
}

beforeAll(async () => {
  server = await startServer();
  const tree = await makeTree(server.db, systemClock);
  await makeUser(server.db, systemClock, 'gutao01', 'township', tree.gutao);
  browser = await launchBrowser();
  tracer = await (await browser.newContext({ viewport: { width: 1366, height: 860 }, ...CONTEXT })).newPage();
  phone = await browser.newContext({
    viewport: { width: 360, height: 740 },
    isMobile: true,
    hasTouch: true,
    ...CONTEXT,
  });
  await loginThroughForm(tracer, server.url, 'gutao01', PASSWORD);

  const person = async (name: string, idNumber: string, extra: Record<string, unknown> = {}) =>
    (await post('/persons', { name, idNumber, regionId: tree.buildingA.id, confirmNotDuplicate: true, ...extra }))
      .person.id as string;
  ids.household = (await post('/households', { regionId: tree.buildingA.id, room: '5号', phone: '13800005555' })).id;
  ids.casePerson = await person('赵确诊', id('14072819800101101'), {
    householdId: ids.household,
    relation: 'head',
    regionId: undefined,
  });
  ids.passenger = await person('钱乘客', id('14072819850210102'));
  ids.reporter = await person('刘自报', REPORTER_ID, { phone: '13711112222' });
  const site = await post('/checkpoints/sites', { name: '平遥高速口', kind: 'highway_exit', regionId: tree.gutao.id });
  ids.site = site.id;
  await post('/checkpoints/passages', {
    id: randomUUID(),
    siteId: site.id,
    at: tripAt.toISOString(),
    direction: 'in',
    plate: '晋C60695',
    vehicleType: 'bus',
    decision: 'pass',
    occupants: [
      { name: '赵确诊', idNumber: id('14072819800101101') },
      { name: '钱乘客', idNumber: id('14072819850210102') },
      { name: '刘自报' },
    ].map((o) => ({ ...o, temperature: 36.5 })),
  });
  ids.case = (
    await post('/cases', {
      personId: ids.casePerson,
      classification: 'confirmed',
      onsetDate: localDay(-1),
      reportDate: localDay(0),
      treatedAt: '平遥县人民医院',
    })
  ).id;
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('tracing: case candidates, chain graph and the seek notice’s public page', () => {
  it('the tracer accepts the co-passenger and isolates him in one action; the chain is drawn', async () => {
    await tracer.locator('[data-testid="nav-cases"]').click();
    await tracer.locator(`[data-testid="case-link-${ids.case}"]`).click();
    await expect(tracer.locator('[data-testid="case-title"]').innerText()).resolves.toContain('赵确诊');
    await tracer.getByRole('tab', { name: '密接候选' }).click();
    const row = tracer.locator('[data-testid="candidate-钱乘客"]');
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain('晋C60695 · 平遥高速口');
    await row.locator('input[type="checkbox"]').check();
    await tracer.locator('[data-testid="candidates-isolate"]').click();
    // the form names who will observe him when nobody is chosen (issue 13: the bulk form shows who it will be)
    await expect
      .poll(() => tracer.locator('[data-testid="isolate-options"] [data-testid="default-observers"]').innerText())
      .toMatch(/^不指定时：.+1 人$/);
    await tracer.locator('[data-testid="isolate-confirm"]').click();
    await expect.poll(() => row.innerText()).toContain('隔离中');
    await screenshot(tracer, 'tracing-candidates');

    await tracer.getByRole('tab', { name: /密接名单/ }).click();
    const contact = tracer.locator('[data-testid="contact-钱乘客"]');
    await expect(contact.locator('[data-testid="isolation-link"]').innerText()).resolves.toContain('观察中');

    await tracer.getByRole('tab', { name: '传播链' }).click();
    const canvas = tracer.locator('[data-testid="chain-graph"] canvas');
    await canvas.waitFor();
    // the case's own contacts are the first generation of contacts
    await expect(tracer.locator('[data-testid="chain-graph"]').getAttribute('aria-label')).resolves.toBe(
      '传播链：确诊病例、第 1 代密接',
    );
    const box = await canvas.boundingBox();
    expect(box!.width).toBeGreaterThan(200);
    expect(box!.height).toBeGreaterThan(200);
    await screenshot(tracer, 'tracing-graph');

    await tracer.getByRole('tab', { name: '轨迹' }).click();
    await expect(tracer.locator('[data-testid="journey-passage"]').innerText()).resolves.toContain('钱乘客');
    await screenshot(tracer, 'tracing-journey');

    // the case shows on the household, on each member with a case
    await tracer.goto(`${server.url}/households/${ids.household}`);
    await expect(tracer.locator(`[data-testid="case-badge-${ids.casePerson}"]`).innerText()).resolves.toBe('确诊病例');
  });

  it('the notice editor drafts the text from the place and the window', async () => {
    // a link from before seek notices had their own name still arrives
    await tracer.goto(`${server.url}/notices/seek`);
    await tracer.waitForURL(/\/seek-notices$/);
    await tracer.locator('[data-testid="notice-create"]').click();
    await tracer.getByText('地点', { exact: true }).click();
    await chooseOption(tracer, '#siteId', '平遥高速口');
    const hhmm = (d: Date) => new Date(d.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
    await tracer.locator('#windowFrom').fill(hhmm(new Date(tripAt.getTime() - 3600_000)));
    await tracer.locator('#windowFrom').press('Enter');
    await tracer.locator('#windowTo').fill(hhmm(new Date(tripAt.getTime() + 3600_000)));
    await tracer.locator('#windowTo').press('Enter');
    await tracer.locator('#hotline').fill('0354-5681234');
    await expect.poll(() => tracer.locator('#title').inputValue()).toBe('关于寻找 平遥高速口 相关人员的紧急通告');
    await expect(tracer.locator('#body').inputValue()).resolves.toContain('0354-5681234');
    await screenshot(tracer, 'tracing-notice-editor');
    await tracer.locator('[data-testid="notice-submit"]').click();
    await tracer.waitForURL(/\/seek-notices\/[0-9a-f-]{36}$/);
    await expect(tracer.locator('[data-testid="notice-status"]').innerText()).resolves.toBe('草稿');
    // the case person and the registered passenger passed that checkpoint in the window
    await expect(tracer.locator('[data-testid="notice-progress"]').innerText()).resolves.toContain('已找到 2 人');
  });

  it('a notice is published; a passenger answers from a phone; the tracer confirms; closing ends the public page', async () => {
    const from = new Date(tripAt.getTime() - 3600_000).toISOString();
    const to = new Date(tripAt.getTime() + 3600_000).toISOString();
    const notice = await post('/seek-notices', {
      title: '关于寻找晋C60695客车乘客的紧急通告',
      body: '请乘坐晋C60695客车的乘客立即与疾控中心联系。',
      hotline: '0354-5681234',
      regionId: (await (await tracer.request.get(`${server.url}/api/auth/me`)).json()).region.id,
      kind: 'vehicle',
      plate: '晋C60695',
      windowFrom: from,
      windowTo: to,
      expected: 2,
      caseId: ids.case,
    });
    expect(notice).toMatchObject({ status: 'draft', found: 1 });

    await tracer.locator('[data-testid="nav-seek-notices"]').click();
    await tracer.locator(`[data-testid="notice-link-${notice.id}"]`).click();
    // the list (one progress per notice) gives way to the notice's own page
    await tracer.waitForURL(new RegExp(`/seek-notices/${notice.id}$`));
    await tracer.locator('[data-testid="notice-status"]').waitFor();
    await expect
      .poll(() => tracer.locator('[data-testid="notice-progress"]').innerText())
      .toContain('已找到 1 / 应找 2');
    await tracer.locator('[data-testid="notice-publish"]').click();
    await expect.poll(() => tracer.locator('[data-testid="notice-status"]').innerText()).toBe('已发布');
    await tracer.locator('[data-testid="notice-qr"]').waitFor();
    const url = await tracer.locator('[data-testid="notice-url"]').innerText();
    expect(url).toBe(`${server.url}/n/${notice.slug}`);
    await screenshot(tracer, 'tracing-notice-published');

    // a fellow passenger's phone: no session, the light page
    const page = await phone.newPage();
    await page.goto(url);
    await expect(page.locator('[data-testid="notice-heading"]').innerText()).resolves.toBe(
      '关于寻找晋C60695客车乘客的紧急通告',
    );
    await expect(page.locator('[data-testid="notice-hotline"]').getAttribute('href')).resolves.toBe(
      'tel:0354-5681234'.replace('-', ''),
    );
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(loaded.filter((name) => /\/assets\/(antd|router|main)-/.test(name))).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.locator('[data-testid="notice-submit"]').click();
    await expect(page.locator('[data-testid="notice-phone-error"]').innerText()).resolves.toContain('11 位手机号码');
    await page.locator('[data-testid="notice-name"]').fill('刘自报');
    await page.locator('[data-testid="notice-phone"]').fill('13711112222');
    await page.locator('[data-testid="notice-whereNow"]').fill('古陶镇家中');
    await page.locator('[data-testid="notice-idNumber"]').fill(REPORTER_ID);
    await page.locator('[data-testid="notice-seat"]').fill('7');
    await screenshot(page, 'tracing-notice-form-360');
    await page.locator('[data-testid="notice-submit"]').click();
    await expect(page.locator('[data-testid="notice-thanks"]').innerText()).resolves.toContain('已收到');
    await screenshot(page, 'tracing-notice-thanks-360');

    // the tracer sees the pending report, matched by ID number, and confirms it
    await tracer.reload();
    const report = tracer.locator('[data-testid="report-刘自报"]');
    await expect(report.getAttribute('data-status')).resolves.toBe('pending');
    await expect(report.innerText()).resolves.toContain('证件号');
    await report.locator('[data-testid="report-confirm-刘自报"]').click();
    await expect
      .poll(() => tracer.locator('[data-testid="notice-progress"]').innerText())
      .toContain('已找到 2 / 应找 2');
    await expect(tracer.locator('[data-testid="found-刘自报"]').innerText()).resolves.toContain('自报');
    await expect(report.getAttribute('data-status')).resolves.toBe('confirmed');
    await screenshot(tracer, 'tracing-notice-confirmed');

    // closing takes it off the public page
    await tracer.locator('[data-testid="notice-close"]').click();
    await tracer.locator('[data-testid="notice-close-ok"]').click();
    await expect.poll(() => tracer.locator('[data-testid="notice-status"]').innerText()).toBe('已结束');
    await page.reload();
    await expect(page.locator('[data-testid="notice-closed"]').innerText()).resolves.toContain('通告已结束');
    await screenshot(page, 'tracing-notice-closed-360');
  });
});
