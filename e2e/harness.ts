import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildApp, WEB_DIST } from '../src/server/app';
import { systemClock } from '../src/server/clock';
import { loadConfig } from '../src/server/config';
import { ensureAdmin } from '../src/server/features/users/users.service';
import { testDb, testEngine, type TestDatabase } from '../src/server/testing/test-db';

export const ADMIN_PASSWORD = 'Admin12345';
export const RESULTS = path.resolve(import.meta.dirname, '../test-results');

/**
 * The real server with the built UI (dist/web, made by `npm test` before Vitest starts) over a
 * fresh database of this project's engine, listening on a free loopback port.
 */
export async function startServer(): Promise<TestDatabase & { url: string; stop(): Promise<void> }> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html')))
    throw new Error('dist/web is missing: run `npx vite build` (npm test does it first)');
  const database = await testDb();
  const clock = systemClock;
  await ensureAdmin(database.db, clock, ADMIN_PASSWORD);
  const app = await buildApp({
    db: database.db,
    config: loadConfig({ QUNFANG_DEMO: 'none', LOG_LEVEL: 'silent' }),
    clock,
    serveWeb: true,
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    ...database,
    url,
    async stop() {
      await app.close();
      await database.close();
    },
  };
}

/**
 * The Chromium chosen for this run (Debian's, else the one shipped in an npm package: see
 * browser.ts), headless, with the flags it needs as root on a machine without a network.
 */
export async function launchBrowser(): Promise<Browser> {
  const choice = inject('chromium');
  return chromium.launch({
    executablePath: choice.executablePath,
    env: { ...process.env, ...choice.env } as Record<string, string>,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, `${name}-${testEngine()}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Choose an option of an antd Select (`field`: the select's input, e.g. '#siteId'): open it, click the
 * option in the dropdown that is showing (closed dropdowns of earlier selects stay in the page), and
 * wait until the select shows it. On a loaded machine a click during the dropdown's opening animation
 * can be lost, so the pick is tried again (three times at most) rather than the test failing later on
 * an empty field.
 */
export async function chooseOption(page: Page, field: string, option: string): Promise<void> {
  // the select shows the chosen option's label as its text (the dropdown itself lives elsewhere in the page)
  const chosen = page
    .locator('.ant-select')
    .filter({ has: page.locator(field) })
    .filter({ hasText: option });
  for (let attempt = 1; ; attempt++) {
    await page.locator(field).click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
    try {
      await chosen.first().waitFor({ timeout: 5_000 });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

/**
 * Choose the household in the open person form: the option of the dropdown that is showing (a
 * closed dropdown of an earlier select stays in the page), and wait until the form holds it — on a
 * loaded machine a click during the dropdown's animation could leave the field empty.
 */
export async function chooseHousehold(page: Page, room: string): Promise<void> {
  const field = page.locator('#person-household');
  // a pick lost to the dropdown's animation is tried again (three times at most)
  for (let attempt = 1; ; attempt++) {
    await field.click();
    await field.fill(room);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: room }).first().click();
    try {
      // the form asks for the relation to the head once it holds a household
      await page.locator('#person-relation').waitFor({ timeout: 5_000 });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
    }
  }
}

/** Log in through the login form. */
export async function loginThroughForm(page: Page, url: string, username: string, password: string): Promise<void> {
  await page.goto(url + '/login');
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(password);
  await page.locator('#login-submit').click();
  await page.locator('[data-testid="current-user"]').waitFor();
}
