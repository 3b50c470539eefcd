import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemClock } from '../src/server/clock';
import { createHousehold } from '../src/server/features/residents/households.service';
import { registerPerson } from '../src/server/features/residents/persons.service';
import { openRound } from '../src/server/features/screening/rounds.service';
import { createReferral } from '../src/server/features/alerts/referrals.service';
import { makeTree, makeUser, PASSWORD } from '../src/server/testing/factories';
import { systemActor } from '../src/server/testing/test-app';
import { idCardCheckChar } from '../src/shared/validators';
import { ADMIN_PASSWORD, launchBrowser, loginThroughForm, screenshot, startServer } from './harness';

/**
 * 入户登记 at the door, on a phone (375 × 740) and by keyboard alone: a grid worker logs in, lands
 * on the field screen, finds the household by its room number, types two temperatures (one a
 * fever) and submits — within a keystroke budget. The visit, the fever tag and the alert for the
 * command centre are then checked in the database.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let page: Page;
/** The command centre's screen, watching alerts arrive while the worker is at the door. */
let watcher: Page;
let householdId: string;
let headId: string;
let feverId: string;
let otherHouseholdId: string;
let refuserId: string;

const id = (first17: string) => first17 + idCardCheckChar(first17);
/** A 2-person household: room 3 keys + Enter, two temperatures of 4 keys + Enter each = 14; the budget leaves room. */
const KEY_BUDGET = 40;

