import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp, type Client } from '../../testing/test-app';
import { makeTree, makeUser, PASSWORD } from '../../testing/factories';
import { verifyLedger } from '../supplies';

/**
 * Donations in through the API: the county's supplies desk registers a company's masks (declared
 * N95, really KN95), an anonymous donor's 1,000 yuan (the desk knows him as 王大爷; the public never
 * does) and an individual's eggs for 古陶镇; receives them (the N95 line as KN95 with the reason,
 * a spoiled part refused); the certificate gets its serial and code; the public ledger shows 匿名,
 * the correction and the path, and no phone or private name; 段村镇 sees none of 古陶镇's.
 */
let t: TestApp;
let desk: Client;
let gutao: Client;
let duancun: Client;
let tree: Awaited<ReturnType<typeof makeTree>>;
const state: Record<string, string> = {};
const items: Record<string, string> = {};

async function snapshot() {
  const tables = [
    'donors',
    'donations',
    'donation_lines',
    'donation_receipts',
    'ledger_entries',
    'stock_balances',
  ] as const;
  const out = [];
  for (const table of tables) out.push(await t.db.selectFrom(table).selectAll().execute());
  return JSON.stringify(out);
}

beforeAll(async () => {
  t = await testApp();
  tree = await makeTree(t.db, t.clock);
  await makeUser(t.db, t.clock, 'wuzizu', 'supplies', tree.county);
  await makeUser(t.db, t.clock, 'gutao', 'township', tree.gutao);
  await makeUser(t.db, t.clock, 'duancun', 'township', tree.duancun);
  [desk, gutao, duancun] = (await Promise.all(['wuzizu', 'gutao', 'duancun'].map((u) => t.login(u, PASSWORD)))) as [
    Client,
    Client,
    Client,
  ];
  for (const i of (await desk.get('/api/supplies/items')).json() as { code: string; id: string }[])
    items[i.code] = i.id;
  state.county = (
    await desk.post('/api/supplies/warehouses', { name: '县物资储备库', kind: 'county', regionId: tree.county.id })
  ).json().id;
  state.gutaoStore = (
    await gutao.post('/api/supplies/warehouses', { name: '古陶镇物资站', kind: 'township', regionId: tree.gutao.id })
  ).json().id;
});
afterAll(async () => t.close());

