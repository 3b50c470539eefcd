import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Locator, Page } from 'playwright-core';
import { systemClock } from '../src/server/clock';
import { refreshRollups } from '../src/server/features/rollups/refresh.service';
import { makeTree, makeUser, PASSWORD } from '../src/server/testing/factories';
import { idCardCheckChar } from '../src/shared/validators';
import { ADMIN_PASSWORD, launchBrowser, loginThroughForm, startServer } from './harness';

/**
 * Stored script (issue 14): a township cadre renames regions, a grid worker names people, a site
 * and a notice with `<img src=x onerror=…>` in them. The command centre then opens every page that
 * shows those names — the big screen's treemap and share charts, the zero-report heatmap, the
 * chain graph, the region tree, the person list, the public announcement — hovering over every
 * chart so its tooltip draws the names. Nothing runs: no planted element exists, the handler never
 * fires, and the tooltips show the names as text. The pages raise no Content-Security-Policy
 * violation of their own (the policy does not break the UI), while the policy does stop an inline
 * handler, an inline script and eval planted on purpose.
 */
let server: Awaited<ReturnType<typeof startServer>>;
let browser: Browser;
let page: Page;
let cookie: string;
const ids: Record<string, string> = {};

const PAYLOAD = '<img src=x onerror=__xss=1>';
const planted = (name: string) => `${name}${PAYLOAD}`;
const id = (first17: string) => first17 + idCardCheckChar(first17);
const localDay = (days: number) => new Date(Date.now() + days * 86_400_000 + 8 * 3600_000).toISOString().slice(0, 10);

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(server.url + path, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json().catch(() => null)) as any;
  expect(res.status, `${method} ${path}: ${JSON.stringify(json)}`).toBeLessThan(300);
  return json;
}

/** Nothing planted ran or became an element; the page itself raised no CSP violation. */
async function expectNothingRan(where: string) {
  const state = await page.evaluate(() => ({
    xss: (window as unknown as { __xss?: number }).__xss ?? 0,
    planted: [...document.querySelectorAll('img')].filter((i) => i.getAttribute('src') === 'x').length,
    violations: (window as unknown as { __cspViolations: string[] }).__cspViolations,
  }));
  expect(state, where).toEqual({ xss: 0, planted: 0, violations: [] });
}

/**
 * Move the mouse over a chart in a grid of points and gather every tooltip text it shows (the
 * tooltip is a div ECharts puts inside the chart's container; the canvas has no text), until one
 * shows `until`.
 */
async function tooltipsOf(chart: Locator, columns: number, rows: number, until: string): Promise<string> {
  await chart.locator('canvas').first().waitFor();
  const box = (await chart.boundingBox())!;
  const seen = new Set<string>();
  sweep: for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      await page.mouse.move(box.x + ((c + 0.5) * box.width) / columns, box.y + ((r + 0.5) * box.height) / rows);
      await page.waitForTimeout(25);
      const text = (await chart.innerText()).trim();
      if (text) seen.add(text);
      if (text.includes(until)) break sweep;
    }
  }
  await page.mouse.move(0, 0);
  return [...seen].join('\n');
}