beforeAll(async () => {
  server = await startServer();
  const clock = systemClock;
  const tree = await makeTree(server.db, clock);
  await makeUser(server.db, clock, 'wangge01', 'grid', tree.gridA);
  const household = await createHousehold(server.db, clock, systemActor, {
    regionId: tree.buildingA.id,
    room: '2单元301',
    vacant: false,
  });
  otherHouseholdId = (
    await createHousehold(server.db, clock, systemActor, {
      regionId: tree.buildingA.id,
      room: '2单元302',
      vacant: false,
    })
  ).id;
  householdId = household.id;
  const member = async (name: string, idNumber: string, relation: 'head' | 'spouse', inHousehold = householdId) =>
    (
      await registerPerson(server.db, clock, systemActor, {
        name,
        idType: 'resident_id',
        idNumber,
        householdId: inHousehold,
        relation,
        away: false,
        tags: [],
        confirmNotDuplicate: false,
      })
    ).person.id;
  headId = await member('李建国', id('14072819650312001'), 'head');
  feverId = await member('王秀兰', id('14072819680521002'), 'spouse');
  refuserId = await member('赵拒测', id('14072819700101003'), 'head', otherHouseholdId);
  await openRound(server.db, clock, systemActor, {
    name: '第一轮入户摸排',
    startDate: '2020-01-26',
    endDate: '2020-02-02',
    regionIds: [tree.gutao.id],
  });
  browser = await launchBrowser();
  page = await browser.newPage({ viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true });
  watcher = await browser.newPage({ viewport: { width: 1366, height: 860 } });
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const activeTestId = () =>
  page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? null);

describe('field screen (入户登记) on a phone, by keyboard', () => {
  it('a grid worker lands on the field screen and records a household visit with the keyboard alone', async () => {
    await loginThroughForm(watcher, server.url, 'admin', ADMIN_PASSWORD);
    await watcher.waitForURL(/\/regions\/[0-9a-f-]{36}$/); // the admin's start page settles first
    await watcher.locator('[data-testid="nav-alerts"]').click();
    await watcher.locator('[data-testid="alerts-table"]').waitFor();
    await expect(watcher.locator('[data-testid="alerts-badge"]').getAttribute('data-count')).resolves.toBe('0');

    await loginThroughForm(page, server.url, 'wangge01', PASSWORD);
    await page.waitForURL(/\/field$/);
    // a grid worker is not shown the command centre's alerts
    await expect(page.locator('[data-testid="alerts-badge"]').count()).resolves.toBe(0);
    const progress = page.locator('[data-testid="field-progress"]');
    await expect(progress.getByText('0 / 2').waitFor()).resolves.toBeUndefined();

    // The one focus given by hand (autofocus has normally done it already); from here on, keys only.
    const search = page.locator('[data-testid="field-search"]');
    await search.focus();
    let keys = 0;
    const type = async (text: string) => {
      await page.keyboard.type(text, { delay: 20 });
      keys += text.length;
    };
    const press = async (key: string) => {
      await page.keyboard.press(key);
      keys += 1;
    };

    await type('301');
    await press('Enter');
    await page.locator(`[data-testid="field-member-${headId}"]`).waitFor();
    await expect.poll(activeTestId).toBe(`field-temp-${headId}`);
    await type('36.5');
    await press('Enter');
    await expect.poll(activeTestId).toBe(`field-temp-${feverId}`);
    await type('38.1');
    await page.locator(`[data-testid="field-fever-${feverId}"]`).waitFor();
    // a fever picks 重点人员 by itself
    await expect(
      page.locator('[data-testid="field-outcome"] .ant-radio-button-wrapper-checked').innerText(),
    ).resolves.toContain('重点人员');
    await screenshot(page, 'field-visit-375');
    await press('Enter');

    await page.locator('[data-testid="field-done"]').waitFor();
    await expect(page.locator('[data-testid="field-done"]').innerText()).resolves.toContain('2单元301');
    expect(keys).toBeLessThanOrEqual(KEY_BUDGET);
    // back at the search, ready for the next door, and the household now counts as visited
    await expect.poll(activeTestId).toBe('field-search');
    await expect(progress.getByText('1 / 2').waitFor()).resolves.toBeUndefined();
    await screenshot(page, 'field-done-375');

    const visits = await server.db
      .selectFrom('screening_visits')
      .select(['id', 'outcome'])
      .where('household_id', '=', householdId)
      .execute();
    expect(visits).toHaveLength(1);
    expect(visits[0]!.outcome).toBe('key_person');
    const checks = await server.db
      .selectFrom('screening_checks')
      .select(['person_id', 'temperature', 'present'])
      .where('visit_id', '=', visits[0]!.id)
      .execute();
    expect(checks.map((c) => [c.person_id, Number(c.temperature), Number(c.present)]).sort()).toEqual(
      [
        [headId, 36.5, 1],
        [feverId, 38.1, 1],
      ].sort(),
    );
    const tags = await server.db.selectFrom('person_tags').select('tag').where('person_id', '=', feverId).execute();
    expect(tags.map((t) => t.tag)).toEqual(expect.arrayContaining(['fever', 'key_person']));
    const alerts = await server.db
      .selectFrom('alerts')
      .select(['id', 'kind', 'acknowledged_at'])
      .where('person_id', '=', feverId)
      .execute();
    const fever = alerts.find((a) => a.kind === 'fever' && a.acknowledged_at === null);
    expect(fever).toBeDefined();

    // the command centre is told at once: a notification, the badge, the list (the outcome 重点人员
    // flags every member present, so the head of the household raises an alert too)
    await watcher.locator('[data-testid="alert-notification"]', { hasText: '王秀兰' }).waitFor();
    const open = await server.db.selectFrom('alerts').select('id').where('acknowledged_at', 'is', null).execute();
    await expect
      .poll(() => watcher.locator('[data-testid="alerts-badge"]').getAttribute('data-count'))
      .toBe(String(open.length));
    await watcher.locator(`[data-testid="alert-${fever!.id}"]`).waitFor();
    await screenshot(watcher, 'alerts-live');
    await watcher.locator(`[data-testid="alert-ack-${fever!.id}"]`).click();
    await expect
      .poll(() => watcher.locator('[data-testid="alerts-badge"]').getAttribute('data-count'))
      .toBe(String(open.length - 1));
    const acked = await server.db
      .selectFrom('alerts')
      .select('acknowledged_at')
      .where('id', '=', fever!.id)
      .executeTakeFirstOrThrow();
    expect(acked.acknowledged_at).not.toBeNull();
  });

  it('shows the visited household as screened when it is searched again', async () => {
    await page.keyboard.type('301');
    const row = page.locator(`[data-testid="field-household-${householdId}"]`);
    await row.waitFor();
    await expect(row.getAttribute('data-status')).resolves.toBe('visited');
    await screenshot(page, 'field-search-375');
  });

  it('a person at home without a temperature needs a reason and a note, and the visit is not 无风险', async () => {
    await page.locator('[data-testid="field-search"]').fill('302');
    await page.keyboard.press('Enter');
    await page.locator(`[data-testid="field-member-${refuserId}"]`).waitFor();
    const noRisk = page.locator('[data-testid="field-outcome"] label', { hasText: '无风险' });
    await expect(noRisk.getAttribute('class')).resolves.toContain('disabled');
    await expect(page.locator('[data-testid="field-unmeasured"]').innerText()).resolves.toContain('不能判定为无风险');
    await page.locator('[data-testid="field-submit"]').click();
    await page.locator('.ant-message', { hasText: '选择未测原因' }).waitFor();
    expect(
      await server.db
        .selectFrom('screening_visits')
        .select('id')
        .where('household_id', '=', otherHouseholdId)
        .execute(),
    ).toHaveLength(0);

    const missing = page.locator(`[data-testid="field-missing-${refuserId}"]`);
    await missing.getByText('拒测').click();
    await page.locator(`[data-testid="field-missing-note-${refuserId}"]`).fill('隔门拒绝测温，已告知村医');
    await page.locator('[data-testid="field-outcome"] label', { hasText: '重点人员' }).click();
    await screenshot(page, 'field-refused-375');
    await page.locator('[data-testid="field-submit"]').click();
    await page.locator('[data-testid="field-done"]').waitFor();
    const visit = await server.db
      .selectFrom('screening_visits')
      .select(['id', 'outcome'])
      .where('household_id', '=', otherHouseholdId)
      .executeTakeFirstOrThrow();
    expect(visit.outcome).toBe('key_person');
    const check = await server.db
      .selectFrom('screening_checks')
      .select(['temperature', 'temperature_missing', 'temperature_note'])
      .where('visit_id', '=', visit.id)
      .executeTakeFirstOrThrow();
    expect(check).toEqual({
      temperature: null,
      temperature_missing: 'refused',
      temperature_note: '隔门拒绝测温，已告知村医',
    });
  });

  it('the command centre records where a referred person went and what the clinic found; 疑似 opens the case', async () => {
    const referral = await createReferral(server.db, systemClock, systemActor, {
      personId: refuserId,
      reason: '随访发热 38.5℃',
      sourceType: 'manual',
    });
    const alert = await server.db
      .selectFrom('alerts')
      .select('id')
      .where('referral_id', '=', referral.id)
      .executeTakeFirstOrThrow();
    await watcher.locator(`[data-testid="alert-referral-${alert.id}"]`).click();
    await watcher.locator('[data-testid="referral-facility"]').fill('平遥县人民医院发热门诊');
    await watcher.locator('[data-testid="referral-outcome-pick"]').getByText('疑似').click();
    await watcher.locator('[data-testid="referral-note"]').fill('CT 双肺磨玻璃影');
    await screenshot(watcher, 'referral-outcome');
    await watcher.locator('[data-testid="referral-save"]').click();
    await watcher.locator('[data-testid="referral-case"]').waitFor();
    const saved = await server.db
      .selectFrom('referrals')
      .select(['facility', 'outcome', 'outcome_note', 'case_id'])
      .where('id', '=', referral.id)
      .executeTakeFirstOrThrow();
    expect(saved).toMatchObject({
      facility: '平遥县人民医院发热门诊',
      outcome: 'suspected',
      outcome_note: 'CT 双肺磨玻璃影',
    });
    expect(saved.case_id).not.toBeNull();
    await watcher.locator('[data-testid="referral-case"]').click();
    await watcher.waitForURL(new RegExp(`/cases/${saved.case_id}$`));
    await expect(watcher.locator('[data-testid="case-title"]').innerText()).resolves.toContain('赵拒测');
  });
});
