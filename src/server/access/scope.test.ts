import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, randomUUID } from 'node:crypto';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../testing/factories';
import type { Database } from '../db/database';

/**
 * The jurisdiction guarantee, tested by brute force: a grid worker of grid A calls EVERY registered
 * route, with every id and query parameter pointed at grid B, and nothing of grid B comes back and
 * nothing at all changes. A new route is covered the moment it is registered.
 */
let t: TestApp;
let worker: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
let markers: string[];
let targetIds: string[];
let raiseGridBAlert: () => Promise<void>;

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'worker_a', 'grid', tree.gridA);
  const userB = await makeUser(t.db, t.clock, 'worker_b', 'grid', tree.gridB, { phone: '13955556666' });
  const admin = await t.login('admin', ADMIN_PASSWORD);
  const respB = (
    await admin.post('/api/responsibilities', {
      regionId: tree.gridB.id,
      personName: '西城责任人',
      post: '网格长',
      phone: '13877778888',
    })
  ).json();
  await admin.post('/api/responsibilities', { regionId: tree.gridA.id, personName: '东城责任人', post: '网格长' });
  const householdB = (
    await admin.post('/api/households', { regionId: tree.buildingB.id, room: '西城9号', phone: '13566667777' })
  ).json();
  const personB = (
    await admin.post('/api/persons', {
      name: '西城居民',
      idNumber: '11010519491231002X',
      phone: '13644445555',
      householdId: householdB.id,
      relation: 'head',
      tags: ['returnee'],
    })
  ).json().person;
  const dupB = (
    await admin.post('/api/persons', {
      name: '西城居民',
      phone: '13644445555',
      householdId: householdB.id,
      confirmNotDuplicate: true,
    })
  ).json().person;
  const mergeB = (await admin.post(`/api/persons/${personB.id}/merge`, { duplicateId: dupB.id })).json();
  const roundB = (
    await admin.post('/api/screening/rounds', {
      name: '西城排查',
      startDate: '2020-01-26',
      endDate: '2020-01-31',
      regionIds: [tree.xicheng.id],
    })
  ).json();
  const visitB = (
    await admin.post('/api/screening/visits', {
      roundId: roundB.id,
      householdId: householdB.id,
      outcome: 'refer',
      checks: [{ personId: personB.id, present: true, temperature: 38.6 }],
    })
  ).json();
  const alertB = (await admin.get('/api/alerts')).json().items[0];
  raiseGridBAlert = async () => {
    await admin.post('/api/screening/visits', {
      roundId: roundB.id,
      householdId: householdB.id,
      outcome: 'key_person',
      checks: [{ personId: personB.id, present: true, temperature: 39.1 }],
    });
  };
  const siteB = (
    await admin.post('/api/checkpoints/sites', {
      name: '西城卡口',
      kind: 'village_entrance',
      regionId: tree.gridB.id,
      leadPhone: '13311112222',
    })
  ).json();
  const passageB = randomUUID();
  await admin.post('/api/checkpoints/passages', {
    id: passageB,
    siteId: siteB.id,
    direction: 'in',
    plate: '晋C99999',
    decision: 'pass',
    occupants: [{ name: '西城过客', temperature: 36.5 }],
  });
  await admin.post('/api/checkpoints/shifts/plan', { siteId: siteB.id, fromDay: '2020-01-25', days: 1 });
  const shiftB = (
    await admin.get(`/api/checkpoints/roster?siteId=${siteB.id}&from=2020-01-24T00:00:00Z&to=2020-01-27T00:00:00Z`)
  ).json().items[0];
  const assignmentB = (await admin.post(`/api/checkpoints/shifts/${shiftB.id}/assign`, { name: '西城值班员' })).json();
  const isoSiteB = (
    await admin.post('/api/isolation/sites', {
      name: '西城隔离点',
      regionId: tree.xicheng.id,
      contactName: '西城联系人',
      contactPhone: '13722223333',
    })
  ).json();
  await admin.post(`/api/isolation/sites/${isoSiteB.id}/rooms`, { labels: ['西101'] });
  const roomB = (await admin.get(`/api/isolation/sites/${isoSiteB.id}`)).json().rooms[0];
  const episodeB = (
    await admin.post('/api/isolation/episodes', { personId: personB.id, kind: 'home', reason: 'hubei_returnee' })
  ).json();
  const slotB = (await admin.get(`/api/isolation/episodes/${episodeB.id}`)).json().slots[0];
  const necessityB = (
    await admin.post(`/api/isolation/episodes/${episodeB.id}/necessities`, { kind: 'food', detail: '西城求助' })
  ).json();
  const zeroReportB = (
    await admin.post('/api/zero-reports', { unitType: 'checkpoint_site', unitId: siteB.id, remarks: '西城卡口零报告' })
  ).json().report;
  const zeroVillageB = (
    await admin.post('/api/zero-reports', { unitType: 'village', unitId: tree.xicheng.id, remarks: '西城村零报告' })
  ).json().report;
  const caseB = (
    await admin.post('/api/cases', { personId: personB.id, classification: 'confirmed', reportDate: '2020-01-25' })
  ).json();
  await admin.post(`/api/cases/${caseB.id}/contacts`, { accept: [{ personId: dupB.id, exposureType: 'household' }] });
  const noticeB = (
    await admin.post('/api/seek-notices', {
      title: '西城寻人',
      body: '西城通告正文',
      hotline: '0354-1111111',
      regionId: tree.xicheng.id,
      kind: 'vehicle',
      plate: '晋C99999',
      windowFrom: '2020-01-24T00:00:00Z',
      windowTo: '2020-01-26T00:00:00Z',
    })
  ).json();
  const noticeDocB = (
    await admin.post('/api/notices', {
      kind: 'internal',
      title: '西城内部通知',
      body: '西城通知正文',
      regionId: tree.xicheng.id,
      publish: true,
    })
  ).json();
  await (await t.login('worker_b', PASSWORD)).post(`/api/notices/${noticeDocB.id}/read`);
  const announcementB = (
    await admin.post('/api/notices', {
      kind: 'public',
      title: '西城公告草稿',
      body: '西城公告正文',
      regionId: tree.xicheng.id,
    })
  ).json();
  const gatheringB = (
    await admin.post('/api/gatherings', {
      regionId: tree.gridB.id,
      occasion: 'wedding',
      hostName: '西城主家',
      hostPhone: '13688889999',
      date: '2020-01-28',
      place: '西城广场',
      expectedGuests: 120,
    })
  ).json();
  const gatheringVisitB = (
    await admin.post(`/api/gatherings/${gatheringB.id}/visits`, { result: '西城劝导记录', agreed: true })
  ).json();
  expect([noticeDocB, announcementB, gatheringB, gatheringVisitB].map((x) => typeof x.id)).toEqual([
    'string',
    'string',
    'string',
    'string',
  ]);
  const dispatchB = (await admin.post('/api/dispatches', { slot: 'morning' })).json();
  const dispatchItemB = dispatchB.items.find((i: { regionPath: string }) => i.regionPath.startsWith(tree.xicheng.path));
  expect(typeof dispatchItemB.id).toBe('string');
  const dailyReportB = (await admin.post('/api/daily-reports/draft', { regionId: tree.xicheng.id })).json();
  expect(
    (
      await admin.request({
        method: 'PUT',
        url: `/api/daily-reports/${dailyReportB.id}`,
        payload: { assessment: '西城村日报研判' },
      })
    ).statusCode,
  ).toBe(200);
  worker = await t.login('worker_a', PASSWORD);
  targetIds = [
    dailyReportB.id,
    dispatchB.id,
    dispatchItemB.id,
    noticeDocB.id,
    announcementB.id,
    gatheringB.id,
    gatheringVisitB.id,
    caseB.id,
    noticeB.id,
    zeroReportB.id,
    zeroVillageB.id,
    isoSiteB.id,
    roomB.id,
    episodeB.id,
    slotB.id,
    necessityB.id,
    siteB.id,
    passageB,
    shiftB.id,
    assignmentB.id,
    tree.gridB.id,
    tree.buildingB.id,
    tree.xicheng.id,
    userB.id,
    respB.id,
    householdB.id,
    personB.id,
    dupB.id,
    mergeB.id,
    roundB.id,
    visitB.id,
    alertB.id,
  ];
  markers = [
    tree.gridB.id,
    tree.gridB.code,
    tree.gridB.name,
    tree.buildingB.id,
    tree.buildingB.code,
    tree.buildingB.name,
    userB.id,
    'worker_b',
    '13955556666',
    respB.id,
    '西城责任人',
    '13877778888',
    householdB.id,
    '西城9号',
    '13566667777',
    personB.id,
    dupB.id,
    '西城居民',
    '11010519491231002X',
    '13644445555',
    mergeB.id,
    roundB.id,
    '西城排查',
    visitB.id,
    alertB.id,
    '38.6',
    '39.1',
    zeroReportB.id,
    zeroVillageB.id,
    '西城卡口零报告',
    '西城村零报告',
    caseB.id,
    noticeB.id,
    '西城寻人',
    '西城通告正文',
    isoSiteB.id,
    '西城隔离点',
    '西城联系人',
    '13722223333',
    roomB.id,
    '西101',
    episodeB.id,
    slotB.id,
    necessityB.id,
    '西城求助',
    siteB.id,
    '西城卡口',
    '13311112222',
    passageB,
    '晋C99999',
    '西城过客',
    shiftB.id,
    assignmentB.id,
    '西城值班员',
    noticeDocB.id,
    '西城内部通知',
    '西城通知正文',
    announcementB.id,
    announcementB.slug,
    '西城公告草稿',
    '西城公告正文',
    gatheringB.id,
    '西城主家',
    '13688889999',
    '西城广场',
    gatheringVisitB.id,
    '西城劝导记录',
    dispatchB.id,
    dispatchItemB.id,
    dailyReportB.id,
    '西城村日报研判',
  ];
});
afterAll(async () => t.close());

