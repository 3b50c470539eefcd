/**
 * A phone's first screen on a weak signal (issue 18): a grid worker opens the login page, logs in and
 * lands on their home (the field screen), in a fresh browser (nothing cached), against the built UI
 * (dist/web: `npx vite build` first) served by the real server over the small demo county
 * (bench/main.ts runs it; alone: `node bin/run-ts.mjs bench/first-screen.ts [--quick]`).
 *   first_load_kb     kilobytes received (bodies and headers, as Chromium counts them on the wire) from
 *                     opening /login to the field screen ready, with the encodings Chromium offers
 *                     (it offers brotli to localhost and to HTTPS sites, gzip only to plain HTTP).
 *                     Goal < 400 KB. Baseline: the same pages served uncompressed (the browser asks
 *                     for `Accept-Encoding: identity`), in the same run. Also first_load_kb_gzip: the
 *                     same with gzip only, as a county LAN served over plain HTTP gets it.
 *   first_screen_ms   ms from opening /login to the field screen ready (the login typed as soon as
 *                     the form shows), with 4× CPU slowdown and DevTools' "Slow 3G" network
 *                     (400 kbit/s down and up, 2 s latency) through CDP. Median of 3 (quick: 1) against
 *                     the same served uncompressed, alternated.
 */
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { buildApp, WEB_DIST } from '../src/server/app';
import { ManualClock } from '../src/server/clock';
import { loadConfig } from '../src/server/config';
import { buildDemo, DEMO_PASSWORD } from '../src/server/demo/demo.service';
import { chooseChromium } from '../e2e/browser';
import { databaseFactory, type DatabaseFactory } from './databases';
import { emit, log, median } from './stats';

/** DevTools' "Slow 3G" preset: 500 kbit/s × 0.8 each way, 400 ms × 5 latency. */
const SLOW_3G = {
  offline: false,
  latency: 2000,
  downloadThroughput: (500 * 1024 * 0.8) / 8,
  uploadThroughput: (500 * 1024 * 0.8) / 8,
};
const GRID_WORKER = 'grid0001';

type Encoding = 'br' | 'gzip' | 'identity';

interface Visit {
  bytes: number;
  ms: number;
}

/** One cold visit: /login → log in → the field screen, in a new browser context (empty cache). */
async function visit(browser: Browser, url: string, encoding: Encoding, slow: boolean): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    if (encoding !== 'br') {
      // Chromium offers br to loopback; ask as a plain-HTTP site's visitor (gzip) or for nothing.
      await cdp.send('Network.setExtraHTTPHeaders', {
        headers: { 'Accept-Encoding': encoding === 'gzip' ? 'gzip, deflate' : 'identity' },
      });
    }
    if (slow) {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
    }
    let bytes = 0;
    cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
      bytes += event.encodedDataLength;
    });
    const started = performance.now();
    await page.goto(`${url}/login`, { timeout: 300_000 });
    await page.locator('#login-username').fill(GRID_WORKER, { timeout: 300_000 });
    await page.locator('#login-password').fill(DEMO_PASSWORD);
    await page.locator('#login-submit').click();
    await page.locator('[data-testid="field-search"]').waitFor({ timeout: 300_000 });
    const ms = performance.now() - started;
    // the last responses' loadingFinished events may trail the paint by a moment
    await page.waitForLoadState('networkidle', { timeout: 60_000 }).catch(() => {});
    return { bytes, ms };
  } finally {
    await context.close();
  }
}

export interface FirstScreenResult {
  kb: { br: number; gzip: number; identity: number };
  ms: { compressed: number; identity: number };
}

export async function runFirstScreen(factory: DatabaseFactory, repeats: number): Promise<FirstScreenResult | null> {
  if (!fs.existsSync(path.join(WEB_DIST, 'index.html'))) {
    log('first screen: skipped — dist/web is missing (npx vite build)');
    return null;
  }
  const database = await factory.fresh();
  const clock = new ManualClock(new Date());
  let browser: Browser | null = null;
  const app = await buildApp({
    db: database.db,
    config: loadConfig({ QUNFANG_DEMO: 'none', LOG_LEVEL: 'silent' }),
    clock,
    serveWeb: true,
  });
  try {
    await buildDemo(database.db, clock, { scale: 'small' });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const choice = await chooseChromium();
    browser = await chromium.launch({
      executablePath: choice.executablePath,
      env: { ...process.env, ...choice.env } as Record<string, string>,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-quic'],
    });
    // bytes: one unthrottled visit each (the count does not depend on the speed)
    const kb = {
      br: (await visit(browser, url, 'br', false)).bytes / 1024,
      gzip: (await visit(browser, url, 'gzip', false)).bytes / 1024,
      identity: (await visit(browser, url, 'identity', false)).bytes / 1024,
    };
    const compressed: number[] = [];
    const identity: number[] = [];
    for (let i = 0; i < repeats; i++) {
      compressed.push((await visit(browser, url, 'br', true)).ms);
      identity.push((await visit(browser, url, 'identity', true)).ms);
      log(
        `first screen ${i + 1}/${repeats}: ${compressed.at(-1)!.toFixed(0)} ms compressed, ${identity.at(-1)!.toFixed(0)} ms uncompressed`,
      );
    }
    return { kb, ms: { compressed: median(compressed), identity: median(identity) } };
  } finally {
    await browser?.close();
    await app.close();
    await database.close();
  }
}

export async function benchFirstScreen(factory: DatabaseFactory, quick: boolean): Promise<void> {
  const result = await runFirstScreen(factory, quick ? 1 : 3);
  if (!result) return;
  log(
    `first screen: ${result.kb.br.toFixed(0)} KB brotli, ${result.kb.gzip.toFixed(0)} KB gzip, ${result.kb.identity.toFixed(0)} KB uncompressed`,
  );
  emit('first_load_kb', result.kb.br, 'KB', result.kb.identity);
  emit('first_load_kb_gzip', result.kb.gzip, 'KB', result.kb.identity);
  emit('first_screen_ms', result.ms.compressed, 'ms', result.ms.identity);
}

if (process.argv[1]?.endsWith('first-screen.ts')) {
  const factory = await databaseFactory('sqlite');
  try {
    await benchFirstScreen(factory, process.argv.includes('--quick'));
  } finally {
    await factory.shutdown();
  }
}
