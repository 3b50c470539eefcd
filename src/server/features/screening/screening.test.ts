import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { testApp, ADMIN_PASSWORD, type TestApp, type Client } from '../../testing/test-app';
import { makeRegion, makeTree, makeUser, PASSWORD } from '../../testing/factories';

let t: TestApp;
let admin: Client;
let worker: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
let round: { id: string };
const households: { id: string; members: string[] }[] = [];

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  admin = await t.login('admin', ADMIN_PASSWORD);
  await makeUser(t.db, t.clock, 'grid_a', 'grid', tree.gridA);
  worker = await t.login('grid_a', PASSWORD);
  const buildingA2 = await makeRegion(t.db, t.clock, tree.gridA, 'building', '3号院');
  for (const [i, building] of [tree.buildingA, tree.buildingA, buildingA2, tree.buildingB].entries()) {
    const h = (await admin.post('/api/households', { regionId: building.id, room: `${i + 1}号` })).json();
    const a = (await admin.post('/api/persons', { name: `户主${i}`, householdId: h.id, relation: 'head' })).json()
      .person;
    const b = (await admin.post('/api/persons', { name: `家属${i}`, householdId: h.id, relation: 'spouse' })).json()
      .person;
    households.push({ id: h.id, members: [a.id, b.id] });
  }
  await admin.post('/api/households', { regionId: buildingA2.id, room: '空房', vacant: true });
  round = (
    await admin.post('/api/screening/rounds', {
      name: '第一轮入户排查',
      startDate: '2020-01-26',
      endDate: '2020-01-31',
      regionIds: [tree.gutao.id],
    })
  ).json();
});
afterAll(async () => t.close());

const coverageOf = async (client: Client, level: string) =>
  Object.fromEntries(
    (await client.get(`/api/screening/rounds/${round.id}/coverage?level=${level}`))
      .json()
      .items.map((r: { name: string }) => [r.name, r]),
  );

