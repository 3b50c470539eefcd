import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemClock } from '../src/server/clock';
import { registerPerson } from '../src/server/features/residents/persons.service';
import { makeTree, makeUser, PASSWORD } from '../src/server/testing/factories';
import { systemActor } from '../src/server/testing/test-app';
import { idCardCheckChar } from '../src/shared/validators';
import { ADMIN_PASSWORD, launchBrowser, loginThroughForm, screenshot, startServer } from './harness';

/**
 * Observers call people (issue 18), on a 390-px phone: the observer's 今日随访 shows each person with
 * a call button; one tap reveals the full number of the observer's own episode (audited as a reveal
 * with the purpose 随访) and leaves a `tel:` link to the dialer. The fill form has the same button.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let observer: Page;
let personId: string;
let episodeId: string;

const id = (first17: string) => first17 + idCardCheckChar(first17);
const CONTEXT = { timezoneId: 'Asia/Shanghai', locale: 'zh-CN' } as const;

beforeAll(async () => {
  server = await startServer();
  const clock = systemClock;
  const tree = await makeTree(server.db, clock);
  const observerId = (await makeUser(server.db, clock, 'guancha02', 'observer', tree.dongcheng)).id;
  personId = (
    await registerPerson(server.db, clock, systemActor, {
      name: '钱电话',
      idType: 'resident_id',
      idNumber: id('14072819950808008'),
      phone: '13712346434',
      regionId: tree.buildingA.id,
      away: false,
      tags: [],
      confirmNotDuplicate: false,
    })
  ).person.id;
  browser = await launchBrowser();
  const admin = await (await browser.newContext({ viewport: { width: 1366, height: 860 }, ...CONTEXT })).newPage();
  await loginThroughForm(admin, server.url, 'admin', ADMIN_PASSWORD);
  // the follow-up windows cover the whole day, so a follow-up is open whenever the test runs
  const settings = await (await admin.request.get(`${server.url}/api/isolation/settings`)).json();
  const saved = await admin.request.put(`${server.url}/api/isolation/settings`, {
    data: { ...settings, windows: { ...settings.windows, 1: ['00:00-23:59'], 2: ['00:00-12:00', '12:00-23:59'] } },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  const res = await admin.request.post(`${server.url}/api/isolation/episodes`, {
    data: { personId, kind: 'home', reason: 'close_contact', observerId },
  });
  expect(res.status(), await res.text()).toBe(201);
  episodeId = (await res.json()).id;
  observer = await (
    await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, ...CONTEXT })
  ).newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const reveals = () =>
  server.db
    .selectFrom('audit_log')
    .select(['actor_name', 'details'])
    .where('action', '=', 'person.reveal')
    .where('entity_id', '=', personId)
    .execute();

describe('an observer calls from 今日随访 on a phone', () => {
  it('the card shows a call button; a tap reveals the number into a tel: link and audits it for 随访', async () => {
    await loginThroughForm(observer, server.url, 'guancha02', PASSWORD);
    await observer.waitForURL(/\/isolation\/today$/);
    const call = observer.locator(`[data-testid="today-call-${episodeId}"]`);
    await call.waitFor();
    expect(await reveals()).toHaveLength(0);
    const box = await call.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44);

    await call.click();
    const link = observer.locator(`[data-testid="today-call-${episodeId}-link"]`);
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('tel:13712346434');
    await expect(link.innerText()).resolves.toContain('13712346434');
    const audited = await reveals();
    expect(audited).toHaveLength(1);
    expect(audited[0]!.actor_name).toBe('guancha02');
    const details = audited[0]!.details;
    expect(typeof details === 'string' ? JSON.parse(details) : details).toMatchObject({
      field: 'phone',
      purpose: '随访',
      episodeId,
    });
    // nothing on the card overflows the phone's width
    const width = await observer.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(observer, 'call-today-390');
  });

  it('the fill form has the same call button', async () => {
    // a new page: headless Chromium has no dialer, and the page that handed it the tel: link takes no
    // more input
    observer = await (
      await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, ...CONTEXT })
    ).newPage();
    await loginThroughForm(observer, server.url, 'guancha02', PASSWORD);
    await observer.locator(`[data-testid="today-${episodeId}"]`).click();
    await observer.locator('[data-testid="slot-fill-name"]').waitFor();
    await observer.locator('[data-testid="slot-fill-call"]').click();
    const link = observer.locator('[data-testid="slot-fill-call-link"]');
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe('tel:13712346434');
    expect(await reveals()).toHaveLength(2);
  });
});
