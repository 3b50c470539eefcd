import type { Db } from '../db/database';
import { ManualClock, startOfLocalDay, type Clock } from '../clock';
import { AppError } from '../errors';
import type { Actor } from '../access/actor';
import type { UserTable } from '../features/users';
import { appendMovements, coverRows, coverSettings, createWarehouse, reportConsumption } from '../features/supplies';
import { scopeOf } from '../access/scope';
import { Rng } from './random';

/**
 * A week of use at the demo county's sites (消耗登记), so days of cover and the low-cover alert have
 * something to show: four checkpoints' stores and the isolation hotel's, each with its own stock
 * booked eight days ago (a stocktake: the site's supplies when its store joined the ledger), then masks, gloves and disinfectant reported shift by shift
 * (早班 / 白班 / 夜班) by the site's own crew or observer up to now. The stocks are sized so that
 * some sites end below 3 days of cover and others well above. The days are the week before the
 * clock's now — or, when the clock is still inside the donations' fortnight (some tests), the week
 * after it, so the ledger's days keep their order.
 */
export interface CoverDemoSummary {
  sites: number;
  reports: number;
  lowCover: number;
}

const DAY = 86_400_000;
const SHIFTS = [
  { name: '早班', hour: 8 },
  { name: '白班', hour: 16 },
  { name: '夜班', hour: 23 },
] as const;

interface Site {
  name: string;
  kind: 'checkpoint' | 'isolation_site';
  crew: string;
  /** per shift: item code, [min, max] used, days of use the opening stock lasts */
  use: [code: string, perShift: [number, number], stockDays: number][];
}

const SITES: Site[] = [
  {
    name: '京昆高速平遥出口卡口物资点',
    kind: 'checkpoint',
    crew: 'checkpoint01',
    use: [
      ['MASK-MEDICAL', [14, 20], 20],
      ['GLOVES', [8, 12], 9],
    ],
  },
  {
    name: '京昆高速洪善出口卡口物资点',
    kind: 'checkpoint',
    crew: 'checkpoint02',
    use: [
      ['MASK-MEDICAL', [10, 16], 9.5],
      ['DISINFECTANT-84', [1, 2], 14],
    ],
  },
  {
    name: '平遥火车站卡口物资点',
    kind: 'checkpoint',
    crew: 'checkpoint03',
    use: [
      ['MASK-SURGICAL', [18, 26], 13],
      ['GLOVES', [6, 10], 16],
    ],
  },
  {
    name: '108国道宁固卡口物资点',
    kind: 'checkpoint',
    crew: 'checkpoint01',
    use: [['MASK-MEDICAL', [8, 12], 8.6]],
  },
  {
    name: '平遥宾馆（集中隔离点）物资库',
    kind: 'isolation_site',
    crew: 'observer01',
    use: [
      ['MASK-SURGICAL', [40, 60], 12],
      ['SUIT-PROTECTIVE', [3, 5], 9.2],
      ['DISINFECTANT-84', [3, 5], 10],
    ],
  },
];

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

export async function buildCoverDemo(
  db: Db,
  clock: Clock,
  opts: { users: Map<string, UserTable>; desk: UserTable; timeZone: string },
): Promise<CoverDemoSummary> {
  const rng = new Rng(20200207);
  const nowMs = clock.now().getTime();
  // the donations' fortnight ends on 7 February 2020 (demo/supplies.ts)
  const endMs = Math.max(nowMs, Date.parse('2020-02-15T12:00:00Z'));
  const local = new ManualClock(new Date(endMs - 8 * DAY));
  const ctx = { clock: local, timeZone: opts.timeZone };
  const desk = actorOf(opts.desk);
  const items = new Map(
    [
      'MASK-MEDICAL-PROTECTIVE',
      'MASK-SURGICAL',
      'MASK-MEDICAL',
      'MASK-KN95',
      'MASK-N95',
      'SUIT-PROTECTIVE',
      'GOGGLES',
      'GLOVES',
      'DISINFECTANT-84',
    ].map((code, i) => [code, `01700000-0000-7000-8000-${String(i + 1).padStart(12, '0')}`]),
  );
  const localDayOf = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: opts.timeZone }).format(new Date(ms));

  // each site: its store and its opening stock, eight days ago
  const stores = [];
  for (const [i, s] of SITES.entries()) {
    const crew = opts.users.get(s.crew);
    if (!crew?.region_id) continue;
    const store = await createWarehouse(db, local, desk, { name: s.name, kind: s.kind, regionId: crew.region_id });
    // the site's own stock, booked when its store joined the ledger (a stocktake with its reason)
    await db.transaction().execute((trx) =>
      appendMovements(
        trx,
        ctx,
        desk,
        s.use.map(([code, per, days]) => ({
          kind: 'stocktake' as const,
          warehouse: store,
          itemId: items.get(code)!,
          spec: '',
          batch: `S${localDayOf(local.now().getTime()).replaceAll('-', '')}${i}`,
          expiry: null,
          quantity: Math.round(((per[0] + per[1]) / 2) * SHIFTS.length * days),
          counterparty: null,
          refType: null,
          refId: null,
          reason: '建账盘点：站点原有库存',
        })),
      ),
    );
    stores.push({ site: s, store, crew: actorOf(crew) });
  }

  // shift by shift, up to now
  let reports = 0;
  const firstDay = localDayOf(endMs - 7 * DAY);
  for (let day = 0; day <= 7; day++) {
    for (const shift of SHIFTS) {
      const at = startOfLocalDay(firstDay, opts.timeZone).getTime() + day * DAY + shift.hour * 3600_000 - 30 * 60_000;
      if (at > endMs) continue;
      local.set(new Date(at));
      for (const { site, store, crew } of stores)
        for (const [code, per] of site.use) {
          const quantity = rng.int(per[0], per[1]);
          try {
            await reportConsumption(db, ctx, crew, {
              warehouseId: store.id,
              itemId: items.get(code)!,
              quantity,
              shift: shift.name,
            });
            reports++;
          } catch (err) {
            // the store ran dry: the crew reports nothing more of it (days of cover 0)
            if (!(err instanceof AppError && err.code === 'STOCK_INSUFFICIENT')) throw err;
          }
        }
    }
  }
  const { thresholdDays } = await coverSettings(db);
  const rows = await coverRows(db, scopeOf(desk), { day: localDayOf(endMs), thresholdDays });
  return { sites: stores.length, reports, lowCover: rows.filter((r) => r.low).length };
}
