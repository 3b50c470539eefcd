import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { systemClock } from '../src/server/clock';
import { registerPerson } from '../src/server/features/residents/persons.service';
import { makeTree, makeUser, PASSWORD } from '../src/server/testing/factories';
import { systemActor } from '../src/server/testing/test-app';
import { idCardCheckChar } from '../src/shared/validators';
import { ADMIN_PASSWORD, launchBrowser, loginThroughForm, screenshot, startServer } from './harness';

/**
 * 隔离观察 in the browser, on the real server and clock: the admin puts two persons under home
 * observation (through the API, from the logged-in page), opens one on the detail page and takes
 * the self-report link; the isolated person opens it on a phone with no session, reports 36.8 ℃
 * and asks for food; the observer's "my people today" then shows that report, and the observer
 * fills the other person's follow-up with the keyboard alone.
 *
 * The server's clock is the real one, so the county's follow-up windows are set (through the
 * settings API) to cover the whole day: whenever the test runs, a follow-up is open.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let admin: Page;
let phone: BrowserContext;
let observerPage: Page;
let observerId: string;
let selfReporter: string;
let keyboardPerson: string;
let completer: string;
const episodes: Record<'self' | 'keyboard', string> = { self: '', keyboard: '' };

const id = (first17: string) => first17 + idCardCheckChar(first17);
const CONTEXT = { timezoneId: 'Asia/Shanghai', locale: 'zh-CN' } as const;

beforeAll(async () => {
  server = await startServer();
  const clock = systemClock;
  const tree = await makeTree(server.db, clock);
  observerId = (await makeUser(server.db, clock, 'guancha01', 'observer', tree.dongcheng, { phone: '13900001234' })).id;
  const person = async (name: string, idNumber: string) =>
    (
      await registerPerson(server.db, clock, systemActor, {
        name,
        idType: 'resident_id',
        idNumber,
        regionId: tree.buildingA.id,
        away: false,
        tags: [],
        confirmNotDuplicate: false,
      })
    ).person.id;
  selfReporter = await person('孙自报', id('14072819920505005'));
  keyboardPerson = await person('周键盘', id('14072819930606006'));
  completer = await person('郑期满', id('14072819940707007'));
  browser = await launchBrowser();
  admin = await (await browser.newContext({ viewport: { width: 1366, height: 860 }, ...CONTEXT })).newPage();
  phone = await browser.newContext({
    viewport: { width: 375, height: 740 },
    isMobile: true,
    hasTouch: true,
    ...CONTEXT,
  });
  observerPage = await (
    await browser.newContext({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true, ...CONTEXT })
  ).newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const activeTestId = (page: Page) =>
  page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? null);

describe('isolation: self-report link and the observer’s follow-ups', () => {
  it('the admin isolates two persons and hands one the self-report link from the detail page', async () => {
    await loginThroughForm(admin, server.url, 'admin', ADMIN_PASSWORD);
    const settings = await (await admin.request.get(`${server.url}/api/isolation/settings`)).json();
    const saved = await admin.request.put(`${server.url}/api/isolation/settings`, {
      data: { ...settings, windows: { ...settings.windows, 1: ['00:00-23:59'], 2: ['00:00-12:00', '12:00-23:59'] } },
    });
    expect(saved.status(), await saved.text()).toBe(200);
    for (const [key, personId] of [
      ['self', selfReporter],
      ['keyboard', keyboardPerson],
    ] as const) {
      const res = await admin.request.post(`${server.url}/api/isolation/episodes`, {
        data: { personId, kind: 'home', reason: 'close_contact', observerId },
      });
      expect(res.status(), await res.text()).toBe(201);
      episodes[key] = (await res.json()).id;
    }

    await admin.goto(`${server.url}/isolation/episodes/${episodes.self}`);
    await expect(admin.locator('[data-testid="episode-title"]').innerText()).resolves.toContain('孙自报');
    await expect(admin.locator('[data-testid="episode-status"]').innerText()).resolves.toBe('观察中');
    await admin.locator('[data-testid="slot-table"]').waitFor();
    await admin.locator('[data-testid="episode-link"]').click();
    const link = admin.locator('[data-testid="self-report-url"]');
    await link.waitFor();
    const url = await link.innerText();
    expect(url).toMatch(new RegExp(`^${server.url.replace(/[.]/g, '\\.')}/r/[A-Za-z0-9_-]{8,64}$`));
    await admin.locator('[data-testid="self-report-qr"]').waitFor();
    await screenshot(admin, 'isolation-link');

    // the isolated person's phone: no session, the light page (no antd), 36.8 ℃ reported
    const page = await phone.newPage();
    await page.goto(url);
    await page.locator('[data-testid="self-report-form"]').waitFor();
    await expect(page.locator('[data-testid="self-report-name"]').innerText()).resolves.toContain('孙**');
    const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(loaded.filter((name) => /\/assets\/(antd|router|main)-/.test(name))).toEqual([]);
    await page.locator('[data-testid="self-report-temp"]').fill('36.8');
    await screenshot(page, 'isolation-self-report-375');
    await page.locator('[data-testid="self-report-submit"]').click();
    await expect(page.locator('[data-testid="self-report-notice"]').innerText()).resolves.toContain('已提交');
    await expect(
      page.locator('[data-testid="self-report-slots"] [data-status="filled"]').innerText(),
    ).resolves.toContain('36.8');
    // when the next report is due, and the observer a tap away
    await expect(page.locator('[data-testid="self-report-next"]').innerText()).resolves.toMatch(/下次测温时间|明天/);
    await expect(page.locator('[data-testid="self-report-call"]').getAttribute('href')).resolves.toBe(
      'tel:13900001234',
    );
    await expect(page.locator('[data-testid="self-report-contact"]').innerText()).resolves.toContain('guancha01');

    // 需要帮助: food, with what exactly
    await page.locator('[data-testid="self-report-need-food"]').click();
    await page.locator('#pub-detail').fill('大米 一袋');
    await page.locator('[data-testid="self-report-ask"]').click();
    await page.locator('[data-testid="self-report-help"]').getByText('已收到您的求助').waitFor();
    await screenshot(page, 'isolation-self-report-done-375');

    const slot = await server.db
      .selectFrom('follow_up_slots')
      .select(['id', 'temperature', 'via', 'status'])
      .where('episode_id', '=', episodes.self)
      .where('status', '=', 'filled')
      .execute();
    expect(slot.map((s) => [Number(s.temperature), s.via])).toEqual([[36.8, 'self']]);
    const needs = await server.db
      .selectFrom('necessity_requests')
      .select(['kind', 'detail', 'status'])
      .where('episode_id', '=', episodes.self)
      .execute();
    expect(needs).toEqual([{ kind: 'food', detail: '大米 一袋', status: 'open' }]);
  });

  it('the observer lands on today’s follow-ups, sees the self-report, and fills the other one by keyboard', async () => {
    await loginThroughForm(observerPage, server.url, 'guancha01', PASSWORD);
    await observerPage.waitForURL(/\/isolation\/today$/);
    const selfCard = observerPage.locator(`[data-testid="today-${episodes.self}"]`);
    await selfCard.waitFor();
    await expect(selfCard.locator('[data-status="filled"]').innerText()).resolves.toContain('36.8');
    await screenshot(observerPage, 'isolation-today-375');

    // from here on, keys only: the first person with a follow-up due has the focus
    let keys = 0;
    const press = async (key: string) => {
      await observerPage.keyboard.press(key);
      keys += 1;
    };
    await expect.poll(() => activeTestId(observerPage)).toMatch(/^today-/);
    if ((await activeTestId(observerPage)) !== `today-${episodes.keyboard}`) await press('ArrowDown');
    await expect.poll(() => activeTestId(observerPage)).toBe(`today-${episodes.keyboard}`);
    await press('Enter');
    await observerPage.locator('[data-testid="slot-fill"]').waitFor();
    // a phone has no keyboard worth a hint, and every tap target is at least 44 px
    await expect(observerPage.locator('.qf-keyboard-hint').isVisible()).resolves.toBe(false);
    const heights = await observerPage
      .locator('[data-testid="slot-fill"] .ant-btn')
      .evaluateAll((buttons) => buttons.map((b) => b.getBoundingClientRect().height));
    expect(heights.length).toBeGreaterThan(0);
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(44);
    await expect.poll(() => activeTestId(observerPage)).toBe('slot-fill-temp');
    await observerPage.keyboard.type('36.5', { delay: 20 });
    keys += 4;
    await expect(observerPage.locator('[data-testid="slot-fill-condition"]').getAttribute('data-value')).resolves.toBe(
      'well',
    );
    await screenshot(observerPage, 'isolation-fill-375');
    await press('Enter');
    await expect(observerPage.locator('[data-testid="today-done"]').innerText()).resolves.toContain('周键盘');
    expect(keys).toBeLessThanOrEqual(7);
    const keyboardCard = observerPage.locator(`[data-testid="today-${episodes.keyboard}"]`);
    await expect(keyboardCard.locator('[data-status="filled"]').innerText()).resolves.toContain('36.5');
    await screenshot(observerPage, 'isolation-today-done-375');

    const filled = await server.db
      .selectFrom('follow_up_slots')
      .select(['temperature', 'via', 'condition', 'filled_by'])
      .where('episode_id', '=', episodes.keyboard)
      .where('status', '=', 'filled')
      .execute();
    expect(filled.map((s) => [Number(s.temperature), s.via, s.condition, s.filled_by])).toEqual([
      [36.5, 'observer', 'well', observerId],
    ]);
  });

  it('the admin sees the request on the necessities tab and assigns it', async () => {
    await admin.goto(`${server.url}/isolation?tab=necessities`);
    const need = await server.db
      .selectFrom('necessity_requests')
      .select('id')
      .where('episode_id', '=', episodes.self)
      .executeTakeFirstOrThrow();
    const row = admin.locator(`[data-testid="necessity-${need.id}"]`);
    await expect(row.innerText()).resolves.toContain('孙自报');
    await expect(row.innerText()).resolves.toContain('大米 一袋');
    await screenshot(admin, 'isolation-necessities');
    await row.locator(`[data-testid="necessity-assign-${need.id}"]`).click();
    await admin.locator('[data-testid="necessity-action-text"]').fill('村委会 张三');
    await admin.locator('[data-testid="necessity-action-submit"]').click();
    await expect
      .poll(
        async () =>
          (
            await server.db
              .selectFrom('necessity_requests')
              .select('status')
              .where('id', '=', need.id)
              .executeTakeFirstOrThrow()
          ).status,
      )
      .toBe('assigned');
    // it leaves the open list and shows under 已派单 with its assignee and the time waited so far
    await row.waitFor({ state: 'detached' });
    await admin.locator('[data-testid="necessities-filter"]').getByText('已派单').click();
    await expect(row.innerText()).resolves.toContain('村委会 张三');
    await expect(admin.locator(`[data-testid="necessity-taken-${need.id}"]`).innerText()).resolves.toMatch(/分钟|小时/);
  });

  it('ending early is refused in Chinese; a completed observation prints a certificate anyone can verify', async () => {
    // 14 days not over: the server's NOT_YET_DUE, shown in the dialog
    await admin.goto(`${server.url}/isolation/episodes/${episodes.keyboard}`);
    await admin.locator('[data-testid="episode-end"]').click();
    await admin.locator('[data-testid="end-submit"]').click();
    await expect(admin.locator('[data-testid="end-refused"]').innerText()).resolves.toContain('观察期未满');
    await admin.keyboard.press('Escape');

    // a one-day observation, its one follow-up normal: completed at once
    const res = await admin.request.post(`${server.url}/api/isolation/episodes`, {
      data: { personId: completer, kind: 'home', reason: 'other', days: 1, slotsPerDay: 1, observerId },
    });
    expect(res.status(), await res.text()).toBe(201);
    const episodeId = (await res.json()).id as string;
    const slots = (await (await admin.request.get(`${server.url}/api/isolation/episodes/${episodeId}`)).json())
      .slots as { id: string }[];
    expect(slots).toHaveLength(1);
    expect(
      (
        await admin.request.post(`${server.url}/api/isolation/slots/${slots[0]!.id}`, {
          data: { temperature: 36.4, condition: 'well' },
        })
      ).status(),
    ).toBe(200);
    await admin.goto(`${server.url}/isolation/episodes/${episodeId}`);
    await admin.locator('[data-testid="episode-end"]').click();
    await admin.locator('[data-testid="end-submit"]').click();
    await expect.poll(() => admin.locator('[data-testid="episode-status"]').innerText()).toBe('期满解除');
    await admin.locator('[data-testid="episode-certificate"]').click();
    const certificate = admin.locator('[data-testid="certificate"]');
    await certificate.waitFor();
    await expect(certificate.innerText()).resolves.toContain('居家医学观察期满证明');
    await expect(admin.locator('[data-testid="certificate-name"]').innerText()).resolves.toBe('郑期满');
    const serial = await admin.locator('[data-testid="certificate-serial"]').innerText();
    expect(serial).toMatch(/^QF-\d{8}-0001$/);
    const verifyUrl = await admin.locator('[data-testid="certificate-url"]').innerText();
    expect(verifyUrl).toMatch(new RegExp(`^${server.url.replace(/[.]/g, '\\.')}/verify/[A-Za-z0-9_-]+$`));
    await screenshot(admin, 'isolation-certificate');

    const check = await phone.newPage();
    await check.goto(verifyUrl);
    const result = check.locator('[data-testid="verify-result"]');
    await result.waitFor();
    await expect(result.getAttribute('data-valid')).resolves.toBe('true');
    await expect(result.innerText()).resolves.toContain(serial);
    await expect(result.innerText()).resolves.toContain('郑**');
    await screenshot(check, 'isolation-verify-375');
  });

  it('the create form says who observes when nobody is chosen; episodes without an observer get one in one action', async () => {
    const personId = (
      await registerPerson(server.db, systemClock, systemActor, {
        name: '吴默认',
        idType: 'resident_id',
        idNumber: id('14072819950808008'),
        regionId: (
          await server.db.selectFrom('regions').select('id').where('name', '=', '1号院').executeTakeFirstOrThrow()
        ).id,
        away: false,
        tags: [],
        confirmNotDuplicate: false,
      })
    ).person.id;
    await admin.goto(`${server.url}/isolation`);
    await admin.locator('[data-testid="episode-create"]').click();
    await expect(admin.locator('[data-testid="default-observers"]').innerText()).resolves.toContain('包保责任人');
    await admin.locator('#episode-persons').fill('吴默认');
    // the option of the dropdown that is showing (closed dropdowns of earlier selects stay in the page)
    await admin.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '吴默认' }).click();
    await expect
      .poll(() => admin.locator('[data-testid="episode-form"], form').first().innerText())
      .toContain('吴默认');
    await expect
      .poll(() => admin.locator('[data-testid="default-observers"]').innerText())
      .toBe('不指定时：guancha01（村医）1 人');
    await screenshot(admin, 'isolation-default-observer');
    await admin.locator('[data-testid="episode-submit"]').click();
    await admin.waitForURL(/\/isolation\/episodes\/[0-9a-f-]{36}$/);
    const episode = await server.db
      .selectFrom('isolation_episodes')
      .select(['id', 'observer_id'])
      .where('person_id', '=', personId)
      .executeTakeFirstOrThrow();
    expect(episode.observer_id).toBe(observerId);

    // an episode from before the rule, nobody observing it
    await server.db.updateTable('isolation_episodes').set({ observer_id: null }).where('id', '=', episode.id).execute();
    await admin.goto(`${server.url}/isolation`);
    await expect(admin.locator('[data-testid="unobserved-alert"]').innerText()).resolves.toContain(
      '1 人的隔离观察没有观察员',
    );
    await admin.locator('[data-testid="unobserved-assign"]').click();
    await admin.locator('[data-testid="assign-submit"]').click();
    await expect(admin.locator('[data-testid="assign-result"]').innerText()).resolves.toBe('已分配 1 人，跳过 0 人');
    const assigned = await server.db
      .selectFrom('isolation_episodes')
      .select('observer_id')
      .where('id', '=', episode.id)
      .executeTakeFirstOrThrow();
    expect(assigned.observer_id).toBe(observerId);
    await admin.keyboard.press('Escape');
    await expect.poll(() => admin.locator('[data-testid="unobserved-alert"]').count()).toBe(0);
  });
});
