import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { expectAll } from '../../testing/expect-all';
import { GLOBAL_SCOPE, scopeOf } from '../../access/scope';
import { supplyRequestFigures, verifyLedger } from './index';

/**
 * Requests, allocation and delivery (申领 / 调拨 / 签收) through the API. 东城村's checkpoint asks
 * for masks; its own township (古陶镇) approves part of it; the county desk allocates from the
 * county store with a courier; the checkpoint signs for fewer than were sent, with the reason, and
 * the desk sees the shortfall. Designated (定向) masks for the county hospital go there, and
 * elsewhere only by the command centre's recorded decision, which the public ledger prints. Fifty
 * allocations at once against ten in stock leave exactly ten sent. 段村镇 sees none of it.
 */
let t: TestApp;
let desk: Client;
let command: Client;
let gutao: Client;
let duancun: Client;
let crew: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
const w: Record<string, string> = {};
const state: Record<string, string> = {};
const items: Record<string, string> = {};

async function snapshot() {
  const tables = [
    'supply_requests',
    'supply_request_lines',
    'allocations',
    'ledger_entries',
    'stock_balances',
  ] as const;
  const out = [];
  for (const table of tables) out.push(await t.db.selectFrom(table).selectAll().execute());
  return JSON.stringify(out);
}

async function stockOf(warehouseId: string | undefined, batch: string) {
  const rows = (await desk.get(`/api/supplies/stock?warehouseId=${warehouseId}`)).json() as {
    batch: string;
    itemId: string;
    quantity: number;
  }[];
  return rows.filter((r) => r.batch === batch).reduce((a, r) => a + r.quantity, 0);
}

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'wuzizu', 'supplies', tree.county);
  await makeUser(t.db, t.clock, 'zhihuibu', 'command', tree.county);
  await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'duancun', 'township', tree.duancun);
  await makeUser(t.db, t.clock, 'kakou', 'checkpoint', tree.dongcheng);
  [desk, command, gutao, duancun, crew] = (await Promise.all(
    ['wuzizu', 'zhihuibu', 'gutao', 'duancun', 'kakou'].map((u) => t.login(u, PASSWORD)),
  )) as [Client, Client, Client, Client, Client];
  for (const i of (await desk.get('/api/supplies/items')).json() as { code: string; id: string }[])
    items[i.code] = i.id;
  const make = async (c: Client, key: string, name: string, kind: string, regionId: string) => {
    const res = await c.post('/api/supplies/warehouses', { name, kind, regionId });
    expect(res.statusCode, res.body).toBe(201);
    w[key] = res.json().id;
  };
  await make(desk, 'county', '县物资储备库', 'county', tree.county.id);
  await make(desk, 'hospital', '平遥县人民医院物资库', 'hospital', tree.county.id);
  await make(gutao, 'checkpoint', '东城村卡口', 'checkpoint', tree.dongcheng.id);
  await make(duancun, 'duancun', '段村镇物资站', 'township', tree.duancun.id);
  const stock = await desk.post('/api/supplies/ledger/stocktake', {
    warehouseId: w.county,
    itemId: items['MASK-KN95'],
    batch: 'B1',
    quantity: 1000,
    reason: '期初库存',
  });
  expect(stock.statusCode, stock.body).toBe(201);
});
afterAll(async () => t.close());

