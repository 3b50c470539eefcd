import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { expectAll } from '../../testing/expect-all';
import { scopeOf } from '../../access/scope';
import { coverFigures, verifyLedger } from './index';

/**
 * Consumption and days of cover through the API, with the clock moved day by day: 东城村's
 * checkpoint crew reports masks per shift out of the checkpoint's store (earliest expiry first,
 * never below zero, not even with twenty reports at once); a week of use at 西城村's isolation
 * hotel and three days at 段村镇's store give each its days of cover; the desk's list shows the
 * low ones worst first under the county's threshold; each township sees only its own sites (404).
 */
let t: TestApp;
let tree: Awaited<ReturnType<typeof makeTree>>;
const c: Record<'desk' | 'gutao' | 'duancun' | 'crew' | 'grid', Client> = {} as never;
const id: Record<string, string> = {};

async function loginAll() {
  for (const u of ['desk', 'gutao', 'duancun', 'crew', 'grid'] as const) c[u] = await t.login(u, PASSWORD);
}
/** 08:30 in the county (UTC+8) on `day`. */
const morning = (day: string) => t.clock.set(`${day}T00:30:00Z`);
const ledgerCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('ledger_entries')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

async function warehouse(who: Client, name: string, kind: string, regionId: string) {
  const res = await who.post('/api/supplies/warehouses', { name, kind, regionId });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}
async function stocktake(warehouseId: string, itemId: string, quantity: number, batch = '', expiry?: string) {
  const res = await c.desk.post('/api/supplies/ledger/stocktake', {
    warehouseId,
    itemId,
    batch,
    expiry,
    quantity,
    reason: '期初库存',
  });
  expect(res.statusCode, res.body).toBe(201);
}

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'desk', 'supplies', tree.county);
  await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'duancun', 'township', tree.duancun);
  await makeUser(t.db, t.clock, 'crew', 'checkpoint', tree.dongcheng);
  await makeUser(t.db, t.clock, 'grid', 'grid', tree.gridA);
  await loginAll();
  const items = (await c.desk.get('/api/supplies/items')).json() as { id: string; code: string }[];
  for (const i of items) id[i.code] = i.id;
  id.checkpoint = await warehouse(c.desk, '东城村卡口', 'checkpoint', tree.dongcheng.id);
  id.hotel = await warehouse(c.desk, '西城村隔离酒店', 'isolation_site', tree.xicheng.id);
  id.duancunStore = await warehouse(c.desk, '段村镇物资站', 'township', tree.duancun.id);
});
afterAll(async () => t.close());