/** A digest of every table a request could change (sessions and the audit log change by design). */
async function snapshot(): Promise<string> {
  const tables: (keyof Database)[] = [
    'regions',
    'users',
    'responsibilities',
    'households',
    'persons',
    'person_tags',
    'person_merges',
    'settings',
    'screening_rounds',
    'screening_round_regions',
    'screening_visits',
    'screening_checks',
    'screening_household_status',
    'alerts',
    'checkpoint_sites',
    'duty_shifts',
    'duty_assignments',
    'passages',
    'passage_occupants',
    'isolation_sites',
    'isolation_rooms',
    'isolation_episodes',
    'follow_up_slots',
    'necessity_requests',
    'zero_reports',
    'zero_report_versions',
    'cases',
    'case_history',
    'contacts',
    'seek_notices',
    'seek_found',
    'seek_reports',
    'notices',
    'notice_reads',
    'gatherings',
    'gathering_visits',
    'dispatches',
    'dispatch_items',
    'daily_reports',
    'daily_report_versions',
  ];
  const hash = createHash('sha256');
  for (const table of tables) {
    const rows = await t.db.selectFrom(table).selectAll().execute();
    const stable = rows
      .map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).filter(([k]) => k !== 'last_login_at'))))
      .sort();
    hash.update(table + stable.join('\n'));
  }
  return hash.digest('hex');
}

