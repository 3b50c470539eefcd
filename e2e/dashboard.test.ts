import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemClock } from '../src/server/clock';
import { refreshRollups } from '../src/server/features/rollups/refresh.service';
import { makeTree, makeUser, PASSWORD } from '../src/server/testing/factories';
import { idCardCheckChar } from '../src/shared/validators';
import { ADMIN_PASSWORD, launchBrowser, loginThroughForm, screenshot, startServer } from './harness';

/**
 * 指挥大屏 in the browser at 1920×1080: the county command centre sees today's figures as entered
 * through the API, drills down to a township by clicking its block in the treemap (the URL follows,
 * so a reload keeps it) and by a row of the table, goes back up by the breadcrumb, and sees a new
 * checkpoint passage appear without reloading once the roll-ups refresh. The harness runs no
 * ticker, so the test refreshes the roll-ups itself with the function the server's ticker runs.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let page: Page;
let cookie: string;
let tree: Awaited<ReturnType<typeof makeTree>>;
let siteId: string;
const TZ = 'Asia/Shanghai';
const id = (first17: string) => first17 + idCardCheckChar(first17);
const refresh = () => refreshRollups(server.db, systemClock, TZ, { force: true });

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(server.url + path, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => null)) as any;
  expect(res.status, JSON.stringify(json)).toBeLessThan(300);
  return json;
}

async function person(name: string, idNumber: string, regionId: string, tags: string[] = []) {
  return (await api('POST', '/api/persons', { name, idNumber, regionId, tags, confirmNotDuplicate: true })).person as {
    id: string;
  };
}

async function passage(temperature: number, decision: 'pass' | 'turned_back' | 'referred') {
  await api('POST', '/api/checkpoints/passages', {
    id: randomUUID(),
    siteId,
    at: new Date(Date.now() - 5_000).toISOString(),
    direction: 'in',
    plate: '晋K12345',
    decision,
    // by name only: not linked to the registry (with a phone they would be registry persons, counted as residents)
    occupants: [
      { name: '过路人', temperature },
      { name: '同车人', temperature: 36.5 },
    ],
  });
}

const kpi = (key: string) =>
  page.locator(`[data-testid="dashboard-kpi-${key}-value"]`).getAttribute('data-value').then(Number);
const regionName = () => page.locator('[data-testid="dashboard-region-name"]').innerText();

beforeAll(async () => {
  server = await startServer();
  tree = await makeTree(server.db, systemClock);
  await makeUser(server.db, systemClock, 'dapin01', 'command', tree.county);
  const login = await fetch(server.url + '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  siteId = (
    await api('POST', '/api/checkpoints/sites', {
      name: '古陶东卡口',
      kind: 'village_entrance',
      regionId: tree.dongcheng.id,
    })
  ).id;
  // 古陶镇: two residents (one a key person, isolated at home; one a confirmed case); 段村镇: one resident
  const returnee = await person('赵返乡', id('14072819900303003'), tree.buildingA.id, ['returnee', 'hubei_travel']);
  const patient = await person('钱确诊', id('14072819800101002'), tree.buildingA.id);
  await person('孙段村', id('14072819700505001'), tree.duancunVillage.id);
  await api('POST', '/api/isolation/episodes', { personId: returnee.id, kind: 'home', reason: 'hubei_returnee' });
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  await api('POST', '/api/cases', { personId: patient.id, classification: 'confirmed', reportDate: today });
  await passage(38.1, 'referred');
  await passage(36.4, 'turned_back');
  await refresh();
  browser = await launchBrowser();
  page = await (
    await browser.newContext({ viewport: { width: 1920, height: 1080 }, timezoneId: 'Asia/Shanghai', locale: 'zh-CN' })
  ).newPage();
  await loginThroughForm(page, server.url, 'dapin01', PASSWORD);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('the big screen (指挥大屏)', () => {
  it("shows today's figures, drills down by the treemap and the table, and updates live", async () => {
    await expect(page.locator('[data-testid="nav-dashboard"]').count()).resolves.toBe(1);
    await page.goto(`${server.url}/dashboard`);
    await expect.poll(regionName).toBe('平遥县');

    // the tiles show what was entered, and agree with the API
    const county = await api('GET', '/api/dashboard');
    const f = county.figures;
    await expect.poll(() => kpi('residents')).toBe(3);
    expect(await kpi('keyPersons')).toBe(f.keyPersons); // the returnee, and the case if tracing tags it
    expect(f.keyPersons).toBeGreaterThanOrEqual(1);
    expect(await kpi('isolation')).toBe(f.inIsolationHome + f.inIsolationCentralised + f.inIsolationHospital);
    expect(await kpi('isolation')).toBeGreaterThanOrEqual(1);
    expect(await kpi('activeCases')).toBe(1);
    expect(await kpi('newCases')).toBe(1);
    expect(await kpi('fevers')).toBe(1);
    expect(await kpi('passages')).toBe(2);
    expect(await kpi('turnedBack')).toBe(1);
    await expect(page.locator('[data-testid="dashboard-region-risk"]').innerText()).resolves.toBe('高风险');
    await expect(page.locator('[data-testid="dashboard-live"]').getAttribute('data-state')).resolves.toBe('live');
    await expect(page.locator(`[data-testid="dashboard-child-${tree.gutao.id}"]`).innerText()).resolves.toContain(
      '高风险',
    );

    // drill down by the table's row, and back up by the breadcrumb
    await page.locator(`[data-testid="dashboard-child-${tree.duancun.id}"]`).click();
    await expect.poll(regionName).toBe('段村镇');
    expect(page.url()).toContain(`region=${tree.duancun.id}`);
    expect(await kpi('residents')).toBe(1);
    await page.locator(`[data-testid="dashboard-crumb-${tree.county.id}"]`).click();
    await expect.poll(regionName).toBe('平遥县');

    // drill down by clicking the treemap: the largest block (古陶镇) is laid out top left, its name strip on top
    const treemap = page.locator(`[data-testid="dashboard-treemap"][data-drawn="${tree.county.id}"]`);
    await treemap.locator('canvas').waitFor();
    const box = (await treemap.boundingBox())!;
    await page.mouse.click(box.x + 40, box.y + 10);
    await expect.poll(regionName).toBe('古陶镇');
    expect(page.url()).toContain(`region=${tree.gutao.id}`);
    expect(await kpi('passages')).toBe(2);
    // the drilled-down screen can be bookmarked: a reload keeps the region
    await page.reload();
    await expect.poll(regionName).toBe('古陶镇');
    await expect(page.locator('[data-testid="dashboard-breadcrumb"]').innerText()).resolves.toContain('平遥县');
    await page.locator(`[data-testid="dashboard-crumb-${tree.county.id}"]`).click();
    await expect.poll(regionName).toBe('平遥县');
    await expect.poll(() => kpi('passages')).toBe(2);

    // a new passage, then the roll-ups refresh: the screen follows through the stream, without a reload
    await page.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
    });
    await expect.poll(() => page.locator('[data-testid="dashboard-live"]').getAttribute('data-state')).toBe('live');
    await passage(36.6, 'pass');
    await refresh();
    await expect.poll(() => kpi('passages'), { timeout: 45_000, interval: 500 }).toBe(3);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await expect(page.locator(`[data-testid="dashboard-child-${tree.gutao.id}"] td`).last().innerText()).resolves.toBe(
      '3',
    );

    await page.waitForTimeout(800); // let the charts finish their update animation before the picture
    const file = await screenshot(page, 'dashboard-1920');
    expect(fs.statSync(file).size).toBeGreaterThan(50_000);

    // a laptop: the same canvas, scaled down to fit
    await page.setViewportSize({ width: 1366, height: 768 });
    await expect
      .poll(async () => (await page.locator('[data-testid="dashboard"]').boundingBox())!.width)
      .toBeLessThanOrEqual(1366);
    const laptop = await screenshot(page, 'dashboard-1366');
    expect(fs.statSync(laptop).size).toBeGreaterThan(30_000);
  });

  it('shows party members and call-outs in the mobilisation panel, by region on demand, and drills down', async () => {
    await page.setViewportSize({ width: 1920, height: 1080 });
    const branch = await api('POST', '/api/party/organisations', {
      kind: 'branch',
      name: '东城村党支部',
      unitName: '东城村',
      unitType: 'village',
      regionId: tree.dongcheng.id,
    });
    const personIds: string[] = [];
    for (const [name, first17] of [
      ['张党员', '14072819800101011'],
      ['李党员', '14072819850202012'],
    ] as const) {
      const m = await api('POST', '/api/party/members', {
        name,
        idNumber: id(first17),
        organisationId: branch.id,
        category: 'full',
      });
      personIds.push(m.personId);
    }
    await api('POST', '/api/callouts/teams', {
      name: '古陶镇党员突击队',
      kind: 'commando',
      regionId: tree.gutao.id,
      leader: { personId: personIds[0] },
    });
    await refresh();
    await page.goto(`${server.url}/dashboard`);
    await expect.poll(regionName).toBe('平遥县');
    const cell = (m: string) =>
      page
        .locator(`[data-testid="dashboard-mobilisation-${m}"] [data-value]`)
        .getAttribute('data-value', { timeout: 5000 })
        .then(Number);
    await expect.poll(() => cell('partyMembers')).toBe(2);
    expect(await cell('callouts')).toBe(0);
    await expect(page.locator('[data-testid="dashboard-mobilisation"]').innerText()).resolves.toContain('党员人数');

    await page.locator('[data-testid="dashboard-mobilisation-children"]').click();
    const row = page.locator('[data-testid="dashboard-mobilisation-table"] tr[data-name="古陶镇"]');
    await expect(row.locator('td').nth(2).innerText({ timeout: 5000 })).resolves.toBe('2');
    await row.click();
    await expect.poll(regionName).toBe('古陶镇');
    // the view by region stays on while drilling: 古陶镇's villages, 东城村 with the branch's two members
    const village = page.locator('[data-testid="dashboard-mobilisation-table"] tr[data-name="东城村"]');
    await expect(village.locator('td').nth(2).innerText({ timeout: 5000 })).resolves.toBe('2');
    await page.locator('[data-testid="dashboard-mobilisation-total"]').click();
    await expect.poll(() => cell('partyMembers')).toBe(2);
    await expect.poll(() => cell('commandoTeams')).toBe(1);
  });
});