describe('registering donations', () => {
  it('registers a company’s goods, designated to the county hospital', async () => {
    const res = await desk.post('/api/donations', {
      donor: { kind: 'company', name: '平遥县晋商实业有限公司', contactName: '李经理', phone: '13912345678' },
      regionId: tree.county.id,
      donatedOn: '2020-01-25',
      purpose: 'designated',
      designatedTo: '平遥县人民医院',
      lines: [
        { itemId: items['MASK-N95'], quantity: 1000, declaredValue: 15000 },
        { itemId: items['GLOVES'], quantity: 500 },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    const d = res.json();
    expect(d).toMatchObject({
      status: 'declared',
      kind: 'goods',
      purpose: 'designated',
      designatedTo: '平遥县人民医院',
      donor: { kind: 'company', publicName: '平遥县晋商实业有限公司' },
      donorPhone: '139****5678',
      certificateSerial: null,
    });
    expect(d.lines.map((l: { itemName: string; quantity: number }) => [l.itemName, l.quantity])).toEqual([
      ['N95 口罩', 1000],
      ['医用手套', 500],
    ]);
    state.company = d.id;
    state.n95Line = d.lines[0].id;
    state.glovesLine = d.lines[1].id;
  });

  it('registers an anonymous donor’s money: staff keep what he gave, the public name is 匿名', async () => {
    const res = await desk.post('/api/donations', {
      donor: { kind: 'anonymous', name: '王大爷', note: '不愿透露姓名' },
      regionId: tree.gutao.id,
      donatedOn: '2020-01-25',
      money: { amount: 1000, channel: '现金' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      kind: 'money',
      moneyChannel: '现金',
      donor: { kind: 'anonymous', name: '王大爷', publicName: '匿名' },
      lines: [{ itemName: '捐款', quantity: 1000, unit: '元' }],
    });
    state.anonymous = res.json().id;
    state.moneyLine = res.json().lines[0].id;
  });

  it('refuses bad input and changes nothing', async () => {
    const before = await snapshot();
    const base = { regionId: tree.county.id, donatedOn: '2020-01-25', donor: { kind: 'company', name: '某公司' } };
    for (const body of [
      { ...base, lines: [{ itemId: items['EGGS'], quantity: 0 }] },
      { ...base, lines: [{ itemId: items['EGGS'], quantity: 10 }], money: { amount: 5, channel: '微信' } },
      { ...base, donor: { kind: 'individual' }, lines: [{ itemId: items['EGGS'], quantity: 10 }] },
      { ...base, purpose: 'designated', lines: [{ itemId: items['EGGS'], quantity: 10 }] },
      { ...base, lines: [{ itemId: items['MONEY'], quantity: 10 }] },
    ]) {
      const res = await desk.post('/api/donations', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    const elsewhere = await gutao.post('/api/donations', { ...base, lines: [{ itemId: items['EGGS'], quantity: 10 }] });
    expect(elsewhere.json().error.code).toBe('REGION_NOT_FOUND');
    expect(await snapshot()).toBe(before);
  });
});

describe('receiving (验收)', () => {
  it('wants the reason when what arrived is not what was declared, and changes nothing without it', async () => {
    const before = await snapshot();
    const res = await desk.post(`/api/donations/${state.company}/receive`, {
      warehouseId: state.county,
      lines: [
        { lineId: state.n95Line, itemId: items['MASK-KN95'], quantity: 1000, batch: 'KN20200120', verdict: 'accepted' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('DONATION_DISCREPANCY_UNEXPLAINED');
    expect(await snapshot()).toBe(before);
  });

  it('receives the "N95" as KN95 with the reason, refuses part of the gloves, issues the certificate', async () => {
    const res = await desk.post(`/api/donations/${state.company}/receive`, {
      warehouseId: state.county,
      lines: [
        {
          lineId: state.n95Line,
          itemId: items['MASK-KN95'],
          quantity: 1000,
          batch: 'KN20200120',
          expiry: '2022-01-19',
          verdict: 'accepted',
          discrepancyReason: '包装标 N95，实为 KN95（GB 2626-2006），按 KN95 入库',
        },
      ],
    });
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json();
    expect(d.status).toBe('partial');
    expect(d.certificateSerial).toBe('JZ20200125-0001');
    expect(d.certificateCode).toMatch(/^[A-Za-z0-9_-]{12}$/);
    state.code = d.certificateCode;
    expect(d.lines[0]).toMatchObject({
      itemName: 'N95 口罩',
      quantity: 1000,
      receipt: { itemName: 'KN95 口罩', quantity: 1000, verdict: 'accepted', warehouseName: '县物资储备库' },
    });
    expect(d.lines[0].receipt.ledgerSeq).toBeGreaterThan(0);

    const gloves = await desk.post(`/api/donations/${state.company}/receive`, {
      warehouseId: state.county,
      lines: [
        {
          lineId: state.glovesLine,
          quantity: 500,
          verdict: 'rejected',
          verdictReason: '外包装破损受潮',
        },
      ],
    });
    expect(gloves.statusCode, gloves.body).toBe(200);
    expect(gloves.json()).toMatchObject({ status: 'received', certificateSerial: 'JZ20200125-0001' });
    const stock = (await desk.get(`/api/supplies/stock?warehouseId=${state.county}`)).json();
    expect(stock).toEqual([expect.objectContaining({ itemCode: 'MASK-KN95', quantity: 1000, batch: 'KN20200120' })]);
  });

  it('never receives a line twice: the first receipt stands', async () => {
    const before = await snapshot();
    const res = await desk.post(`/api/donations/${state.company}/receive`, {
      warehouseId: state.county,
      lines: [{ lineId: state.glovesLine, quantity: 500, verdict: 'accepted', discrepancyReason: '复检合格' }],
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('DONATION_LINE_RECEIVED');
    expect(await snapshot()).toBe(before);
  });

  it('receives the money into 古陶镇 and gives the certificate for printing', async () => {
    const res = await gutao.post(`/api/donations/${state.anonymous}/receive`, {
      warehouseId: state.gutaoStore,
      lines: [{ lineId: state.moneyLine, quantity: 1000, verdict: 'accepted' }],
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().certificateSerial).toBe('JZ20200125-0002');
    const cert = (await gutao.get(`/api/donations/${state.anonymous}/certificate`)).json();
    expect(cert).toMatchObject({
      serial: 'JZ20200125-0002',
      donorName: '爱心人士',
      issuer: '古陶镇',
      items: [{ itemName: '捐款', quantity: 1000, unit: '元' }],
    });
    expect(cert.verifyPath).toBe(`/ledger?code=${cert.code}`);
    expect((await verifyLedger(t.db)).ok).toBe(true);
  });

  it('reveals the donor’s phone to staff, audited', async () => {
    const res = await desk.post(`/api/donations/${state.company}/donor-phone/reveal`);
    expect(res.json()).toEqual({ phone: '13912345678' });
    const audited = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'donation.donor.reveal')
      .execute();
    expect(audited).toHaveLength(1);
  });
});

describe('the public ledger', () => {
  it('shows donations received with 匿名 and the corrected item, and nothing private', async () => {
    const res = await t.anonymous.get('/api/public/ledger');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.receipts).toEqual([
      expect.objectContaining({ donor: '匿名', item: '捐款', quantity: 1000, unit: '元', warehouse: '古陶镇物资站' }),
      expect.objectContaining({
        donor: '平遥县晋商实业有限公司',
        item: 'KN95 口罩',
        declaredItem: 'N95 口罩',
        quantity: 1000,
        purpose: 'designated',
        designatedTo: '平遥县人民医院',
      }),
    ]);
    expect(body.balances).toEqual(
      expect.arrayContaining([
        { item: 'KN95 口罩', unit: '只', quantity: 1000 },
        { item: '捐款', unit: '元', quantity: 1000 },
      ]),
    );
    expect(body.head.seq).toBe(2);
    for (const text of [res.body, (await t.anonymous.get('/api/public/ledger.csv')).body]) {
      expect(text).not.toContain('王大爷');
      expect(text).not.toContain('13912345678');
      expect(text).not.toContain('139****5678');
      expect(text).not.toContain('李经理');
    }
    const csv = (await t.anonymous.get('/api/public/ledger.csv')).body;
    expect(csv).toContain('匿名,捐款,,1000,元');
    const xlsx = await t.anonymous.get('/api/public/ledger.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
  });

  it('finds a donation by its certificate code, with the correction and its path on the ledger', async () => {
    const res = await t.anonymous.get(`/api/public/ledger/donations/${state.code}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      serial: 'JZ20200125-0001',
      donor: '平遥县晋商实业有限公司',
      lines: [
        { declaredItem: 'N95 口罩', receivedItem: 'KN95 口罩', corrected: true, warehouse: '县物资储备库' },
        { declaredItem: '医用手套', verdict: 'rejected', corrected: false },
      ],
      path: [{ kind: 'receipt', item: 'KN95 口罩', quantity: 1000, warehouse: '县物资储备库' }],
    });
    expect(res.body).not.toContain('李经理');
    expect((await t.anonymous.get('/api/public/ledger/donations/made-up-code-0000')).statusCode).toBe(404);
    expect((await t.anonymous.get('/api/public/ledger/donations/%27%20or%201=1')).statusCode).toBe(400);
  });
});

describe('jurisdiction', () => {
  it('hides 古陶镇’s donation from 段村镇 (404, nothing changed) and the county’s from 古陶镇', async () => {
    const before = await snapshot();
    expect((await duancun.get(`/api/donations/${state.anonymous}`)).statusCode).toBe(404);
    expect((await duancun.get(`/api/donations/${state.anonymous}/certificate`)).statusCode).toBe(404);
    expect((await duancun.post(`/api/donations/${state.anonymous}/donor-phone/reveal`)).statusCode).toBe(404);
    expect(
      (
        await duancun.post(`/api/donations/${state.anonymous}/receive`, {
          warehouseId: state.gutaoStore,
          lines: [{ lineId: state.moneyLine, quantity: 1, verdict: 'accepted' }],
        })
      ).statusCode,
    ).toBe(404);
    expect((await duancun.get('/api/donations')).json().items).toEqual([]);
    expect((await gutao.get(`/api/donations/${state.company}`)).statusCode).toBe(404);
    expect((await gutao.get('/api/donations')).json().items.map((d: { id: string }) => d.id)).toEqual([
      state.anonymous,
    ]);
    expect(await snapshot()).toBe(before);
  });
});