describe('requests (申领)', () => {
  it('a checkpoint asks for masks and gloves, for its own site only', async () => {
    const res = await crew.post('/api/supplies/requests', {
      warehouseId: w.checkpoint,
      note: '夜班口罩不够',
      lines: [
        { itemId: items['MASK-KN95'], quantity: 500, needBy: '2020-01-28' },
        { itemId: items['GLOVES'], quantity: 100 },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'none',
      approved: false,
      warehouseName: '东城村卡口',
      requestedByName: 'kakou',
      needBy: '2020-01-28',
      lines: [
        { lineNo: 1, itemName: 'KN95 口罩', quantity: 500, approvedQuantity: null },
        { lineNo: 2, quantity: 100 },
      ],
    });
    state.request = res.json().id;
    state.maskLine = res.json().lines[0].id;
    state.gloveLine = res.json().lines[1].id;
    const elsewhere = await crew.post('/api/supplies/requests', {
      warehouseId: w.duancun,
      lines: [{ itemId: items['MASK-KN95'], quantity: 1 }],
    });
    expect(elsewhere.json().error.code).toBe('WAREHOUSE_NOT_FOUND');
  });

  it('is approved by the level above, never by the requester, in part', async () => {
    const before = await snapshot();
    const own = await crew.post(`/api/supplies/requests/${state.request}/approve`, {
      lines: [{ lineId: state.maskLine, approvedQuantity: 500 }],
    });
    expect(own.statusCode).toBe(403);
    const tooMany = await gutao.post(`/api/supplies/requests/${state.request}/approve`, {
      lines: [{ lineId: state.maskLine, approvedQuantity: 501 }],
    });
    expect(tooMany.json().error.code).toBe('SUPPLY_APPROVAL_EXCEEDS_REQUEST');
    const outside = await duancun.post(`/api/supplies/requests/${state.request}/approve`, {
      lines: [{ lineId: state.maskLine, approvedQuantity: 1 }],
    });
    expect(outside.statusCode).toBe(404);
    expect(await snapshot()).toBe(before);
    const res = await gutao.post(`/api/supplies/requests/${state.request}/approve`, {
      lines: [
        { lineId: state.maskLine, approvedQuantity: 300 },
        { lineId: state.gloveLine, approvedQuantity: 0 },
      ],
      note: '先保障300只',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'none',
      approved: true,
      lines: [{ approvedQuantity: 300, approvedByName: 'gutao', approvalNote: '先保障300只' }, { approvedQuantity: 0 }],
    });
  });

  it('a township user at the same node as the site is not the level above', async () => {
    await makeUser(t.db, t.clock, 'cunwei', 'township', tree.dongcheng);
    const village = await t.login('cunwei', PASSWORD);
    const res = await village.post(`/api/supplies/requests/${state.request}/approve`, {
      lines: [{ lineId: state.maskLine, approvedQuantity: 300 }],
    });
    expect(res.json().error.code).toBe('SUPPLY_REQUEST_APPROVER');
  });

  it('the queue shows the oldest unmet first', async () => {
    t.clock.advance(60_000);
    const later = await crew.post('/api/supplies/requests', {
      warehouseId: w.checkpoint,
      lines: [{ itemId: items['DISINFECTANT-84'], quantity: 20 }],
    });
    expect(later.statusCode, later.body).toBe(201);
    state.later = later.json().id;
    const queue = (await desk.get('/api/supplies/requests')).json();
    expect(queue.items.map((r: { id: string }) => r.id)).toEqual([state.request, state.later]);
    const all = (await desk.get('/api/supplies/requests?state=all')).json();
    expect(all.items.map((r: { id: string }) => r.id)).toEqual([state.later, state.request]);
  });
});

describe('allocation and delivery (调拨 / 签收)', () => {
  it('sends against the approved quantity only, from stock, with the courier', async () => {
    const base = {
      fromWarehouseId: w.county,
      toWarehouseId: w.checkpoint,
      itemId: items['MASK-KN95'],
      batch: 'B1',
      courier: '张师傅',
      courierPhone: '13812345678',
      requestLineId: state.maskLine,
    };
    const before = await snapshot();
    const over = await desk.post('/api/supplies/allocations', { ...base, quantity: 301 });
    expect(over.json().error.code).toBe('SUPPLY_REQUEST_LINE_NOT_APPROVED');
    const wrong = await desk.post('/api/supplies/allocations', { ...base, toWarehouseId: w.hospital, quantity: 1 });
    expect(wrong.json().error.code).toBe('ALLOCATION_NOT_FOR_LINE');
    const gloves = await desk.post('/api/supplies/allocations', {
      ...base,
      itemId: items['GLOVES'],
      requestLineId: state.gloveLine,
      quantity: 1,
    });
    expect(gloves.json().error.code).toBe('STOCK_INSUFFICIENT');
    expect(await snapshot()).toBe(before);

    const res = await desk.post('/api/supplies/allocations', { ...base, quantity: 300 });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'in_transit',
      quantity: 300,
      courier: '张师傅',
      courierPhone: '138****5678',
      fromWarehouseName: '县物资储备库',
      toWarehouseName: '东城村卡口',
      requestId: state.request,
      receivedQuantity: null,
    });
    state.allocation = res.json().id;
    expect(await stockOf(w.county, 'B1')).toBe(700);
    const entry = (await desk.get(`/api/supplies/ledger?kind=allocation`)).json().items[0];
    expect(entry).toMatchObject({ quantity: -300, counterparty: '东城村卡口', refType: 'allocation' });
    const reveal = await desk.post(`/api/supplies/allocations/${state.allocation}/courier-phone/reveal`);
    expect(reveal.json()).toEqual({ phone: '13812345678' });
  });

  it('the checkpoint sees it coming and signs for what arrived; a shortfall needs its reason', async () => {
    const incoming = (await crew.get('/api/supplies/allocations?view=incoming')).json();
    expect(incoming.items.map((a: { id: string }) => a.id)).toEqual([state.allocation]);
    const before = await snapshot();
    const silent = await crew.post(`/api/supplies/allocations/${state.allocation}/confirm`, { receivedQuantity: 290 });
    expect(silent.json().error.code).toBe('ALLOCATION_DISCREPANCY_UNEXPLAINED');
    const more = await crew.post(`/api/supplies/allocations/${state.allocation}/confirm`, { receivedQuantity: 301 });
    expect(more.statusCode).toBe(400);
    const outside = await duancun.post(`/api/supplies/allocations/${state.allocation}/confirm`, {
      receivedQuantity: 300,
    });
    expect(outside.statusCode).toBe(404);
    expect(await snapshot()).toBe(before);

    const res = await crew.post(`/api/supplies/allocations/${state.allocation}/confirm`, {
      receivedQuantity: 290,
      discrepancyReason: '一箱途中受潮',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'received',
      receivedQuantity: 290,
      shortfall: 10,
      discrepancyReason: '一箱途中受潮',
      receivedByName: 'kakou',
    });
    expect(await stockOf(w.checkpoint, 'B1')).toBe(290);
    const again = await crew.post(`/api/supplies/allocations/${state.allocation}/confirm`, { receivedQuantity: 300 });
    expect(again.json().error.code).toBe('ALLOCATION_RECEIVED');
  });

  it('shows the sender the discrepancy, and the request follows what was delivered', async () => {
    const short = (await desk.get('/api/supplies/allocations?view=discrepancies')).json();
    expect(short.items).toEqual([expect.objectContaining({ id: state.allocation, shortfall: 10 })]);
    const r = (await crew.get(`/api/supplies/requests/${state.request}`)).json();
    expect(r).toMatchObject({ status: 'partial', lines: [{ allocatedQuantity: 300, deliveredQuantity: 290 }, {}] });
    // the level above approves what was actually signed for: the request is complete
    const done = await gutao.post(`/api/supplies/requests/${state.request}/approve`, {
      lines: [{ lineId: state.maskLine, approvedQuantity: 300 }],
    });
    expect(done.json().status).toBe('partial');
    const rest = await desk.post('/api/supplies/allocations', {
      fromWarehouseId: w.county,
      toWarehouseId: w.checkpoint,
      itemId: items['MASK-KN95'],
      batch: 'B1',
      courier: '张师傅',
      requestLineId: state.maskLine,
      quantity: 1,
    });
    expect(rest.json().error.code).toBe('SUPPLY_REQUEST_LINE_NOT_APPROVED');
    const cancel = await crew.post(`/api/supplies/requests/${state.later}/cancel`, { reason: '已从乡镇调剂' });
    expect(cancel.json()).toMatchObject({ status: 'cancelled', cancelReason: '已从乡镇调剂' });
    const queue = (await desk.get('/api/supplies/requests')).json();
    expect(queue.items.map((x: { id: string }) => x.id)).toEqual([state.request]);
  });

  it('a request is complete once every approved quantity has arrived', async () => {
    const req = await crew.post('/api/supplies/requests', {
      warehouseId: w.checkpoint,
      lines: [{ itemId: items['MASK-KN95'], quantity: 20 }],
    });
    const line = req.json().lines[0].id;
    await desk.post(`/api/supplies/requests/${req.json().id}/approve`, {
      lines: [{ lineId: line, approvedQuantity: 20 }],
    });
    const a = await desk.post('/api/supplies/allocations', {
      fromWarehouseId: w.county,
      toWarehouseId: w.checkpoint,
      itemId: items['MASK-KN95'],
      batch: 'B1',
      courier: '李师傅',
      requestLineId: line,
      quantity: 20,
    });
    expect(a.statusCode, a.body).toBe(201);
    await crew.post(`/api/supplies/allocations/${a.json().id}/confirm`, { receivedQuantity: 20 });
    expect((await crew.get(`/api/supplies/requests/${req.json().id}`)).json().status).toBe('complete');
  });
});

