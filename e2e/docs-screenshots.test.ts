import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/server/app';
import { ManualClock } from '../src/server/clock';
import { loadConfig } from '../src/server/config';
import { buildDemo, DEMO_PASSWORD } from '../src/server/demo/demo.service';
import { ensureAdmin } from '../src/server/features/users';
import { testDb, type TestDatabase } from '../src/server/testing/test-db';
import { ADMIN_PASSWORD, launchBrowser, loginThroughForm, RESULTS } from './harness';

/**
 * The screenshots of the user guide (docs/guide/<feature>.md): the small demo county, each
 * feature's page opened by the demo user the page is written for, on 2 March 2020 at 11:30 in
 * Pingyao (server and browser clocks alike), weeks into the demo's January story: isolations under
 * way, today's zero and daily reports coming in. Every run checks that each page
 * renders (its table or panel is visible); only with DOCS_SCREENSHOTS=1 are the PNGs written to
 * docs/guide/img/, so an ordinary test run leaves the tree as it was.
 */
const WRITE = process.env.DOCS_SCREENSHOTS === '1';
const IMG = path.resolve(import.meta.dirname, '../docs/guide/img');
const DESKTOP = { width: 1280, height: 800 };
/** The grid worker's field screen and the checkpoint entry are used on a phone. */
const PHONE = { width: 390, height: 800 };

interface Shot {
  /** docs/guide/<feature>.md, docs/guide/img/<feature>.png */
  feature: string;
  username: string;
  path: string;
  /** What shows that the page rendered: its table, panel or heading. */
  ready: string;
  phone?: boolean;
  /** Charts animate in: wait for them to settle. */
  settleMs?: number;
  /** What the user does first, once the page has rendered. */
  prepare?: (page: Page) => Promise<void>;
}

const SHOTS: Shot[] = [
  { feature: 'residents', username: 'township04', path: '/persons', ready: '[data-testid^="person-row-"]' },
  { feature: 'screening', username: 'grid0001', path: '/field', ready: '[data-testid="field-progress"]', phone: true },
  {
    feature: 'checkpoints',
    username: 'checkpoint02',
    path: '/checkpoint',
    ready: '[data-testid="entry-site"]',
    phone: true,
    prepare: chooseFirstSite,
  },
  { feature: 'isolation', username: 'grid0001', path: '/isolation/today', ready: '[data-testid^="today-slot-"]' },
  { feature: 'tracing', username: 'command', path: '/cases', ready: '[data-testid="cases-table"] .ant-table-row' },
  {
    feature: 'zero-reports',
    username: 'command',
    path: '/zero-reports/status',
    ready: '[data-testid="zr-townships"]',
    settleMs: 1500,
  },
  {
    feature: 'daily-reports',
    username: 'command',
    path: '/daily-reports',
    ready: '[data-testid="dr-units"] .ant-table-row',
  },
  {
    feature: 'notices',
    username: 'command',
    path: '/notices',
    ready: '[data-testid="notices-inbox"]',
    prepare: openSentNotices,
  },
  {
    feature: 'gatherings',
    username: 'township04',
    path: '/gatherings',
    ready: '[data-testid="gatherings-table"] .ant-table-row',
  },
  { feature: 'dispatch', username: 'command', path: '/dispatch', ready: '[data-testid="dispatch-list"]' },
  {
    feature: 'command-centre',
    username: 'command',
    path: '/dashboard',
    ready: '[data-testid="dashboard-region-name"]',
    settleMs: 2500,
  },
  { feature: 'admin', username: 'admin', path: '/regions', ready: '[data-testid="region-detail"] .ant-table-row' },
  { feature: 'audit', username: 'admin', path: '/audit', ready: '[data-testid="audit-table"] .ant-table-row' },
];

const TZ = 'Asia/Shanghai';
const NOW = new Date('2020-03-02T03:30:00Z');

/** A PNG this size or more is too heavy for the docs. */
const MAX_PNG_BYTES = 250_000;