describe('screening rounds and visits', () => {
  it('a grid worker sees the township-wide round and records a normal visit', async () => {
    expect((await worker.get('/api/screening/rounds')).json().items.map((r: { id: string }) => r.id)).toEqual([
      round.id,
    ]);
    const [h] = households;
    const res = await worker.post('/api/screening/visits', {
      roundId: round.id,
      householdId: h!.id,
      outcome: 'no_risk',
      checks: h!.members.map((personId) => ({ personId, present: true, temperature: 36.5 })),
    });
    expect(res.statusCode).toBe(201);
    const visits = (await worker.get(`/api/households/${h!.id}/visits`)).json().items;
    expect(visits[0]).toMatchObject({ outcome: 'no_risk', workerName: 'grid_a', keyPersons: [] });
  });

  it('a fever flags a key person and raises an alert the command centre sees at once', async () => {
    const h = households[1]!;
    await worker.post('/api/screening/visits', {
      roundId: round.id,
      householdId: h.id,
      outcome: 'refer',
      checks: [
        { personId: h.members[0], present: true, temperature: 38.2, symptoms: ['cough'] },
        {
          personId: h.members[1],
          present: true,
          temperature: 36.6,
          hubeiTravel: true,
          travelNote: '1月18日自武汉返回',
        },
      ],
    });
    const alerts = (await admin.get('/api/alerts?open=true')).json().items;
    // the feverish member sent to the clinic is one alert, linked to the referral; the Hubei returnee a key person
    expect(alerts.map((a: { kind: string }) => a.kind).sort()).toEqual(['fever', 'key_person']);
    expect(alerts.find((a: { kind: string }) => a.kind === 'fever')).toMatchObject({
      message: expect.stringContaining('38.2'),
      referralId: expect.any(String),
    });
    const keyPersons = (await admin.get('/api/persons?tag=key_person'))
      .json()
      .items.map((p: { name: string }) => p.name)
      .sort();
    expect(keyPersons).toEqual(['家属1', '户主1']);
    // a healthy member of a key household is not a key person
    const h0 = households[0]!;
    await worker.post('/api/screening/visits', {
      roundId: round.id,
      householdId: h0.id,
      outcome: 'key_person',
      checks: [
        { personId: h0.members[0], present: true, temperature: 36.4 },
        { personId: h0.members[1], present: true, temperature: 37.6 },
      ],
    });
    expect((await admin.get(`/api/persons/${h0.members[0]}`)).json().tags).toEqual([]);
    expect((await admin.get(`/api/persons/${h0.members[1]}`)).json().tags).toEqual(
      expect.arrayContaining(['fever', 'key_person']),
    );
    expect((await admin.get(`/api/persons/${h.members[0]}`)).json().tags).toEqual(
      expect.arrayContaining(['fever', 'key_person']),
    );
  });

  it('stores a retried visit once', async () => {
    const h = households[2]!;
    const body = { id: randomUUID(), roundId: round.id, householdId: h.id, outcome: 'not_home' };
    expect((await worker.post('/api/screening/visits', body)).statusCode).toBe(201);
    expect((await worker.post('/api/screening/visits', body)).statusCode).toBe(201);
    expect((await worker.get(`/api/households/${h.id}/visits`)).json().items).toHaveLength(1);
  });

  it.each([
    [{ outcome: 'no_risk', checks: [{ personId: 'X', present: true, temperature: 33.9 }] }, 'VALIDATION'],
    [{ outcome: 'no_risk', checks: [{ personId: 'X', present: true, temperature: 43.1 }] }, 'VALIDATION'],
    [{ outcome: 'maybe' }, 'VALIDATION'],
    [{ outcome: 'not_home', checks: [{ personId: 'X', present: true }] }, 'VALIDATION'],
    [{ outcome: 'not_home', visitedAt: '2099-01-01T10:00:00+08:00' }, 'VISIT_IN_FUTURE'],
    [{ outcome: 'no_risk', checks: [{ personId: 'X', present: true, temperature: 38.5 }] }, 'VALIDATION'],
    [
      { outcome: 'no_risk', checks: [{ personId: 'X', present: true, temperature: 36.5, hubeiTravel: true }] },
      'VALIDATION',
    ],
  ])('refuses %j and stores nothing', async (body, code) => {
    const h = households[2]!;
    const checks = (body as { checks?: object[] }).checks?.map((c) => ({ ...c, personId: h.members[0] }));
    const before = (await t.db.selectFrom('screening_visits').select('id').execute()).length;
    const res = await worker.post('/api/screening/visits', {
      roundId: round.id,
      householdId: h.id,
      ...body,
      ...(checks ? { checks } : {}),
    });
    expect(res.json().error.code).toBe(code);
    expect((await t.db.selectFrom('screening_visits').select('id').execute()).length).toBe(before);
  });

  it('refuses a person from another household and a household outside my grid', async () => {
    const res = await worker.post('/api/screening/visits', {
      roundId: round.id,
      householdId: households[0]!.id,
      outcome: 'no_risk',
      checks: [{ personId: households[1]!.members[0], present: true }],
    });
    expect(res.json().error.details.issues[0].path).toEqual(['checks', '0', 'personId']);
    expect(
      (
        await worker.post('/api/screening/visits', {
          roundId: round.id,
          householdId: households[3]!.id,
          outcome: 'no_risk',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('shows coverage per grid and village, and lists every gap (never visited or not home)', async () => {
    const grids = await coverageOf(admin, 'grid');
    expect(grids['东城村第一网格']).toMatchObject({ households: 3, visited: 2, notHome: 1, never: 0 });
    expect(grids['西城村第一网格']).toMatchObject({ households: 1, visited: 0, notHome: 0, never: 1 });
    const villages = await coverageOf(admin, 'village');
    expect(villages['东城村'].rate).toBeCloseTo(2 / 3);
    expect(villages['段村']).toBeUndefined();
    const gaps = (await admin.get(`/api/screening/rounds/${round.id}/gaps`)).json().items;
    expect(gaps.map((g: { status: string }) => g.status).sort()).toEqual(['never', 'not_home']);
    // a revisit that finds them home closes the gap
    const revisit = await worker.post('/api/screening/visits', {
      roundId: round.id,
      householdId: households[2]!.id,
      outcome: 'no_risk',
      checks: households[2]!.members.map((personId) => ({ personId, present: true, temperature: 36.4 })),
    });
    expect(revisit.statusCode, revisit.body).toBe(201);
    expect((await coverageOf(admin, 'grid'))['东城村第一网格']).toMatchObject({ visited: 3, notHome: 0 });
    // the worker's own view is their grid only
    expect(Object.keys(await coverageOf(worker, 'grid'))).toEqual(['东城村第一网格']);
    const progress = (await admin.get(`/api/screening/rounds/${round.id}/workers`)).json().items;
    expect(progress[0]).toMatchObject({ workerName: 'grid_a', visits: 5, households: 3, notHome: 1 });
  });

  it('a closed round takes no more visits; only the opener’s level can close it', async () => {
    expect((await worker.post(`/api/screening/rounds/${round.id}/close`)).statusCode).toBe(403);
    expect((await admin.post(`/api/screening/rounds/${round.id}/close`)).json().status).toBe('closed');
    const res = await worker.post('/api/screening/visits', {
      roundId: round.id,
      householdId: households[0]!.id,
      outcome: 'no_risk',
    });
    expect(res.json().error.code).toBe('VALIDATION');
  });

  it('streams new alerts as Server-Sent Events', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const controller = new AbortController();
    const res = await fetch(`${address}/api/alerts/stream`, {
      headers: { cookie: admin.cookie! },
      signal: controller.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const round2 = (
      await admin.post('/api/screening/rounds', {
        name: '第二轮',
        startDate: '2020-02-01',
        endDate: '2020-02-05',
        regionIds: [tree.dongcheng.id],
      })
    ).json();
    await worker.post('/api/screening/visits', {
      roundId: round2.id,
      householdId: households[0]!.id,
      outcome: 'key_person',
      checks: [{ personId: households[0]!.members[0], present: true, temperature: 37.5 }],
    });
    let text = '';
    const deadline = Date.now() + 5000;
    while (!text.includes('event: alert') && Date.now() < deadline)
      text += new TextDecoder().decode((await reader.read()).value);
    controller.abort();
    expect(text).toContain('event: alert');
    expect(text).toContain('37.5');
  });
});