describe('designated donations (定向捐赠)', () => {
  it('go to the designated unit; elsewhere only by the command centre’s recorded decision', async () => {
    const d = await desk.post('/api/donations', {
      donor: { kind: 'company', name: '晋中市恒信医药有限公司' },
      regionId: tree.county.id,
      donatedOn: '2020-01-25',
      purpose: 'designated',
      designatedTo: '平遥县人民医院',
      lines: [{ itemId: items['MASK-KN95'], quantity: 200 }],
    });
    expect(d.statusCode, d.body).toBe(201);
    const rec = await desk.post(`/api/donations/${d.json().id}/receive`, {
      warehouseId: w.county,
      lines: [{ lineId: d.json().lines[0].id, quantity: 200, batch: 'DX-0125', verdict: 'accepted' }],
    });
    expect(rec.statusCode, rec.body).toBe(200);
    const owed = await desk.get(
      `/api/supplies/allocations/designations?warehouseId=${w.county}&itemId=${items['MASK-KN95']}&batch=DX-0125`,
    );
    expect(owed.json()).toEqual([{ designatedTo: '平遥县人民医院', owed: 200 }]);

    const base = {
      fromWarehouseId: w.county,
      itemId: items['MASK-KN95'],
      batch: 'DX-0125',
      courier: '王师傅',
    };
    const before = await snapshot();
    const elsewhere = await desk.post('/api/supplies/allocations', {
      ...base,
      toWarehouseId: w.checkpoint,
      quantity: 50,
    });
    expect(elsewhere.statusCode).toBe(409);
    expect(elsewhere.json().error.code).toBe('DESIGNATED_STOCK_ELSEWHERE');
    const deskDecides = await desk.post('/api/supplies/allocations', {
      ...base,
      toWarehouseId: w.checkpoint,
      quantity: 50,
      designationDecision: '卡口告急',
    });
    expect(deskDecides.json().error.code).toBe('DESIGNATION_DECISION_ROLE');
    expect(await snapshot()).toBe(before);

    const honoured = await desk.post('/api/supplies/allocations', {
      ...base,
      toWarehouseId: w.hospital,
      quantity: 150,
    });
    expect(honoured.statusCode, honoured.body).toBe(201);
    expect(honoured.json()).toMatchObject({ designatedTo: '平遥县人民医院', decisionReason: null });

    const decided = await command.post('/api/supplies/allocations', {
      ...base,
      toWarehouseId: w.checkpoint,
      quantity: 50,
      designationDecision: '东城村卡口出现发热旅客，急需，经指挥部会议研究临时调剂',
    });
    expect(decided.statusCode, decided.body).toBe(201);
    expect(decided.json()).toMatchObject({
      designatedTo: '平遥县人民医院',
      decisionReason: '东城村卡口出现发热旅客，急需，经指挥部会议研究临时调剂',
      decisionByName: 'zhihuibu',
    });
    const entry = (await desk.get('/api/supplies/ledger?kind=allocation')).json().items[0];
    expect(entry.reason).toContain('指挥部决定：东城村卡口出现发热旅客');

    const pub = await t.anonymous.get('/api/public/ledger/designated');
    expect(pub.statusCode).toBe(200);
    expect(pub.json().items).toEqual([
      expect.objectContaining({ to: '东城村卡口', sent: 50, decisionReason: expect.stringContaining('指挥部') }),
      expect.objectContaining({ to: '平遥县人民医院物资库', sent: 150, decisionReason: null }),
    ]);
  });

  it('the public ledger shows where everything went, and nothing about people', async () => {
    const res = await t.anonymous.get('/api/public/ledger/allocations?limit=200');
    expect(res.statusCode).toBe(200);
    const all = res.json().items as Record<string, unknown>[];
    expect(all.find((a) => a.discrepancyReason === '一箱途中受潮')).toMatchObject({
      from: '县物资储备库',
      to: '东城村卡口',
      sent: 300,
      received: 290,
    });
    expect(res.body).not.toContain('张师傅');
    expect(res.body).not.toContain('1381234');
    expect(res.body).not.toContain('kakou');
    expect((await t.anonymous.get('/api/public/ledger/allocations?cursor=%7B%24gt')).statusCode).toBe(400);
  });
});