/** A body that aims every field a route might read at grid B. */
function hostileBody(id: string) {
  return {
    parentId: id,
    regionId: id,
    userId: id,
    level: 'building',
    name: '入侵',
    code: tree.gridB.code + '999',
    personName: '入侵者',
    post: 'x',
    username: 'intruder',
    displayName: 'x',
    role: 'grid',
    password: 'Intrude123',
    field: 'phone',
    countyCode: '140728',
    status: 'disabled',
    oldPassword: 'x',
    newPassword: 'Intrude123',
    personId: id,
    personIds: [id],
    householdId: id,
    siteId: id,
    roomId: id,
    observerId: id,
    episodeId: id,
    kind: 'home',
    reason: 'other',
    temperature: 36.5,
    condition: 'well',
    entries: [{ episodeId: id, temperature: 36.5, condition: 'well' }],
    action: 'fulfil',
    labels: ['X1'],
    unitType: 'village',
    unitId: tree.xicheng.id,
    deadline: '09:00',
    unitKinds: ['village'],
    classification: 'confirmed',
    reportDate: '2020-01-25',
    accept: [{ personId: id, exposureType: 'household' }],
    reject: [{ personId: id }],
    caseId: id,
    title: '入侵通告',
    body: '入侵',
    hotline: '110',
    plate: '晋C99999',
    windowFrom: '2020-01-24T00:00:00Z',
    windowTo: '2020-01-26T00:00:00Z',
    expected: 1,
    occasion: 'wedding',
    hostName: '入侵者',
    date: '2020-01-28',
    expectedGuests: 10,
    result: '入侵',
    agreed: true,
  };
}

function queriesFor(id: string): string[] {
  return [
    '',
    `?parentId=${id}`,
    `?under=${id}`,
    `?regionId=${id}`,
    `?entityId=${id}`,
    `?actorId=${id}`,
    `?q=${encodeURIComponent('西城')}`,
    `?q=xc`,
    '?q=5555',
    '?q=002X',
    '?tag=returnee',
    '?plate=晋C99999',
    `?siteId=${id}`,
    '?by=village',
    `?unitType=village&unitId=${tree.xicheng.id}`,
    `?unitType=checkpoint_site&unitId=${id}`,
    '?prefix=晋C',
    '?plate=晋C99999&prefix=晋',
    `?q=${tree.gridB.code}`,
    `?status=all&limit=1000`,
    `?level=grid&limit=1000`,
    '?from=2020-01-01&to=2020-12-31',
  ];
}

