import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';
import { refreshRollups, rebuildRollups, rollupRefreshJob } from './refresh.service';

/**
 * Roll-ups and the big screen, on 24–26 January 2020 (Asia/Shanghai). Data entered through the API
 * shows up in the village, the township and the county after a refresh; closed days keep their
 * figures; a rebuild from history gives the same numbers; a township sees only its own subtree.
 */
let t: TestApp;
let tree: Awaited<ReturnType<typeof makeTree>>;
const TZ = 'Asia/Shanghai';
const id = (first17: string) => first17 + idCardCheckChar(first17);
const as = (username: string): Promise<Client> => t.login(username, username === 'admin' ? ADMIN_PASSWORD : PASSWORD);
const refresh = () => refreshRollups(t.db, t.clock, TZ, { force: true });
let siteId: string;

async function person(admin: Client, name: string, idNumber: string, regionId: string, tags: string[] = []) {
  const res = await admin.post('/api/persons', { name, idNumber, regionId, tags, confirmNotDuplicate: true });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().person as { id: string };
}

async function passage(admin: Client, at: string, temperature: number, decision = 'pass') {
  const res = await admin.post('/api/checkpoints/passages', {
    id: randomUUID(),
    siteId,
    at,
    direction: 'in',
    plate: '晋K12345',
    decision,
    // by name only: not linked to the registry (with a phone they would be registry persons and count as new persons)
    occupants: [
      { name: '过路人', temperature },
      { name: '同车人', temperature: 36.5 },
    ],
  });
  expect(res.statusCode, res.body).toBeLessThan(300);
}

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'duancun', 'township', tree.duancun);
  t.clock.set('2020-01-24T04:00:00Z'); // noon on the 24th
  const admin = await as('admin');
  const site = await admin.post('/api/checkpoints/sites', {
    name: '古陶东卡口',
    kind: 'village_entrance',
    regionId: tree.dongcheng.id,
  });
  expect(site.statusCode, site.body).toBe(201);
  siteId = site.json().id;
});
afterAll(async () => t.close());

describe('roll-ups and the big screen', () => {
  it('counts what was entered today in the village, its township and the county, and nothing in the other township', async () => {
    const admin = await as('admin');
    const a = await person(admin, '赵返乡', id('14072819900303003'), tree.buildingA.id, ['returnee', 'hubei_travel']);
    await person(admin, '钱居民', id('14072819800101002'), tree.buildingA.id);
    await person(admin, '孙段村', id('14072819700505001'), tree.duancunVillage.id);
    expect(
      (await admin.post('/api/isolation/episodes', { personId: a.id, kind: 'home', reason: 'hubei_returnee' }))
        .statusCode,
    ).toBe(201);
    await passage(admin, '2020-01-24T02:00:00Z', 38.1, 'referred');
    await passage(admin, '2020-01-24T03:00:00Z', 36.4, 'turned_back');
    await refresh();

    const res = await admin.get('/api/dashboard');
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.region.name).toBe('平遥县');
    expect(d.day).toBe('2020-01-24');
    expect(d.figures).toMatchObject({
      residents: 3,
      newPersons: 3,
      newReturnees: 1,
      returnees: 1,
      keyPersons: 1,
      inIsolationHome: 1,
      newIsolations: 1,
      passages: 2,
      peopleChecked: 4,
      checkpointFevers: 1,
      turnedBack: 1,
      referred: 1,
    });
    expect(d.region.risk).toBe('medium');
    expect(d.trend).toHaveLength(30);
    expect(d.trend.at(-1)).toMatchObject({ day: '2020-01-24', figures: { passages: 2 } });
    const gutao = d.children.find((c: any) => c.name === '古陶镇');
    const duancun = d.children.find((c: any) => c.name === '段村镇');
    expect(gutao.figures).toMatchObject({ residents: 2, passages: 2, inIsolationHome: 1 });
    expect(duancun.figures).toMatchObject({ residents: 1, passages: 0, inIsolationHome: 0 });
    expect(duancun.risk).toBe('low');
    expect(gutao.children.map((v: any) => [v.name, v.residents, v.inIsolation, v.risk])).toEqual([
      ['东城村', 2, 1, 'medium'],
      ['西城村', 0, 0, 'low'],
    ]);
    expect(d.sites).toEqual([
      expect.objectContaining({
        id: siteId,
        name: '古陶东卡口',
        passages: 2,
        people: 4,
        fevers: 1,
        turnedBack: 1,
        referred: 1,
      }),
    ]);
  });

  it('drills down to a village, and a township cannot see the other township', async () => {
    const gutao = await as('gutao');
    const mine = (await gutao.get('/api/dashboard')).json();
    expect(mine.region.name).toBe('古陶镇');
    expect(mine.breadcrumb.map((b: any) => b.name)).toEqual(['古陶镇']);
    const village = (await gutao.get(`/api/dashboard?region=${tree.dongcheng.id}`)).json();
    expect(village.region.name).toBe('东城村');
    expect(village.breadcrumb.map((b: any) => b.name)).toEqual(['古陶镇', '东城村']);
    expect(village.figures.residents).toBe(2);
    expect(village.children.map((g: any) => g.name)).toEqual(['东城村第一网格']);
    const other = await gutao.get(`/api/dashboard?region=${tree.duancun.id}`);
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('OUT_OF_SCOPE');
    expect((await gutao.get('/api/dashboard?days=3')).statusCode).toBe(400);
  });

  it('closes a day: tomorrow starts from zero flows, keeps the stocks, and yesterday keeps its figures', async () => {
    t.clock.set('2020-01-25T02:00:00Z');
    const admin = await as('admin');
    await passage(admin, '2020-01-25T01:30:00Z', 36.6);
    await refresh();
    const d = (await admin.get('/api/dashboard?days=7')).json();
    expect(d.day).toBe('2020-01-25');
    expect(d.figures).toMatchObject({ passages: 1, newPersons: 0, residents: 3, inIsolationHome: 1 });
    expect(d.yesterday).toMatchObject({ passages: 2, newPersons: 3, residents: 3 });
    expect(d.trend.map((p: any) => p.figures.passages)).toEqual([0, 0, 0, 0, 0, 2, 1]);
  });

  it('a rebuild from history gives the same figures', async () => {
    const admin = await as('admin');
    const before = (await admin.get('/api/dashboard?days=7')).json();
    await rebuildRollups(t.db, t.clock, TZ);
    const after = (await admin.get('/api/dashboard?days=7')).json();
    expect(after.trend).toEqual(before.trend);
    expect(after.children).toEqual(before.children);
    expect(after.sites).toEqual(before.sites);
    expect(Number(after.version)).toBeGreaterThan(Number(before.version));
    const other = await (await as('gutao')).post('/api/rollups/rebuild');
    expect(other.statusCode).toBe(403);
  });

  it('streams a new version when figures change', async () => {
    const admin = await as('admin');
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const controller = new AbortController();
    const res = await fetch(`${address}/api/dashboard/stream`, {
      headers: { cookie: admin.cookie! },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    const v0 = Number(/"version":"(\d+)"/.exec(first)![1]);
    await passage(admin, '2020-01-25T01:45:00Z', 36.6);
    await refresh();
    let text = '';
    while (!text.includes(`"version":"${v0 + 1}"`)) text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
  });

  it("the server's job rests after a refresh for nine times as long as it worked", async () => {
    const job = rollupRefreshJob(t.db, t.clock, TZ);
    expect(await job()).toMatchObject({ refreshed: true });
    expect(await job()).toEqual({ refreshed: false, resting: true });
  });
});