describe('jurisdiction', () => {
  it('段村镇 sees none of 古陶镇’s requests or allocations and cannot act on them (404)', async () => {
    expect((await duancun.get('/api/supplies/requests?state=all')).json().items).toEqual([]);
    expect((await duancun.get(`/api/supplies/requests/${state.request}`)).statusCode).toBe(404);
    expect((await duancun.post(`/api/supplies/requests/${state.request}/cancel`, { reason: 'x' })).statusCode).toBe(
      404,
    );
    expect((await duancun.get('/api/supplies/allocations')).json().items).toEqual([]);
    expect((await duancun.get('/api/supplies/allocations?view=incoming')).json().items).toEqual([]);
    expect((await duancun.get(`/api/supplies/allocations/${state.allocation}`)).statusCode).toBe(404);
    expect((await duancun.post(`/api/supplies/allocations/${state.allocation}/courier-phone/reveal`)).statusCode).toBe(
      404,
    );
    const steal = await duancun.post('/api/supplies/allocations', {
      fromWarehouseId: w.county,
      toWarehouseId: w.duancun,
      itemId: items['MASK-KN95'],
      batch: 'B1',
      courier: 'x',
      quantity: 1,
    });
    expect(steal.json().error.code).toBe('WAREHOUSE_NOT_FOUND');
    // the checkpoint (the recipient) sees the allocation; it did not send it
    expect((await crew.get(`/api/supplies/allocations/${state.allocation}`)).statusCode).toBe(200);
    expect((await crew.get('/api/supplies/allocations?view=sent')).json().items).toEqual([]);
  });

  it('gives figures per township, scoped', async () => {
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(t.clock.now());
    const all = await supplyRequestFigures(t.db, GLOBAL_SCOPE, { day, timeZone: 'Asia/Shanghai' });
    const gutaoRow = all.find((f) => f.regionPath === tree.gutao.path);
    expect(gutaoRow).toMatchObject({ openRequests: 1, awaitingApproval: 0, approvedUndelivered: 10 });
    const county = all.find((f) => f.regionPath === tree.county.path);
    expect(county).toMatchObject({ discrepancies: 1, received: 310 });
    expect(county!.sent).toBe(300 + 20 + 150 + 50);
    const mine = await supplyRequestFigures(t.db, scopeOf({ regionPath: tree.duancun.path }), {
      day,
      timeZone: 'Asia/Shanghai',
    });
    expect(mine).toEqual([]);
  });
});

