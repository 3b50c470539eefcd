import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { expectAll } from '../../testing/expect-all';
import { scopeOf } from '../../access/scope';
import { suppliesFigures, verifyLedger } from './index';

/**
 * The supplies ledger through the API: the county's supplies desk (物资组) sets up warehouses, adds
 * an item, books stock by stocktake, corrects an entry once by reversal; stock never goes below
 * zero, even with twenty desks taking from it at once; the database refuses to change or delete an
 * entry; the chain and the daily digests verify, and an entry changed behind the database's back is
 * named. 段村镇's cadre sees nothing of 古陶镇's warehouse.
 */
let t: TestApp;
let desk: Client;
let gutao: Client;
let duancun: Client;
let grid: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
const state: Record<string, string> = {};
let kn95: string;
let n95: string;

async function snapshot() {
  const entries = await t.db.selectFrom('ledger_entries').selectAll().orderBy('seq').execute();
  const stock = await t.db
    .selectFrom('stock_balances')
    .selectAll()
    .orderBy('warehouse_id')
    .orderBy('item_id')
    .execute();
  const items = await t.db.selectFrom('supply_items').selectAll().orderBy('id').execute();
  return JSON.stringify([entries, stock, items]);
}

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'wuzizu', 'supplies', tree.county);
  await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'duancun', 'township', tree.duancun);
  await makeUser(t.db, t.clock, 'worker', 'grid', tree.gridA);
  [desk, gutao, duancun, grid] = (await Promise.all(
    ['wuzizu', 'gutao', 'duancun', 'worker'].map((u) => t.login(u, PASSWORD)),
  )) as [Client, Client, Client, Client];
});
afterAll(async () => t.close());

describe('the catalogue', () => {
  it('has the standard items, KN95 (GB 2626) distinct from N95', async () => {
    const res = await desk.get('/api/supplies/items');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json() as { id: string; code: string; standard: string; unit: string; builtin: boolean }[];
    const byCode = Object.fromEntries(items.map((i) => [i.code, i]));
    expect(byCode['MASK-KN95']).toMatchObject({ standard: 'GB 2626', unit: '只', builtin: true });
    expect(byCode['MASK-N95']).toBeDefined();
    expect(byCode['MASK-KN95']!.id).not.toBe(byCode['MASK-N95']!.id);
    expect(byCode['MONEY']).toMatchObject({ unit: '元' });
    kn95 = byCode['MASK-KN95']!.id;
    n95 = byCode['MASK-N95']!.id;
  });

  it('lets the county add an item, once per code; a township may not', async () => {
    const input = { code: 'soap-bar', name: '香皂', category: 'other', unit: '块' };
    const res = await desk.post('/api/supplies/items', input);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ code: 'SOAP-BAR', builtin: false, used: false });
    state.soap = res.json().id;
    expect((await desk.post('/api/supplies/items', input)).json().error.code).toBe('SUPPLY_ITEM_CODE_TAKEN');
    expect((await gutao.post('/api/supplies/items', { ...input, code: 'OTHER' })).statusCode).toBe(403);
    expect((await grid.get('/api/supplies/items')).statusCode).toBe(403);
  });
});

describe('warehouses', () => {
  it('are set up by the county desk and by a township for its own regions', async () => {
    const county = await desk.post('/api/supplies/warehouses', {
      name: '县物资储备库',
      kind: 'county',
      regionId: tree.county.id,
      keeper: '王库管',
    });
    expect(county.statusCode, county.body).toBe(201);
    state.county = county.json().id;
    const own = await gutao.post('/api/supplies/warehouses', {
      name: '古陶镇物资站',
      kind: 'township',
      regionId: tree.gutao.id,
    });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ regionName: '古陶镇', kind: 'township' });
    state.gutao = own.json().id;
    const other = await gutao.post('/api/supplies/warehouses', {
      name: 'x',
      kind: 'township',
      regionId: tree.duancun.id,
    });
    expect(other.json().error.code).toBe('REGION_NOT_FOUND');
    const list = (await gutao.get('/api/supplies/warehouses')).json();
    expect(list.items.map((w: { name: string }) => w.name)).toEqual(['古陶镇物资站']);
    expect((await desk.get('/api/supplies/warehouses')).json().items).toHaveLength(2);
  });
});

