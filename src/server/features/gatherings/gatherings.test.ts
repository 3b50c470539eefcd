import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';

/**
 * 聚集活动 through the API, around Spring Festival 2020: a grid worker registers a wedding banquet
 * and a birthday in his grid, visits the hosts to persuade them, records the outcomes; the
 * township's figures count them and the guests who did not gather. A grid worker of the next
 * village sees none of it; incomplete outcomes are refused and change nothing.
 */
let t: TestApp;
let workerA: Client;
let workerB: Client;
let gutao: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
const state: Record<string, string> = {};

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'worker_a', 'grid', tree.gridA);
  await makeUser(t.db, t.clock, 'worker_b', 'grid', tree.gridB);
  await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'crew', 'checkpoint', tree.gutao);
  [workerA, workerB, gutao] = (await Promise.all(
    ['worker_a', 'worker_b', 'gutao'].map((u) => t.login(u, PASSWORD)),
  )) as [Client, Client, Client];
});
afterAll(async () => t.close());

async function snapshot() {
  const g = await t.db.selectFrom('gatherings').selectAll().orderBy('id').execute();
  const v = await t.db.selectFrom('gathering_visits').selectAll().orderBy('id').execute();
  return JSON.stringify([g, v]);
}

describe('gatherings: register, persuade, record the outcome, count', () => {
  it('registers in a grid of one’s own; the host phone is masked and revealing it is audited', async () => {
    const res = await workerA.post('/api/gatherings', {
      regionId: tree.gridA.id,
      occasion: 'wedding',
      hostName: '王喜事',
      hostPhone: '13912345678',
      date: '2020-01-28',
      place: '东城村文化广场',
      expectedGuests: 200,
    });
    expect(res.statusCode, res.body).toBe(201);
    state.wedding = res.json().id;
    expect(res.json()).toMatchObject({
      status: 'planned',
      hostPhone: '139****5678',
      regionName: '东城村第一网格',
      visits: 0,
    });
    const revealed = await workerA.post(`/api/gatherings/${state.wedding}/reveal`, { field: 'phone' });
    expect(revealed.json()).toEqual({ field: 'phone', value: '13912345678' });
    const audited = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', state.wedding!)
      .execute();
    expect(audited.map((a) => a.action)).toEqual(['gathering.register', 'gathering.reveal']);
    state.birthday = (
      await workerA.post('/api/gatherings', {
        regionId: tree.gridA.id,
        occasion: 'birthday',
        hostName: '李寿星',
        date: '2020-01-30',
        expectedGuests: 60,
      })
    ).json().id;
    state.market = (
      await gutao.post('/api/gatherings', {
        regionId: tree.xicheng.id,
        occasion: 'market',
        hostName: '西城村委会',
        date: '2020-02-01',
        expectedGuests: 500,
      })
    ).json().id;
    // A township is not where a gathering is registered, and a grid worker cannot register in another grid.
    expect(
      (
        await gutao.post('/api/gatherings', {
          regionId: tree.gutao.id,
          occasion: 'banquet',
          hostName: 'x',
          date: '2020-01-28',
          expectedGuests: 10,
        })
      ).json().error.code,
    ).toBe('GATHERING_REGION_INVALID');
    expect(
      (
        await workerA.post('/api/gatherings', {
          regionId: tree.gridB.id,
          occasion: 'banquet',
          hostName: 'x',
          date: '2020-01-28',
          expectedGuests: 10,
        })
      ).json().error.code,
    ).toBe('REGION_NOT_FOUND');
  });

  it('persuasion visits and outcomes; incomplete outcomes are refused and change nothing', async () => {
    const visit = await workerA.post(`/api/gatherings/${state.wedding}/visits`, {
      present: '王喜事及其父母',
      result: '讲解疫情形势和禁止聚集的通告，同意推迟婚宴',
      agreed: true,
    });
    expect(visit.statusCode, visit.body).toBe(201);
    expect(visit.json()).toMatchObject({ agreed: true, visitorName: 'worker_a' });

    const before = await snapshot();
    const bad: [string, unknown, string][] = [
      [state.wedding!, { outcome: 'postponed' }, 'GATHERING_OUTCOME_INVALID'],
      [state.wedding!, { outcome: 'postponed', newDate: '2020-01-20' }, 'GATHERING_OUTCOME_INVALID'],
      [state.wedding!, { outcome: 'scaled_down' }, 'GATHERING_OUTCOME_INVALID'],
      [state.wedding!, { outcome: 'scaled_down', actualGuests: 250 }, 'GATHERING_OUTCOME_INVALID'],
      [state.wedding!, { outcome: 'held' }, 'GATHERING_OUTCOME_INVALID'],
      [state.wedding!, { outcome: 'moved' }, 'VALIDATION'],
      [state.wedding!, { outcome: 'held', actualGuests: -1 }, 'VALIDATION'],
    ];
    for (const [id, body, code] of bad) {
      const res = await workerA.post(`/api/gatherings/${id}/outcome`, body);
      expect(res.statusCode, res.body).toBeGreaterThanOrEqual(400);
      expect(res.json().error.code).toBe(code);
    }
    expect(
      (
        await workerA.post('/api/gatherings', {
          regionId: tree.gridA.id,
          occasion: 'banquet',
          hostName: '',
          date: '2020-1-28',
          expectedGuests: 0,
        })
      ).json().error.code,
    ).toBe('VALIDATION');
    expect(await snapshot()).toBe(before);

    const postponed = await workerA.post(`/api/gatherings/${state.wedding}/outcome`, {
      outcome: 'postponed',
      newDate: '2020-05-01',
      note: '疫情结束后再办',
    });
    expect(postponed.json()).toMatchObject({
      status: 'postponed',
      newDate: '2020-05-01',
      actualGuests: null,
      visits: 1,
    });
    const scaled = await workerA.post(`/api/gatherings/${state.birthday}/outcome`, {
      outcome: 'scaled_down',
      actualGuests: 8,
    });
    expect(scaled.json()).toMatchObject({ status: 'scaled_down', actualGuests: 8 });
    await gutao.post(`/api/gatherings/${state.market}/visits`, { result: '市场管理方拒绝', agreed: false });
    await gutao.post(`/api/gatherings/${state.market}/outcome`, { outcome: 'cancelled' });
    const detail = (await workerA.get(`/api/gatherings/${state.wedding}`)).json();
    expect(detail.visits).toHaveLength(1);
  });

  it('a held gathering takes no more persuasion visits', async () => {
    const id = (
      await gutao.post('/api/gatherings', {
        regionId: tree.xicheng.id,
        occasion: 'funeral',
        hostName: '赵白事',
        date: '2020-01-27',
        expectedGuests: 30,
      })
    ).json().id;
    expect(
      (await gutao.post(`/api/gatherings/${id}/outcome`, { outcome: 'held', actualGuests: 12 })).json().status,
    ).toBe('held');
    expect((await gutao.post(`/api/gatherings/${id}/visits`, { result: 'x', agreed: true })).json().error.code).toBe(
      'GATHERING_STATE',
    );
  });

  it("a grid worker of grid B sees none of grid A's gatherings, and cannot touch them", async () => {
    const listB = (await workerB.get('/api/gatherings')).json().items;
    expect(listB).toHaveLength(0);
    expect((await workerB.get(`/api/gatherings/${state.wedding}`)).statusCode).toBe(404);
    const before = await snapshot();
    expect(
      (await workerB.post(`/api/gatherings/${state.wedding}/outcome`, { outcome: 'cancelled' })).json().error.code,
    ).toBe('GATHERING_NOT_FOUND');
    expect(
      (await workerB.post(`/api/gatherings/${state.wedding}/visits`, { result: 'x', agreed: true })).statusCode,
    ).toBe(404);
    expect((await workerB.post(`/api/gatherings/${state.wedding}/reveal`, { field: 'phone' })).statusCode).toBe(404);
    expect(await snapshot()).toBe(before);
    const crew = await t.login('crew', PASSWORD);
    expect(
      (
        await crew.post('/api/gatherings', {
          regionId: tree.gridA.id,
          occasion: 'banquet',
          hostName: 'x',
          date: '2020-01-28',
          expectedGuests: 10,
        })
      ).json().error.code,
    ).toBe('FORBIDDEN');
    expect((await workerA.get('/api/gatherings')).json().items.map((g: { hostName: string }) => g.hostName)).toEqual([
      '李寿星',
      '王喜事',
    ]);
  });

  it('lists by filters and counts per township: registered, by outcome, guests avoided', async () => {
    expect(
      (await gutao.get('/api/gatherings?status=cancelled')).json().items.map((g: { occasion: string }) => g.occasion),
    ).toEqual(['market']);
    expect((await gutao.get('/api/gatherings?from=2020-01-28&to=2020-01-30')).json().items).toHaveLength(2);
    expect((await gutao.get(`/api/gatherings?regionId=${tree.xicheng.id}&occasion=funeral`)).json().items).toHaveLength(
      1,
    );
    const page = (await gutao.get('/api/gatherings?limit=2')).json();
    expect(page.items).toHaveLength(2);
    expect((await gutao.get(`/api/gatherings?limit=2&cursor=${page.nextCursor}`)).json().items).toHaveLength(2);

    const figures = (await gutao.get('/api/gatherings/figures?from=2020-01-20&to=2020-02-10')).json();
    expect(figures.rows).toEqual([
      {
        regionId: tree.gutao.id,
        name: '古陶镇',
        registered: 4,
        planned: 0,
        cancelled: 1,
        postponed: 1,
        scaledDown: 1,
        held: 1,
        expectedGuests: 790,
        guestsAvoided: 500 + (60 - 8),
        visits: 2,
      },
    ]);
    expect(figures.total).toMatchObject({ registered: 4, guestsAvoided: 552 });
    const narrow = (await gutao.get('/api/gatherings/figures?from=2020-01-28&to=2020-01-28')).json();
    expect(narrow.total).toMatchObject({ registered: 1, postponed: 1, guestsAvoided: 0 });
    // The worker of grid B: its own township row, with nothing of grid A's in it.
    expect((await workerB.get('/api/gatherings/figures?from=2020-01-20&to=2020-02-10')).json().total).toMatchObject({
      registered: 0,
    });
  });
});