describe('jurisdiction: a grid worker of grid A, against grid B', () => {
  it('sees its own grid (the walk below is not vacuous)', async () => {
    expect((await worker.get(`/api/regions/${tree.gridA.id}`)).statusCode).toBe(200);
    expect((await worker.get('/api/regions/roots')).json().items.map((r: { id: string }) => r.id)).toEqual([
      tree.gridA.id,
    ]);
    const gaps = (await worker.get('/api/responsibilities/gaps')).json().items.map((r: { id: string }) => r.id);
    expect(gaps).toEqual([tree.buildingA.id]);
  });

  it('walks every registered route and gets nothing of grid B, and changes nothing', async () => {
    const routes = t.app.routeList.filter(
      (r) =>
        r.url.startsWith('/api/') && !r.url.startsWith('/api/docs') && r.method !== 'HEAD' && r.method !== 'OPTIONS',
    );
    expect(routes.length).toBeGreaterThanOrEqual(25);
    const before = await snapshot();
    const leaks: string[] = [];
    const streams: string[] = [];
    let calls = 0;
    for (const route of routes) {
      if (route.url === '/api/auth/logout') continue; // ends the walker's own session; covered in auth tests
      if (route.url.endsWith('/stream')) {
        streams.push(route.url);
        continue;
      }
      // Public pages answer only to their own unguessable token; a made-up one must reveal nothing.
      const urls = route.url.includes(':id')
        ? targetIds.map((id) => route.url.replace(':id', id))
        : [route.url.replace(':token', 'made-up-token-0000').replace(':slug', 'made-up-slug')];
      for (let i = 0; i < urls.length; i++)
        urls[i] = urls[i]!.replace(':action', 'publish').replace(':reportId', randomUUID());
      for (const url of urls) {
        const id = route.url.includes(':id') ? url.split('/')[3]! : tree.gridB.id;
        for (const query of route.method === 'GET' ? queriesFor(id) : ['']) {
          const res = await worker.request({
            method: route.method as 'GET',
            url: url + query,
            ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: hostileBody(id) }),
          });
          calls++;
          const body = res.body;
          for (const m of markers)
            if (body.includes(m)) leaks.push(`${route.method} ${url}${query} → ${res.statusCode} contains ${m}`);
          if (route.method !== 'GET' && res.statusCode < 400 && route.url !== '/api/auth/password') {
            leaks.push(`${route.method} ${url} → ${res.statusCode} (a change was accepted)`);
          }
        }
      }
    }
    expect(calls).toBeGreaterThan(100);
    expect(await snapshot()).toBe(before);
    // Live streams, over a real socket, while grid B raises a new alert.
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    for (const url of streams) {
      const controller = new AbortController();
      const res = await fetch(address + url, { headers: { cookie: worker.cookie! }, signal: controller.signal });
      await raiseGridBAlert();
      const reader = res.body!.getReader();
      let text = '';
      const stop = setTimeout(() => controller.abort(), 2500);
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          text += new TextDecoder().decode(value);
        }
      } catch {
        // aborted after the window
      }
      clearTimeout(stop);
      expect(text).toContain(': connected');
      for (const m of markers) if (text.includes(m)) leaks.push(`GET ${url} (stream) contains ${m}`);
    }
    expect(streams.length).toBeGreaterThan(0);
    expect(leaks).toEqual([]);
  }, 240_000); // over a thousand calls: about 30 s alone, several times that on a loaded 2-core machine

  it('a township cadre of 古陶镇 cannot reach 段村镇 either', async () => {
    await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
    const cadre = await t.login('gutao', PASSWORD);
    for (const url of [
      `/api/regions/${tree.duancun.id}`,
      `/api/regions?under=${tree.duancun.id}`,
      `/api/regions?parentId=${tree.duancun.id}`,
    ]) {
      expect((await cadre.get(url)).statusCode).toBe(404);
    }
    const all = (await cadre.get('/api/regions?limit=1000')).json().items.map((r: { name: string }) => r.name);
    expect(all).toContain('东城村');
    expect(all).not.toContain('段村');
    expect(all).not.toContain('平遥县');
    expect((await cadre.post(`/api/regions/${tree.duancunVillage.id}/retire`)).statusCode).toBe(404);
    expect((await cadre.post(`/api/regions/${tree.gutao.id}/retire`)).json().error.code).toBe('OUT_OF_SCOPE');
  });
});