beforeAll(async () => {
  server = await startServer();
  const tree = await makeTree(server.db, systemClock);
  ids.duancunVillage = tree.duancunVillage.id;
  const chief = await makeUser(server.db, systemClock, 'zhihui01', 'command', tree.county);
  const login = await fetch(server.url + '/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

  // the names: regions at every level, a user, people, a checkpoint, a screening round, a notice
  for (const [region, name] of [
    [tree.gutao, '古陶镇'],
    [tree.duancun, '段村镇'],
    [tree.dongcheng, '东城村'],
    [tree.xicheng, '西城村'],
    [tree.gridA, '东城村第一网格'],
  ] as const) {
    await api('PATCH', `/api/regions/${region.id}`, { name: planted(name) });
  }
  await api('PATCH', `/api/users/${chief.id}`, { displayName: planted('指挥长') });
  const person = async (name: string, idNumber: string) =>
    (
      await api('POST', '/api/persons', {
        name: planted(name),
        idNumber: id(idNumber),
        regionId: tree.buildingA.id,
        confirmNotDuplicate: true,
      })
    ).person.id as string;
  ids.casePerson = await person('赵', '14072819800101101');
  ids.contact = await person('钱', '14072819850210102');
  const site = await api('POST', '/api/checkpoints/sites', {
    name: planted('古陶东卡口'),
    kind: 'village_entrance',
    regionId: tree.dongcheng.id,
  });
  await api('POST', '/api/checkpoints/passages', {
    id: randomUUID(),
    siteId: site.id,
    at: new Date(Date.now() - 5_000).toISOString(),
    direction: 'in',
    plate: '晋K12345',
    decision: 'pass',
    occupants: [{ name: planted('过路人'), phone: '13800000000', temperature: 36.5 }],
  });
  await api('POST', '/api/households', { regionId: tree.buildingA.id, room: '1号' });
  await api('POST', '/api/screening/rounds', {
    name: planted('第一轮'),
    startDate: localDay(-1),
    endDate: localDay(3),
    regionIds: [tree.gutao.id],
  });
  ids.case = (
    await api('POST', '/api/cases', { personId: ids.casePerson, classification: 'confirmed', reportDate: localDay(0) })
  ).id;
  await api('POST', `/api/cases/${ids.case}/contacts`, {
    accept: [{ personId: ids.contact, exposureType: 'household' }],
  });
  ids.notice = (
    await api('POST', '/api/notices', {
      kind: 'public',
      title: planted('通告'),
      body: planted('正文'),
      regionId: tree.county.id,
      publish: true,
    })
  ).slug;
  await refreshRollups(server.db, systemClock, 'Asia/Shanghai', { force: true });

  browser = await launchBrowser();
  const context = await browser.newContext({
    viewport: { width: 1920, height: 1080 },
    timezoneId: 'Asia/Shanghai',
    locale: 'zh-CN',
  });
  await context.addInitScript(() => {
    const w = window as unknown as { __cspViolations: string[] };
    w.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  page = await context.newPage();
  await loginThroughForm(page, server.url, 'zhihui01', PASSWORD);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a script planted in a name never runs', () => {
  it('the header and the region tree show the names as text', async () => {
    await expect(page.locator('[data-testid="current-user"]').innerText()).resolves.toContain(PAYLOAD);
    await page.goto(`${server.url}/regions`);
    await expect.poll(() => page.locator('main').innerText()).toContain(planted('古陶镇'));
    await expectNothingRan('regions');
  });

  it('the big screen: treemap, share charts and checkpoint flows draw the names as text in their tooltips', async () => {
    await page.goto(`${server.url}/dashboard`);
    await expect.poll(() => page.locator('[data-testid="dashboard-region-name"]').innerText()).toBe('平遥县');
    // (a township's own tooltip is on its thin name strip; its villages' blocks fill the rest)
    const treemap = await tooltipsOf(page.locator('[data-testid="dashboard-treemap"]'), 16, 8, planted('东城村'));
    expect(treemap).toContain(planted('东城村'));
    const zeroReports = await tooltipsOf(
      page.locator('[data-testid="dashboard-zero-reports"]'),
      4,
      31,
      planted('古陶镇'),
    );
    expect(zeroReports).toContain(planted('古陶镇'));
    const screening = await tooltipsOf(page.locator('[data-testid="dashboard-screening"]'), 4, 31, planted('古陶镇'));
    expect(screening).toContain(planted('古陶镇'));
    const sites = await tooltipsOf(page.locator('[data-testid="dashboard-sites"]'), 4, 8, planted('古陶东卡口'));
    expect(sites).toContain(planted('古陶东卡口'));
    await expectNothingRan('dashboard');
  });

  it('the zero-report heatmap names the townships as text', async () => {
    await page.goto(`${server.url}/zero-reports/status`);
    const text = await tooltipsOf(page.locator('[data-testid="zr-heatmap"]'), 24, 6, planted('古陶镇'));
    expect(text).toContain(planted('古陶镇'));
    await expectNothingRan('zero-report status');
  });

  it('the chain graph names the case and the contact as text', async () => {
    await page.goto(`${server.url}/cases/${ids.case}`);
    await page.getByRole('tab', { name: '传播链' }).click();
    const graph = page.locator('[data-testid="chain-graph"]');
    await graph.locator('canvas').waitFor();
    await page.waitForTimeout(3000); // the force layout settles
    // the nodes land where the force layout puts them: whichever person (or link) the sweep meets first
    const text = await tooltipsOf(graph, 32, 16, PAYLOAD);
    expect(
      [planted('赵'), planted('钱')].some((name) => text.includes(name)),
      text,
    ).toBe(true);
    await expectNothingRan('chain graph');
  });

  it('the person list and the public announcement show the names as text', async () => {
    await page.goto(`${server.url}/persons`);
    await expect.poll(() => page.locator('main').innerText()).toContain(planted('钱'));
    await expectNothingRan('persons');
    await page.goto(`${server.url}/a/${ids.notice}`);
    await expect.poll(() => page.locator('[data-testid="announcement-title"]').innerText()).toBe(planted('通告'));
    await expectNothingRan('public announcement');
  });
});

describe('names are counted in characters', () => {
  it('the rename form takes 60 × 𠮷 (120 UTF-16 units) as a 60-character name of at most 100', async () => {
    await page.goto(`${server.url}/regions/${ids.duancunVillage}`);
    await page.locator('[data-testid="region-detail-name"]', { hasText: '段村' }).waitFor();
    await page.locator('[data-testid="region-rename"]').click();
    const input = page.locator('#region-rename');
    await input.fill('𠮷'.repeat(60));
    await input.press('Enter');
    await expect.poll(async () => (await api('GET', `/api/regions/${ids.duancunVillage}`)).name).toBe('𠮷'.repeat(60));
    await expectNothingRan('regions');
  });
});

describe('the Content-Security-Policy', () => {
  it('is sent with the app, the public pages and the API, and forbids inline script', async () => {
    for (const path of ['/dashboard', '/login', `/a/${ids.notice}`, '/api/health']) {
      const res = await fetch(server.url + path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self';");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });

  it('stops an inline handler, an inline script and eval that reach the page anyway', async () => {
    await page.goto(`${server.url}/dashboard`);
    await page.locator('[data-testid="dashboard-region-name"]').waitFor();
    const result = await page.evaluate(async () => {
      const w = window as unknown as {
        __xss?: number;
        __inline?: number;
        __evaluated?: number;
        __cspViolations: string[];
      };
      document.body.insertAdjacentHTML(
        'beforeend',
        '<img id="planted" src="data:," onerror="window.__xss=1" onload="window.__xss=1">',
      );
      const script = document.createElement('script');
      script.textContent = 'window.__inline = 1';
      document.body.appendChild(script);
      // a string handed to setTimeout is eval: refused without 'unsafe-eval'
      (setTimeout as unknown as (code: string) => void)('window.__evaluated = 1');
      await new Promise((r) => setTimeout(r, 300));
      return {
        xss: w.__xss ?? 0,
        inline: w.__inline ?? 0,
        evaluated: w.__evaluated ?? 0,
        violations: w.__cspViolations.length,
      };
    });
    expect(result).toMatchObject({ xss: 0, inline: 0, evaluated: 0 });
    expect(result.violations).toBeGreaterThanOrEqual(3);
  });
});