describe('reporting use (消耗登记)', () => {
  it('takes a shift’s masks out of the checkpoint’s store, earliest expiry first', async () => {
    await stocktake(id.checkpoint!, id['MASK-KN95']!, 100, 'A', '2021-06-01');
    await stocktake(id.checkpoint!, id['MASK-KN95']!, 50, 'B', '2021-01-01');
    await stocktake(id.checkpoint!, id['MASK-KN95']!, 30, 'C');
    const res = await c.crew.post('/api/supplies/consumption', {
      warehouseId: id.checkpoint,
      itemId: id['MASK-KN95'],
      quantity: 60,
      shift: '早班',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      warehouseName: '东城村卡口',
      itemName: 'KN95 口罩',
      quantity: 60,
      shift: '早班',
      day: '2020-01-25',
      reporter: 'crew',
      left: 120,
    });
    expect(res.json().seqs).toHaveLength(2);
    const stock = (await c.desk.get(`/api/supplies/stock?warehouseId=${id.checkpoint}`)).json() as {
      batch: string;
      quantity: number;
    }[];
    expect(Object.fromEntries(stock.map((s) => [s.batch, s.quantity]))).toEqual({ A: 90, C: 30 });
    const recent = (await c.crew.get(`/api/supplies/consumption?warehouseId=${id.checkpoint}`)).json();
    expect(recent).toHaveLength(2);
    expectAll(recent, (e: { shift: string; reporter: string }) => e.shift === '早班' && e.reporter === 'crew');
    expect((await verifyLedger(t.db)).ok).toBe(true);
  });

  it('shows the crew the stores of its jurisdiction only, with what each holds', async () => {
    const sites = (await c.crew.get('/api/supplies/consumption/sites')).json();
    expect(sites).toEqual([
      expect.objectContaining({
        name: '东城村卡口',
        kind: 'checkpoint',
        regionName: '东城村',
        stock: [expect.objectContaining({ itemName: 'KN95 口罩', quantity: 120, unit: '只' })],
      }),
    ]);
  });

  it('refuses more than the stock, money, a zero, another township’s store and a grid worker — writing nothing', async () => {
    const before = await ledgerCount();
    const base = { warehouseId: id.checkpoint, itemId: id['MASK-KN95'], quantity: 121 };
    const over = await c.crew.post('/api/supplies/consumption', base);
    expect(over.statusCode).toBe(409);
    expect(over.json().error).toMatchObject({
      code: 'STOCK_INSUFFICIENT',
      details: { available: 120, requested: 121 },
    });
    expect(
      (await c.crew.post('/api/supplies/consumption', { ...base, itemId: id.MONEY, quantity: 1 })).json().error.code,
    ).toBe('CONSUMPTION_NOT_GOODS');
    expect((await c.crew.post('/api/supplies/consumption', { ...base, quantity: 0 })).statusCode).toBe(400);
    expect(
      (await c.crew.post('/api/supplies/consumption', { ...base, quantity: 1, spec: '无此规格' })).statusCode,
    ).toBe(409);
    const elsewhere = await c.gutao.post('/api/supplies/consumption', {
      ...base,
      warehouseId: id.duancunStore,
      quantity: 1,
    });
    expect(elsewhere.statusCode).toBe(404);
    expect(elsewhere.json().error.code).toBe('WAREHOUSE_NOT_FOUND');
    expect((await c.grid.post('/api/supplies/consumption', { ...base, quantity: 1 })).statusCode).toBe(403);
    expect((await c.duancun.get(`/api/supplies/consumption?warehouseId=${id.checkpoint}`)).statusCode).toBe(404);
    expect(await ledgerCount()).toBe(before);
  });

  it('never goes below zero: twenty reports of ten against 120 leave exactly twelve written', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        c.crew.post('/api/supplies/consumption', { warehouseId: id.checkpoint, itemId: id['MASK-KN95'], quantity: 10 }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(12);
    const refused = results.filter((r) => r.statusCode !== 201);
    expect(refused).toHaveLength(8);
    expectAll(refused, (r) => r.json().error.code === 'STOCK_INSUFFICIENT');
    expect((await c.desk.get(`/api/supplies/stock?warehouseId=${id.checkpoint}`)).json()).toEqual([]);
    expect(await verifyLedger(t.db)).toMatchObject({ ok: true, balanceMismatches: 0 });
  });
});