/** The crew picks its site on the entry screen (a crew of several sites is asked which). */
async function chooseFirstSite(page: Page): Promise<void> {
  await page.locator('[data-testid="entry-site"]').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
  await page.locator('[data-testid="entry-plate"]').waitFor({ state: 'visible' });
  // the list closes with an animation: shoot the entry form, not the fading list over it
  await expect.poll(() => page.locator('.ant-select-dropdown:visible').count()).toBe(0);
}

/** The command centre's own notices, with their read receipts. */
async function openSentNotices(page: Page): Promise<void> {
  await page.locator('[data-testid="notices-tab-sent"]').click();
  await page.locator('[data-testid="notices-sent"] .ant-table-row').first().waitFor({ state: 'visible' });
}

/**
 * Gradients compress badly in a PNG (the big screen's came to half a megabyte): for the docs each
 * becomes one flat colour, its most opaque stop.
 */
async function flattenGradients(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const el of document.querySelectorAll<HTMLElement>('*')) {
      const image = getComputedStyle(el).backgroundImage;
      if (!image.includes('gradient')) continue;
      const stops = [...image.matchAll(/rgba?\(([^)]*)\)/g)].map((m) => ({
        colour: m[0],
        alpha: Number(m[1]!.split(',')[3] ?? 1),
      }));
      el.style.backgroundImage = 'none';
      const opaque = stops.sort((a, b) => b.alpha - a.alpha)[0];
      if (opaque) el.style.backgroundColor = opaque.colour;
    }
  });
}

let database: TestDatabase;
let app: FastifyInstance;
let url: string;
let browser: Browser;

/** The harness's startServer, with the demo's clock instead of the system's. */
beforeAll(async () => {
  database = await testDb();
  const clock = new ManualClock(NOW);
  await ensureAdmin(database.db, clock, ADMIN_PASSWORD);
  await buildDemo(database.db, clock, { scale: 'small', timeZone: TZ });
  app = await buildApp({
    db: database.db,
    config: loadConfig({ QUNFANG_DEMO: 'none', LOG_LEVEL: 'silent', QUNFANG_TZ: TZ }),
    clock,
    serveWeb: true,
  });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchBrowser();
}, 600_000);
afterAll(async () => {
  await browser?.close();
  await app?.close();
  await database?.close();
});

async function open(shot: Shot): Promise<Page> {
  const viewport = shot.phone ? PHONE : DESKTOP;
  const context = await browser.newContext({
    viewport,
    isMobile: shot.phone ?? false,
    hasTouch: shot.phone ?? false,
    timezoneId: TZ,
    locale: 'zh-CN',
  });
  await context.clock.setFixedTime(NOW);
  const page = await context.newPage();
  await loginThroughForm(page, url, shot.username, shot.username === 'admin' ? ADMIN_PASSWORD : DEMO_PASSWORD);
  await page.goto(url + shot.path);
  return page;
}

describe('the user guide screenshots (DOCS_SCREENSHOTS=1 writes docs/guide/img/)', () => {
  for (const shot of SHOTS) {
    it(`${shot.feature}: ${shot.username} opens ${shot.path}`, async () => {
      const page = await open(shot);
      try {
        const ready = page.locator(shot.ready).first();
        await ready.waitFor({ state: 'visible' }).catch(async (err) => {
          fs.mkdirSync(RESULTS, { recursive: true });
          await page.screenshot({ path: path.join(RESULTS, `docs-${shot.feature}-failed.png`) });
          throw err;
        });
        await expect(ready.isVisible()).resolves.toBe(true);
        await expect.poll(() => page.locator('.ant-spin-spinning').count()).toBe(0);
        await shot.prepare?.(page);
        if (shot.settleMs) await page.waitForTimeout(shot.settleMs);
        if (!WRITE) return;
        fs.mkdirSync(IMG, { recursive: true });
        await flattenGradients(page);
        const file = path.join(IMG, `${shot.feature}.png`);
        await page.screenshot({ path: file });
        expect(fs.statSync(file).size).toBeLessThan(MAX_PNG_BYTES);
      } finally {
        await page.context().close();
      }
    });
  }
});
