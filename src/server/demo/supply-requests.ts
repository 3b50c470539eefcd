import type { Db } from '../db/database';
import { ManualClock } from '../clock';
import type { Actor } from '../access/actor';
import { scopeOf } from '../access/scope';
import type { RegionRow } from '../features/regions';
import type { UserTable } from '../features/users';
import {
  allocate,
  approveRequest,
  confirmDelivery,
  createRequest,
  createWarehouse,
  stockInScope,
  type AllocationContext,
} from '../features/supplies';
import { designatedStockOf } from '../features/donations';

/**
 * The demo county's requests, allocation and delivery (申领 / 调拨 / 签收) in the second week of
 * February, after the donations came in: the county hospital, the isolation hotel and three
 * checkpoints ask for masks, suits, gloves and disinfectant; the county's supplies desk approves (one
 * checkpoint in part, one still waiting), allocates from the county store with couriers, and the
 * sites sign for what arrived — one checkpoint ten masks short, with the reason; one delivery still
 * on the road. A company's designated (定向) gift for the county hospital, received under its own
 * batch, is delivered there. Written through the supplies and donations features' own functions.
 */
export interface SupplyRequestsDemoSummary {
  requests: number;
  allocations: number;
}

const ITEM = {
  kn95: '01700000-0000-7000-8000-000000000004',
  surgical: '01700000-0000-7000-8000-000000000002',
  suit: '01700000-0000-7000-8000-000000000006',
  gloves: '01700000-0000-7000-8000-000000000008',
  disinfectant: '01700000-0000-7000-8000-000000000009',
  thermometer: '01700000-0000-7000-8000-000000000011',
};
const HOUR = 3600_000;

function actorOf(u: UserTable): Actor {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    role: u.role,
    regionId: u.region_id,
    regionPath: u.region_path,
    locale: 'zh-CN',
    ip: null,
    userAgent: null,
  };
}