describe('days of cover (可用天数) and the low-cover alert', () => {
  it('divides the stock by the average daily use over the 7 days before today', async () => {
    const days = ['2020-01-26', '2020-01-27', '2020-01-28', '2020-01-29', '2020-01-30', '2020-01-31', '2020-02-01'];
    for (const day of days) {
      morning(day);
      await loginAll();
      if (day === '2020-01-26') await stocktake(id.hotel!, id['MASK-SURGICAL']!, 1000);
      const r = await c.gutao.post('/api/supplies/consumption', {
        warehouseId: id.hotel,
        itemId: id['MASK-SURGICAL'],
        quantity: 100,
        shift: '全天',
      });
      expect(r.statusCode, r.body).toBe(201);
      // 段村镇's store began using gloves on the 31st: its average is over 2 days, not 7
      if (day === '2020-01-30') await stocktake(id.duancunStore!, id.GLOVES!, 100);
      if (day >= '2020-01-31') {
        const g = { warehouseId: id.duancunStore, itemId: id.GLOVES, quantity: 30 };
        expect((await c.duancun.post('/api/supplies/consumption', g)).statusCode).toBe(201);
      }
    }
    morning('2020-02-02');
    await loginAll();
    const report = (await c.desk.get('/api/supplies/cover')).json();
    expect(report).toMatchObject({ day: '2020-02-02', thresholdDays: 3 });
    // the checkpoint used masks only on the 25th, outside the window: no rate, not listed
    expect(
      report.rows.map(
        (r: {
          warehouseName: string;
          itemCode: string;
          stock: number;
          used: number;
          days: number;
          dailyUse: number;
          daysOfCover: number;
          low: boolean;
        }) => [r.warehouseName, r.itemCode, r.stock, r.used, r.days, r.dailyUse, r.daysOfCover, r.low],
      ),
    ).toEqual([
      ['段村镇物资站', 'GLOVES', 40, 60, 2, 30, 1.3, true],
      ['西城村隔离酒店', 'MASK-SURGICAL', 300, 700, 7, 100, 3, false],
    ]);
  });

  it('flags a site as soon as today’s use takes it below the threshold, worst first', async () => {
    await c.gutao.post('/api/supplies/consumption', {
      warehouseId: id.hotel,
      itemId: id['MASK-SURGICAL'],
      quantity: 50,
      shift: '早班',
    });
    const low = (await c.desk.get('/api/supplies/cover?low=true')).json().rows;
    expect(low.map((r: { warehouseName: string; daysOfCover: number }) => [r.warehouseName, r.daysOfCover])).toEqual([
      ['段村镇物资站', 1.3],
      ['西城村隔离酒店', 2.5],
    ]);
  });

  it('nets a reversed report out of the rate', async () => {
    const recent = (await c.gutao.get(`/api/supplies/consumption?warehouseId=${id.hotel}`)).json() as {
      seq: number;
      at: string;
    }[];
    const jan31 = recent.find((e) => e.at.startsWith('2020-01-31'))!;
    expect((await c.desk.post(`/api/supplies/ledger/${jan31.seq}/reverse`, { reason: '重复登记' })).statusCode).toBe(
      201,
    );
    const row = (await c.desk.get(`/api/supplies/cover?warehouseId=${id.hotel}`)).json().rows[0];
    // the reversal is booked today (outside the window) and puts 100 back in stock: 350 ÷ (700 − 0)/7 stays 3.5
    expect(row).toMatchObject({ stock: 350, used: 700, daysOfCover: 3.5, low: false });
    expect((await c.gutao.get(`/api/supplies/consumption?warehouseId=${id.hotel}`)).json()).toContainEqual(
      expect.objectContaining({ seq: jan31.seq, reversed: true }),
    );
  });

  it('follows the county’s threshold, which only the county may change', async () => {
    expect(
      (await c.gutao.request({ method: 'PUT', url: '/api/supplies/cover/settings', payload: { thresholdDays: 5 } }))
        .statusCode,
    ).toBe(403);
    expect(
      (await c.desk.request({ method: 'PUT', url: '/api/supplies/cover/settings', payload: { thresholdDays: 0 } }))
        .statusCode,
    ).toBe(400);
    const put = await c.desk.request({
      method: 'PUT',
      url: '/api/supplies/cover/settings',
      payload: { thresholdDays: 4 },
    });
    expect(put.json()).toEqual({ thresholdDays: 4 });
    expect((await c.desk.get('/api/supplies/cover?low=true')).json().rows).toHaveLength(2);
    await c.desk.request({ method: 'PUT', url: '/api/supplies/cover/settings', payload: { thresholdDays: 3 } });
    expect((await c.gutao.get('/api/supplies/cover/settings')).json()).toEqual({ thresholdDays: 3 });
  });

  it('shows each township its own sites only; another township’s store is not found', async () => {
    const mine = (await c.gutao.get('/api/supplies/cover')).json().rows;
    expect(mine.map((r: { warehouseName: string }) => r.warehouseName)).toEqual(['西城村隔离酒店']);
    expect(
      (await c.duancun.get('/api/supplies/cover')).json().rows.map((r: { warehouseName: string }) => r.warehouseName),
    ).toEqual(['段村镇物资站']);
    expect((await c.gutao.get(`/api/supplies/cover?warehouseId=${id.duancunStore}`)).statusCode).toBe(404);
    expect((await c.crew.get('/api/supplies/cover')).statusCode).toBe(403);
  });

  it('gives the figures per township: low sites and the day’s use, scoped', async () => {
    const county = await coverFigures(t.db, scopeOf({ regionPath: tree.county.path }), { day: '2020-02-01' });
    expect(county).toEqual(
      [
        // as of the 1st the checkpoint (used on the 25th, nothing left) and 段村镇's gloves are low
        { regionPath: tree.gutao.path, lowCoverSites: 1, lowCoverItems: 1, usedByItem: { 'MASK-SURGICAL': 100 } },
        { regionPath: tree.duancun.path, lowCoverSites: 1, lowCoverItems: 1, usedByItem: { GLOVES: 30 } },
      ].sort((a, b) => a.regionPath.localeCompare(b.regionPath)),
    );
    // today: 50 used, and the reversal of the 31st's 100 booked today counts today
    const today = await coverFigures(t.db, scopeOf({ regionPath: tree.gutao.path }), { day: '2020-02-02' });
    expect(today).toEqual([
      { regionPath: tree.gutao.path, lowCoverSites: 0, lowCoverItems: 0, usedByItem: { 'MASK-SURGICAL': -50 } },
    ]);
  });
});