describe('never negative under concurrency', () => {
  it('fifty allocations of one against ten in stock: exactly ten sent, forty refused STOCK_INSUFFICIENT', async () => {
    const s = await desk.post('/api/supplies/ledger/stocktake', {
      warehouseId: w.county,
      itemId: items['GOGGLES'],
      batch: 'C10',
      quantity: 10,
      reason: '期初库存',
    });
    expect(s.statusCode, s.body).toBe(201);
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        desk.post('/api/supplies/allocations', {
          fromWarehouseId: w.county,
          toWarehouseId: i % 2 ? w.hospital : w.checkpoint,
          itemId: items['GOGGLES'],
          batch: 'C10',
          courier: `骑手${i}`,
          quantity: 1,
        }),
      ),
    );
    expect(results.filter((r) => r.statusCode === 201)).toHaveLength(10);
    const refused = results.filter((r) => r.statusCode !== 201);
    expect(refused).toHaveLength(40);
    expectAll(refused, (r) => r.statusCode === 409 && r.json().error.code === 'STOCK_INSUFFICIENT');
    expect(await stockOf(w.county, 'C10')).toBe(0);
    const rows = await t.db.selectFrom('allocations').select('id').where('batch', '=', 'C10').execute();
    expect(rows).toHaveLength(10);
    expect(await verifyLedger(t.db)).toMatchObject({ ok: true, firstBroken: null, balanceMismatches: 0 });
  });
});
