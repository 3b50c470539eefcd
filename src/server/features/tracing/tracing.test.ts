import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { idCardCheckChar } from '../../../shared/validators';
import { expectAll } from '../../testing/expect-all';

/**
 * The seeds' bus story, played through the API: bus 晋C60695 brings 12 people home to Pingyao at
 * 20:03 on 20 January and passes a second checkpoint at 20:40; on 25 January one passenger is
 * confirmed. Candidates must include every co-passenger and household member; a seek notice is
 * published; two passengers the checkpoints knew only by name come forward through its public
 * page; every contact is isolated; the notice is closed.
 */
let t: TestApp;
let admin: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
const id = (first17: string) => first17 + idCardCheckChar(first17);
const CASE_ID = id('14072819800101101');
const passengers = Array.from({ length: 9 }, (_, i) => ({
  name: `乘客${i + 1}`,
  idNumber: id(`1407281985020${String(i + 10).padStart(2, '0')}${String(i).padStart(2, '0')}`),
}));
const UNNAMED = [{ name: '刘无证' }, { name: '陈无证' }];
const state: Record<string, string> = {};

async function person(name: string, idNumber: string, extra: Record<string, unknown> = {}) {
  const res = await admin.post('/api/persons', {
    name,
    idNumber,
    regionId: tree.buildingA.id,
    confirmNotDuplicate: true,
    ...extra,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().person.id as string;
}

async function passage(
  siteId: string,
  at: string,
  occupants: { name: string; idNumber?: string }[],
  plate = '晋C60695',
) {
  const res = await admin.post('/api/checkpoints/passages', {
    id: randomUUID(),
    siteId,
    at,
    direction: 'in',
    plate,
    vehicleType: 'bus',
    decision: 'pass',
    occupants: occupants.map((o) => ({ ...o, temperature: 36.5 })),
  });
  expect(res.statusCode, res.body).toBe(201);
}

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  t.clock.set('2020-01-20T15:00:00Z');
  admin = await t.login('admin', ADMIN_PASSWORD);
  const household = (
    await admin.post('/api/households', { regionId: tree.buildingA.id, room: '5号', phone: '13800005555' })
  ).json();
  state.household = household.id;
  state.casePerson = await person('赵确诊', CASE_ID, {
    householdId: household.id,
    relation: 'head',
    regionId: undefined,
  });
  state.wife = await person('钱家属', id('14072819820202102'), {
    householdId: household.id,
    relation: 'spouse',
    regionId: undefined,
  });
  state.son = await person('赵小儿', id('14072820100303103'), {
    householdId: household.id,
    relation: 'child',
    regionId: undefined,
  });
  // Someone registered in the county long before, who will come forward by ID number.
  state.resident = await person('刘无证', id('14072819750505105'), { phone: '13711112222' });
  const siteA = (
    await admin.post('/api/checkpoints/sites', { name: '平遥高速口', kind: 'highway_exit', regionId: tree.gutao.id })
  ).json();
  const siteB = (
    await admin.post('/api/checkpoints/sites', {
      name: '古陶镇东入口',
      kind: 'village_entrance',
      regionId: tree.gutao.id,
    })
  ).json();
  const bus = [{ name: '赵确诊', idNumber: CASE_ID }, ...passengers, ...UNNAMED];
  await passage(siteA.id, '2020-01-20T12:03:00Z', bus);
  await passage(siteB.id, '2020-01-20T12:40:00Z', bus);
  // The bus goes out again at 22:30 with a relief driver: same vehicle, within ±3 h, not with the case.
  await passage(siteB.id, '2020-01-20T14:30:00Z', [{ name: '替班司机', idNumber: id('14072819880808109') }]);
  // Another car at the same checkpoint at the same time: not a contact.
  await passage(siteA.id, '2020-01-20T12:04:00Z', [{ name: '路人甲', idNumber: id('14072819900909110') }], '晋K12345');
  t.clock.set('2020-01-25T07:55:00Z');
  admin = await t.login('admin', ADMIN_PASSWORD);
});
afterAll(async () => t.close());

