import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemClock } from '../src/server/clock';
import { makeRegion, makeTree, makeUser, PASSWORD } from '../src/server/testing/factories';
import { systemActor } from '../src/server/testing/test-app';
import { createHousehold } from '../src/server/features/residents/households.service';
import { registerPerson } from '../src/server/features/residents/persons.service';
import { PersonInput } from '../src/shared/residents';
import { idCardCheckChar } from '../src/shared/validators';
import { chooseHousehold, launchBrowser, loginThroughForm, screenshot, startServer } from './harness';

/**
 * 迁入申请 in the browser: a grid worker of 古陶镇 registers the ID number of a 段村 resident; the
 * form says "registered elsewhere" (nothing of the person shown) and files a transfer request; the
 * 段村 grid worker accepts it from the incoming list, and the requester sees it accepted.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let tree: Awaited<ReturnType<typeof makeTree>>;
let duanBuildingPath: string;
let wangId: string;
const WANG = '14072819800312011' + idCardCheckChar('14072819800312011');

beforeAll(async () => {
  server = await startServer();
  const { db } = server;
  tree = await makeTree(db, systemClock);
  const grid = await makeRegion(db, systemClock, tree.duancunVillage, 'grid', '段村第一网格');
  const building = await makeRegion(db, systemClock, grid, 'building', '3号院');
  duanBuildingPath = building.path;
  await makeUser(db, systemClock, 'gutao_grid', 'grid', tree.gridA);
  await makeUser(db, systemClock, 'duan_grid', 'grid', grid);
  await createHousehold(db, systemClock, systemActor, { regionId: tree.buildingA.id, room: '5号', vacant: false });
  const duanHousehold = await createHousehold(db, systemClock, systemActor, {
    regionId: building.id,
    room: '1号',
    vacant: false,
  });
  wangId = (
    await registerPerson(
      db,
      systemClock,
      systemActor,
      PersonInput.parse({
        name: '王五',
        idNumber: WANG,
        phone: '13900001111',
        householdId: duanHousehold.id,
        relation: 'head',
      }),
    )
  ).person.id;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function asUser(username: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1366, height: 860 } });
  await loginThroughForm(page, server.url, username, PASSWORD);
  return page;
}

describe('transfer requests in the browser', () => {
  it('the registration form says "registered elsewhere" without the person\'s data and files a transfer request', async () => {
    const page = await asUser('gutao_grid');
    await page.goto(server.url + '/persons');
    await page.locator('[data-testid="person-add"]').click();
    await page.locator('#person-name').fill('王五');
    await page.locator('#person-idNumber').fill(WANG);
    await chooseHousehold(page, '5号');
    await page.locator('[data-testid="person-submit"]').click();

    const elsewhere = page.locator('[data-testid="person-elsewhere"]');
    await elsewhere.waitFor();
    const text = await elsewhere.innerText();
    expect(text).toContain('已在其他辖区登记');
    for (const secret of ['段村', '1111']) expect(text).not.toContain(secret);
    await page.locator('[data-testid="transfer-reason"]').fill('已搬到东城村居住');
    await page.locator('[data-testid="transfer-request"]').click();
    await page.locator('[data-testid="person-elsewhere-pending"]').waitFor();
    await screenshot(page, 'transfer-requested');
    const person = await server.db
      .selectFrom('persons')
      .select(['name', 'region_path'])
      .where('id', '=', wangId)
      .executeTakeFirstOrThrow();
    expect(person).toEqual({ name: '王五', region_path: duanBuildingPath });
    await page.close();
  });

  it("the person's jurisdiction accepts it from its incoming list, and the requester sees it accepted", async () => {
    const page = await asUser('duan_grid');
    await page.locator('[data-testid="nav-persons"]').click();
    // one request waits for this jurisdiction: the persons page says so on its way in
    await expect
      .poll(() => page.locator('[data-testid="persons-transfers-waiting"] .ant-badge-count').innerText())
      .toBe('1');
    await page.locator('[data-testid="persons-transfers"]').click();
    const transfer = await server.db
      .selectFrom('person_transfers')
      .select('id')
      .where('person_id', '=', wangId)
      .executeTakeFirstOrThrow();
    const row = page.locator(`[data-testid="transfer-row-${transfer.id}"]`);
    await row.waitFor();
    await expect(row.innerText()).resolves.toContain('已搬到东城村居住');
    await expect(row.innerText()).resolves.toContain('3号院');
    await page.locator(`[data-testid="transfer-accept-${transfer.id}"]`).click();
    await page.locator('[data-testid="transfer-note"]').fill('核实已搬迁');
    await page.locator('[data-testid="transfer-decide-ok"]').click();
    await expect.poll(() => page.locator(`[data-testid="transfer-status-${transfer.id}"]`).innerText()).toBe('已同意');
    await screenshot(page, 'transfer-accepted');
    const person = await server.db
      .selectFrom('persons')
      .select('region_path')
      .where('id', '=', wangId)
      .executeTakeFirstOrThrow();
    expect(person.region_path).toBe(tree.buildingA.path);
    await page.close();

    const requester = await asUser('gutao_grid');
    await requester.goto(server.url + '/persons/transfers?box=outgoing');
    await expect
      .poll(() => requester.locator(`[data-testid="transfer-status-${transfer.id}"]`).innerText())
      .toBe('已同意');
    await expect(requester.locator(`[data-testid="transfer-row-${transfer.id}"]`).innerText()).resolves.not.toContain(
      '3号院',
    );
    await requester.close();
  });
});