export async function buildSupplyRequestsDemo(
  db: Db,
  opts: { county: RegionRow; townships: RegionRow[]; users: Map<string, UserTable>; timeZone: string },
): Promise<SupplyRequestsDemoSummary> {
  const clock = new ManualClock(new Date('2020-02-07T08:00:00Z'));
  const ctx: AllocationContext = { clock, timeZone: opts.timeZone, designatedStockOf };
  const desk = actorOf(opts.users.get('supplies01')!);
  const seat = opts.townships[0]!;
  const seatCadre = actorOf(opts.users.get('township01')!);
  const crews = ['checkpoint01', 'checkpoint02', 'checkpoint03']
    .map((u) => opts.users.get(u))
    .filter((u): u is UserTable => u !== undefined)
    .map(actorOf);
  const regionOf = new Map(opts.townships.map((t) => [t.id, t]));

  const [countyStore] = (await stockInScope(db, scopeOf(desk), { itemId: ITEM.kn95 }))
    .filter((s) => s.warehouseName === '县疫情防控物资储备库')
    .map((s) => s.warehouseId);
  if (!countyStore) return { requests: 0, allocations: 0 };
  const hospital = await createWarehouse(db, clock, desk, {
    name: '平遥县人民医院物资库',
    kind: 'hospital',
    regionId: seat.id,
    keeper: '医院总务科',
  });
  const hotel = await createWarehouse(db, clock, desk, {
    name: '县集中隔离点（平遥宾馆）物资间',
    kind: 'isolation_site',
    regionId: seat.id,
  });
  const checkpoints: { crew: Actor; warehouse: Awaited<ReturnType<typeof createWarehouse>> }[] = [];
  for (const crew of crews) {
    const township = regionOf.get(crew.regionId!) ?? seat;
    checkpoints.push({
      crew,
      warehouse: await createWarehouse(db, clock, desk, {
        name: `${township.name}高速口卡点物资箱`,
        kind: 'checkpoint',
        regionId: township.id,
      }),
    });
  }

  /** A general (not designated) batch of the county store with at least `quantity` of the item. */
  const generalStock = async (itemId: string, quantity: number) => {
    for (const s of await stockInScope(db, scopeOf(desk), { warehouseId: countyStore, itemId })) {
      if (s.quantity < quantity) continue;
      const designated = await designatedStockOf(db, {
        warehouseId: countyStore,
        itemId,
        spec: s.spec,
        batch: s.batch,
      });
      if (designated.size === 0) return s;
    }
    return null;
  };
  let allocations = 0;
  const send = async (
    request: Awaited<ReturnType<typeof createRequest>>,
    lineNo: number,
    courier: string,
    phone: string,
  ) => {
    const line = request.lines[lineNo]!;
    const quantity = (line.approvedQuantity ?? 0) - line.allocatedQuantity;
    const stock = await generalStock(line.itemId, quantity);
    if (!stock || quantity <= 0) return null;
    clock.advance(HOUR / 2);
    allocations++;
    return allocate(db, ctx, desk, {
      fromWarehouseId: countyStore,
      toWarehouseId: request.warehouseId,
      itemId: line.itemId,
      spec: stock.spec,
      batch: stock.batch,
      quantity,
      courier,
      courierPhone: phone,
      requestLineId: line.id,
    });
  };

  // 7 February: the requests come in
  const hospitalRequest = await createRequest(db, clock, seatCadre, {
    warehouseId: hospital.id,
    note: '发热门诊和隔离病区三天用量',
    lines: [
      { itemId: ITEM.surgical, spec: '', quantity: 3000, needBy: '2020-02-08' },
      { itemId: ITEM.suit, spec: '', quantity: 100, needBy: '2020-02-08' },
    ],
  });
  clock.advance(HOUR);
  const hotelRequest = await createRequest(db, clock, seatCadre, {
    warehouseId: hotel.id,
    note: '隔离人员和工作人员每日更换口罩，房间消毒',
    lines: [
      { itemId: ITEM.surgical, spec: '', quantity: 1000, needBy: '2020-02-09' },
      { itemId: ITEM.disinfectant, spec: '', quantity: 60, needBy: '2020-02-09' },
    ],
  });
  const checkpointRequests: Awaited<ReturnType<typeof createRequest>>[] = [];
  for (const [i, c] of checkpoints.entries()) {
    clock.advance(HOUR);
    checkpointRequests.push(
      await createRequest(db, clock, c.crew, {
        warehouseId: c.warehouse.id,
        note: i === 0 ? '夜班值守人员口罩不够' : null,
        lines: [
          { itemId: ITEM.surgical, spec: '', quantity: 600, needBy: '2020-02-10' },
          { itemId: ITEM.gloves, spec: '', quantity: 200, needBy: '2020-02-10' },
        ],
      }),
    );
  }

  // the supplies desk approves: the hospital in full, the hotel and the first checkpoint in part;
  // the last checkpoint's request is still waiting
  clock.advance(2 * HOUR);
  const approve = async (r: (typeof checkpointRequests)[number], quantities: number[], note: string | null) =>
    approveRequest(db, clock, desk, r.id, {
      lines: r.lines.map((l, i) => ({ lineId: l.id, approvedQuantity: quantities[i] ?? l.quantity })),
      note,
    });
  const approved = [
    await approve(hospitalRequest, [3000, 100], null),
    await approve(hotelRequest, [800, 60], '口罩先保障800只，余量视捐赠到货再调'),
    ...(checkpointRequests[0] ? [await approve(checkpointRequests[0], [400, 200], '按两班人员核定')] : []),
    ...(checkpointRequests[1] ? [await approve(checkpointRequests[1], [600, 200], null)] : []),
  ];

  // allocation from the county store; the sites sign for what arrived
  const sent = [];
  const couriers: [string, string][] = [
    ['县应急局 王建军', '13935401122'],
    ['县邮政 李志刚', '13835406677'],
    ['志愿者 张晓东', '15903542288'],
  ];
  for (const [i, r] of approved.entries())
    for (const lineNo of r.lines.keys()) {
      const [name, phone] = couriers[i % couriers.length]!;
      const a = await send(r, lineNo, name, phone);
      if (a) sent.push({ a, site: r.warehouseId });
    }
  clock.advance(3 * HOUR);
  const signer = (warehouseId: string) => checkpoints.find((c) => c.warehouse.id === warehouseId)?.crew ?? seatCadre;
  for (const [i, { a, site }] of sent.entries()) {
    if (i === sent.length - 1) break; // the last delivery is still on the road
    clock.advance(HOUR / 4);
    const short = site === checkpoints[0]?.warehouse.id && a.item_id === ITEM.surgical;
    await confirmDelivery(db, ctx, signer(site), a.id, {
      receivedQuantity: short ? a.quantity - 10 : a.quantity,
      discrepancyReason: short ? '运输途中一箱外包装破损，10只受污染未入库' : null,
    });
  }

  // a designated (定向) donation honoured: a company's gift for the county hospital, received into
  // the county store under its own batch, goes to the hospital in full
  clock.advance(HOUR);
  for (const s of await stockInScope(db, scopeOf(desk), { warehouseId: countyStore })) {
    const key = { warehouseId: countyStore, itemId: s.itemId, spec: s.spec, batch: s.batch };
    const owed = (await designatedStockOf(db, key)).get('平遥县人民医院') ?? 0;
    if (owed <= 0 || s.quantity < owed) continue;
    const designated = await allocate(db, ctx, desk, {
      fromWarehouseId: countyStore,
      toWarehouseId: hospital.id,
      itemId: s.itemId,
      spec: s.spec,
      batch: s.batch,
      quantity: owed,
      courier: '县应急局 王建军',
      courierPhone: '13935401122',
      note: '定向捐赠，按捐赠方意愿送县人民医院',
    });
    allocations++;
    clock.advance(HOUR);
    await confirmDelivery(db, ctx, seatCadre, designated.id, { receivedQuantity: owed });
    break;
  }

  return { requests: 2 + checkpointRequests.length, allocations };
}