describe('cases, contact tracing and the seek notice for bus 晋C60695', () => {
  it('records a confirmed case with its history, tags and alerts the command centre', async () => {
    const bad = await admin.post('/api/cases', {
      personId: state.casePerson,
      classification: 'confirmed',
      onsetDate: '2020-01-26',
      reportDate: '2020-01-25',
    });
    expect(bad.json().error.code).toBe('CASE_DATES_INVALID');
    const res = await admin.post('/api/cases', {
      personId: state.casePerson,
      classification: 'suspected',
      onsetDate: '2020-01-23',
      reportDate: '2020-01-25',
      treatedAt: '平遥县人民医院',
    });
    expect(res.statusCode, res.body).toBe(201);
    state.case = res.json().id;
    expect(res.json()).toMatchObject({
      personName: '赵确诊',
      classification: 'suspected',
      generation: 1,
      sourceCaseId: null,
    });
    expect(
      (
        await admin.post('/api/cases', {
          personId: state.casePerson,
          classification: 'confirmed',
          reportDate: '2020-01-25',
        })
      ).json().error.code,
    ).toBe('CASE_EXISTS');
    const changed = await admin.patch(`/api/cases/${state.case}`, { classification: 'confirmed' });
    expect(changed.json().classification).toBe('confirmed');
    const detail = (await admin.get(`/api/cases/${state.case}`)).json();
    expect(detail.history).toHaveLength(2);
    expect(detail.history[1].changes).toEqual({ classification: { from: 'suspected', to: 'confirmed' } });
    expect((await admin.get(`/api/persons/${state.casePerson}/case`)).json().case.id).toBe(state.case);
    expect((await admin.get(`/api/persons/${state.casePerson}`)).json().tags).toContain('key_person');
    const alert = (await admin.get('/api/alerts')).json().items[0];
    expect(alert).toMatchObject({ kind: 'case', sourceId: state.case });
  });

  it('proposes every co-passenger, household member and the relief driver, each with why — and no stranger', async () => {
    const res = await admin.get(`/api/cases/${state.case}/candidates`);
    expect(res.statusCode, res.body).toBe(200);
    const { items, outsideScope } = res.json();
    const byName = new Map(items.map((c: { name: string }) => [c.name, c]));
    for (const p of passengers) {
      const c = byName.get(p.name) as { reasons: { type: string; label: string }[] };
      expect(c.reasons.map((r) => r.type)).toEqual(['co_passenger', 'co_passenger']);
      expect(c.reasons[0]!.label).toContain('晋C60695');
    }
    expect((byName.get('钱家属') as { reasons: { type: string }[] }).reasons[0]!.type).toBe('household');
    expect(byName.has('赵小儿')).toBe(true);
    expect((byName.get('替班司机') as { reasons: { type: string }[] }).reasons.map((r) => r.type)).toEqual([
      'same_vehicle',
    ]);
    expect(byName.has('路人甲')).toBe(false);
    expect(byName.has('赵确诊')).toBe(false);
    // the two the checkpoints knew only by name are candidates too, not registered: one each, with both passages
    for (const name of ['刘无证', '陈无证']) {
      expect(byName.get(name)).toMatchObject({
        personId: null,
        reasons: [{ type: 'co_passenger' }, { type: 'co_passenger' }],
      });
      expect((byName.get(name) as { occupants: unknown[] }).occupants).toHaveLength(2);
    }
    expect(items).toHaveLength(9 + 2 + 1 + 2);
    expect(outsideScope).toBe(0);
  });

  it('journey: both checkpoints with co-travellers, and the case itself', async () => {
    const journey = (await admin.get(`/api/cases/${state.case}/journey`)).json().items;
    const trips = journey.filter((e: { type: string }) => e.type === 'passage');
    expect(trips.map((e: { place: string }) => e.place)).toEqual(['平遥高速口', '古陶镇东入口']);
    expect(trips[0].coTravellers).toHaveLength(11);
    expect(trips[0].facts).toMatchObject({ direction: 'in' });
    expect(journey.at(-1).type).toBe('case');
    // the API's words are Chinese, never a raw code; the web words `facts` in the reader's language
    for (const e of journey)
      expect(e.detail).not.toMatch(/\b(no_risk|key_person|refer|not_home|active|completed|confirmed|suspected)\b/);
  });

  it('a seek notice finds the registered passengers from the data; the public page takes reports, rate-limited and deduplicated', async () => {
    const res = await admin.post('/api/seek-notices', {
      title: '关于寻找晋C60695客车乘客的紧急通告',
      body: '1月20日晚乘坐晋C60695客车返回平遥的乘客，请立即与疾控中心联系。',
      hotline: '0354-5681234',
      regionId: tree.county.id,
      kind: 'vehicle',
      plate: '晋C 60695',
      windowFrom: '2020-01-20T19:00:00+08:00',
      windowTo: '2020-01-20T21:00:00+08:00',
      expected: 11,
      caseId: state.case,
    });
    expect(res.statusCode, res.body).toBe(201);
    const notice = res.json();
    state.notice = notice.id;
    expect(notice).toMatchObject({ status: 'draft', plate: '晋C60695', found: 9, confirmed: 9, expected: 11 });
    expect((await t.anonymous.get(`/api/public/seek-notices/${notice.slug}`)).statusCode).toBe(404);
    const published = await admin.post(`/api/seek-notices/${notice.id}/publish`);
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().status).toBe('published');
    const pub = (await t.anonymous.get(`/api/public/seek-notices/${notice.slug}`)).json();
    expect(pub).toMatchObject({ title: '关于寻找晋C60695客车乘客的紧急通告', hotline: '0354-5681234', open: true });
    expect(JSON.stringify(pub)).not.toContain('乘客1');

    const report = (body: Record<string, unknown>, ip: string) =>
      t.anonymous.request({
        method: 'POST',
        url: `/api/public/seek-notices/${notice.slug}/reports`,
        payload: body,
        remoteAddress: ip,
      });
    const a = await report(
      { name: '刘无证', phone: '13711112222', whereNow: '古陶镇家中', idNumber: id('14072819750505105'), seat: '7' },
      '10.0.0.1',
    );
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toEqual({ received: true });
    expect(
      (await report({ name: '刘无证', phone: '13711112222', whereNow: '古陶镇家中（已电话联系）' }, '10.0.0.1'))
        .statusCode,
    ).toBe(201);
    expect((await report({ name: '陈无证', phone: '13622223333', whereNow: '段村镇' }, '10.0.0.2')).statusCode).toBe(
      201,
    );
    expect((await report({ name: 'x', phone: '123', whereNow: '' }, '10.0.0.3')).json().error.code).toBe('VALIDATION');
    // Five reports an hour from one address to one notice; the sixth is refused and stores nothing.
    for (let i = 0; i < 5; i++)
      expect((await report({ name: `灌水${i}`, phone: `1390000000${i}`, whereNow: '?' }, '10.0.0.9')).statusCode).toBe(
        201,
      );
    const limited = await report({ name: '灌水', phone: '13900000009', whereNow: '?' }, '10.0.0.9');
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');

    const detail = (await admin.get(`/api/seek-notices/${notice.id}`)).json();
    const reports = detail.reports.filter((r: { name: string }) => !r.name.startsWith('灌水'));
    expect(reports).toHaveLength(2);
    expect(reports[0]).toMatchObject({
      name: '刘无证',
      status: 'pending',
      match: { personId: state.resident, by: 'id_number' },
      whereNow: '古陶镇家中（已电话联系）',
    });
    expect(reports[1].match).toBeNull();
    expect(
      (await admin.post(`/api/seek-notices/${notice.id}/reports/${reports[1].id}`, { action: 'confirm' })).json().error
        .code,
    ).toBe('VALIDATION');
    const confirmed = await admin.post(`/api/seek-notices/${notice.id}/reports/${reports[0].id}`, {
      action: 'confirm',
    });
    expect(confirmed.statusCode, confirmed.body).toBe(204);
    const registered = await admin.post(`/api/seek-notices/${notice.id}/reports/${reports[1].id}`, {
      action: 'confirm',
      register: true,
    });
    expect(registered.statusCode, registered.body).toBe(204);
    for (const spam of detail.reports.filter((r: { name: string }) => r.name.startsWith('灌水'))) {
      await admin.post(`/api/seek-notices/${notice.id}/reports/${spam.id}`, { action: 'reject' });
    }
    const afterRes = await admin.get(`/api/seek-notices/${notice.id}`);
    expect(afterRes.statusCode, afterRes.body).toBe(200);
    const after = afterRes.json();
    expect(after.notice).toMatchObject({ found: 11, confirmed: 11, expected: 11, pendingReports: 0 });
    state.reported = after.found
      .filter((f: { source: string }) => f.source === 'self_report')
      .map((f: { personId: string }) => f.personId)
      .join(',');
  });

  it('accepting all candidates and the two who came forward puts them into isolation in one action', async () => {
    // the two who came forward are registered now; their checkpoint records still name nobody
    const items = (await admin.get(`/api/cases/${state.case}/candidates`))
      .json()
      .items.filter((c: { personId: string | null }) => c.personId);
    expect(items).toHaveLength(12);
    const accept = [
      ...items.map(
        (c: {
          personId: string;
          reasons: { type: string; sourceType: string; sourceId: string; at: string | null }[];
        }) => ({
          personId: c.personId,
          exposureType: c.reasons[0]!.type,
          exposureDate: '2020-01-20',
          sourceType: c.reasons[0]!.sourceType,
          sourceId: c.reasons[0]!.sourceId,
        }),
      ),
      ...state.reported!.split(',').map((personId) => ({
        personId,
        exposureType: 'co_passenger',
        exposureDate: '2020-01-20',
        note: '寻人通告自报',
      })),
    ];
    const res = await admin.post(`/api/cases/${state.case}/contacts`, {
      accept,
      isolate: { kind: 'home', reason: 'close_contact' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ accepted: 14, rejected: 0, notIsolated: [] });
    expect(res.json().isolated).toHaveLength(14);
    const contacts = (await admin.get(`/api/cases/${state.case}/contacts`)).json().items;
    expect(contacts).toHaveLength(14);
    expectAll(contacts, (c: { isolation: { status: string } | null }) => c.isolation?.status === 'active');
    const notice = (await admin.get(`/api/seek-notices/${state.notice}`)).json();
    expectAll(notice.found, (f: { isolation: { status: string } | null }) => f.isolation?.status === 'active');
    const again = (await admin.get(`/api/cases/${state.case}/candidates`))
      .json()
      .items.filter((c: { personId: string | null }) => c.personId);
    expect(again.length).toBeGreaterThan(0);
    expectAll(again, (c: { decision: string; isolated: boolean }) => c.decision === 'accepted' && c.isolated);
  });

  it('a contact who becomes a case is the second generation; the chain graph links them', async () => {
    const second = await admin.post('/api/cases', {
      personId: state.wife,
      classification: 'confirmed',
      onsetDate: '2020-01-27',
      reportDate: '2020-01-28',
    });
    expect(second.json()).toMatchObject({ generation: 2, sourceCaseId: state.case });
    const graph = (await admin.get(`/api/tracing/graph?caseId=${state.case}`)).json();
    const cases = graph.nodes.filter((n: { kind: string }) => n.kind === 'case');
    expect(cases.map((n: { name: string; generation: number }) => [n.name, n.generation])).toEqual([
      ['赵确诊', 1],
      ['钱家属', 2],
    ]);
    expect(graph.links).toContainEqual({ source: state.case, target: second.json().id, exposureType: 'household' });
    expect(graph.nodes.filter((n: { kind: string }) => n.kind === 'contact')).toHaveLength(13);
    expect(new Set(graph.nodes.map((n: { cluster: number }) => n.cluster)).size).toBe(1);
  });

  it('closing the notice takes it off the public page; other jurisdictions see nothing', async () => {
    const slug = (await admin.get(`/api/seek-notices/${state.notice}`)).json().notice.slug;
    expect((await admin.post(`/api/seek-notices/${state.notice}/close`)).json().status).toBe('closed');
    const gone = await t.anonymous.get(`/api/public/seek-notices/${slug}`);
    expect(gone.statusCode).toBe(410);
    expect(gone.json().error.code).toBe('NOTICE_CLOSED');
    await makeUser(t.db, t.clock, 'duancun', 'township', tree.duancun);
    const other = await t.login('duancun', PASSWORD);
    expect((await other.get(`/api/cases/${state.case}`)).statusCode).toBe(404);
    expect((await other.get('/api/cases')).json().items).toHaveLength(0);
    expect((await other.get(`/api/seek-notices/${state.notice}`)).statusCode).toBe(404);
    expect((await other.get('/api/tracing/graph')).json().nodes).toHaveLength(0);
  });
});