describe('the ledger', () => {
  it('books a stocktake difference as an entry; stock is the ledger sum', async () => {
    const res = await gutao.post('/api/supplies/ledger/stocktake', {
      warehouseId: state.gutao,
      itemId: kn95,
      spec: '耳挂式',
      batch: 'B20200125',
      expiry: '2022-01-01',
      quantity: 10,
      reason: '盘点发现未入账',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      seq: 1,
      kind: 'stocktake',
      quantity: 10,
      itemName: 'KN95 口罩',
      actorName: 'gutao',
    });
    expect(res.json().hash).toMatch(/^[0-9a-f]{64}$/);
    state.first = String(res.json().seq);
    const stock = (await gutao.get(`/api/supplies/stock?warehouseId=${state.gutao}`)).json();
    expect(stock).toEqual([
      expect.objectContaining({ itemCode: 'MASK-KN95', spec: '耳挂式', batch: 'B20200125', quantity: 10, unit: '只' }),
    ]);
  });

  it('never lets stock go below zero: twenty desks taking one each from ten leave exactly ten refused', async () => {
    const take = () =>
      desk.post('/api/supplies/ledger/stocktake', {
        warehouseId: state.gutao,
        itemId: kn95,
        spec: '耳挂式',
        batch: 'B20200125',
        quantity: -1,
        reason: '破损',
      });
    const results = await Promise.all(Array.from({ length: 20 }, take));
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(10);
    const refused = results.filter((r) => r.statusCode !== 201);
    expect(refused).toHaveLength(10);
    expectAll(refused, (r) => r.json().error.code === 'STOCK_INSUFFICIENT');
    expect((await gutao.get(`/api/supplies/stock?warehouseId=${state.gutao}`)).json()).toEqual([]);
    const v = await verifyLedger(t.db);
    expect(v).toMatchObject({ ok: true, entries: 11, firstBroken: null, balanceMismatches: 0 });
  });

  it('fixes an item’s unit once the ledger uses it', async () => {
    const res = await desk.patch(`/api/supplies/items/${kn95}`, { unit: '盒' });
    expect(res.json().error.code).toBe('SUPPLY_ITEM_UNIT_IN_USE');
    expect((await desk.patch(`/api/supplies/items/${state.soap}`, { unit: '箱' })).json()).toMatchObject({
      unit: '箱',
    });
  });

  it('corrects an entry by a reversal with a reason, once; a reversal is not itself reversed', async () => {
    const put = await desk.post('/api/supplies/ledger/stocktake', {
      warehouseId: state.county,
      itemId: n95,
      quantity: 500,
      reason: '期初库存',
    });
    expect(put.statusCode, put.body).toBe(201);
    const seq = put.json().seq;
    const before = await snapshot();
    expect((await desk.post(`/api/supplies/ledger/${seq}/reverse`, { reason: '' })).statusCode).toBe(400);
    expect(await snapshot()).toBe(before);
    const rev = await desk.post(`/api/supplies/ledger/${seq}/reverse`, { reason: '应为 KN95，品目录错' });
    expect(rev.statusCode, rev.body).toBe(201);
    expect(rev.json()).toMatchObject({
      kind: 'reversal',
      quantity: -500,
      reversesSeq: seq,
      reason: '应为 KN95，品目录错',
    });
    expect((await desk.get(`/api/supplies/ledger/${seq}`)).json()).toMatchObject({ reversedBySeq: rev.json().seq });
    const after = await snapshot();
    expect((await desk.post(`/api/supplies/ledger/${seq}/reverse`, { reason: '再次' })).json().error.code).toBe(
      'LEDGER_ENTRY_REVERSED',
    );
    expect((await desk.post(`/api/supplies/ledger/${rev.json().seq}/reverse`, { reason: 'x' })).json().error.code).toBe(
      'LEDGER_ENTRY_NOT_REVERSIBLE',
    );
    expect(await snapshot()).toBe(after);
    const audit = await t.db.selectFrom('audit_log').select('action').where('action', '=', 'ledger.reverse').execute();
    expect(audit).toHaveLength(1);
  });

  it('is append-only in the database: UPDATE and DELETE are refused', async () => {
    const before = await snapshot();
    await expect(sql`update ledger_entries set quantity = 1000 where seq = 1`.execute(t.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from ledger_entries where seq = 1`.execute(t.db)).rejects.toThrow(/append-only/);
    if (t.engine === 'postgres')
      await expect(sql`truncate ledger_entries cascade`.execute(t.db)).rejects.toThrow(/append-only/);
    expect(await snapshot()).toBe(before);
  });

  it('publishes the head at the end of each local day as a digest', async () => {
    t.clock.advance(9 * 3600_000); // 00:55 on 26 January in Pingyao; sessions are logged in again
    [desk, gutao, duancun] = (await Promise.all(['wuzizu', 'gutao', 'duancun'].map((u) => t.login(u, PASSWORD)))) as [
      Client,
      Client,
      Client,
    ];
    const res = await desk.post('/api/supplies/ledger/stocktake', {
      warehouseId: state.county,
      itemId: state.soap,
      quantity: 40,
      reason: '期初库存',
    });
    expect(res.statusCode, res.body).toBe(201);
    const pub = await t.anonymous.get('/api/public/ledger/digests');
    expect(pub.statusCode, pub.body).toBe(200);
    const body = pub.json();
    expect(body.days).toEqual([
      { day: '2020-01-25', seq: res.json().seq - 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    ]);
    expect(body.head).toMatchObject({ day: '2020-01-26', seq: res.json().seq, hash: res.json().hash });
    const verify = await t.anonymous.get('/api/public/ledger/verify');
    expect(verify.json()).toMatchObject({ ok: true, digestsChecked: 1, badDigests: [] });
  });

  it('gives figures per township: in, out and balance', async () => {
    const county = await suppliesFigures(t.db, scopeOf({ regionPath: tree.county.path }), { day: '2020-01-26' });
    expect(county).toContainEqual(
      expect.objectContaining({ regionPath: tree.county.path, itemCode: 'SOAP-BAR', in: 40, out: 0, balance: 40 }),
    );
    const own = await suppliesFigures(t.db, scopeOf({ regionPath: tree.gutao.path }), { day: '2020-01-25' });
    expect(own).toEqual([
      { regionPath: tree.gutao.path, itemCode: 'MASK-KN95', unit: '只', in: 10, out: 10, balance: 0 },
    ]);
    expect(await suppliesFigures(t.db, scopeOf({ regionPath: tree.duancun.path }), { day: '2020-01-25' })).toEqual([]);
  });
});

describe('jurisdiction', () => {
  it('hides 古陶镇’s warehouse, stock and ledger from 段村镇 (404, nothing changed)', async () => {
    const before = await snapshot();
    expect((await duancun.get(`/api/supplies/warehouses/${state.gutao}`)).statusCode).toBe(404);
    expect((await duancun.patch(`/api/supplies/warehouses/${state.gutao}`, { name: 'x' })).statusCode).toBe(404);
    expect((await duancun.get('/api/supplies/warehouses')).json().items).toEqual([]);
    expect((await duancun.get('/api/supplies/stock')).json()).toEqual([]);
    expect((await duancun.get('/api/supplies/ledger')).json().items).toEqual([]);
    expect((await duancun.get(`/api/supplies/ledger/${state.first}`)).statusCode).toBe(404);
    expect((await duancun.post(`/api/supplies/ledger/${state.first}/reverse`, { reason: 'x' })).statusCode).toBe(404);
    const put = await duancun.post('/api/supplies/ledger/stocktake', {
      warehouseId: state.gutao,
      itemId: kn95,
      quantity: 5,
      reason: 'x',
    });
    expect(put.statusCode).toBe(404);
    expect((await gutao.get(`/api/supplies/warehouses/${state.county}`)).statusCode).toBe(404);
    expect(await snapshot()).toBe(before);
    const mine = (await gutao.get('/api/supplies/ledger')).json().items;
    expect(mine.length).toBeGreaterThan(0);
    expectAll(mine, (e: { warehouseId: string }) => e.warehouseId === state.gutao);
  });
});

describe('tamper evidence', () => {
  it('names the first entry changed behind the database’s back', async () => {
    expect((await verifyLedger(t.db)).ok).toBe(true);
    if (t.engine === 'postgres') {
      await sql`alter table ledger_entries disable trigger user`.execute(t.db);
      await sql`update ledger_entries set quantity = 100 where seq = 1`.execute(t.db);
      await sql`alter table ledger_entries enable trigger user`.execute(t.db);
    } else {
      await sql`drop trigger ledger_entries_no_update`.execute(t.db);
      await sql`update ledger_entries set quantity = 100 where seq = 1`.execute(t.db);
    }
    const res = await t.anonymous.get('/api/public/ledger/verify');
    expect(res.json()).toMatchObject({ ok: false, firstBroken: { seq: 1, problem: 'hash' } });
    expect(res.json().balanceMismatches).toBeGreaterThan(0);
  });
});
