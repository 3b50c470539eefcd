import type { Db } from '../db/database';
import { ManualClock } from '../clock';
import type { Actor } from '../access/actor';
import type { RegionRow } from '../features/regions';
import type { UserTable } from '../features/users';
import { createWarehouse, verifyLedger } from '../features/supplies';
import { registerDonation, receiveDonation } from '../features/donations';
import { randomFullName } from './names';
import { Rng, WeightedPicker } from './random';

/**
 * The demo county's supplies, as the seeds count them: from 24 January to 6 February about 300
 * donations — companies' masks, gloves and suits, individuals' eggs and vegetables, anonymous cash
 * (不愿透露姓名), a neighbouring county's 25 t of vegetables — received into the county's store and
 * the townships' (money into the county's account). One company's "N95" is received as KN95 with the
 * correction visible; a few lines are refused at receiving. Written through the donations and
 * supplies features' own functions, so the ledger's chain and digests verify.
 */
export interface SuppliesDemoSummary {
  warehouses: number;
  donations: number;
  ledgerEntries: number;
  verified: boolean;
}

const COMPANIES = [
  '平遥县晋商实业有限公司',
  '平遥古城文化旅游有限公司',
  '山西晋中牛肉食品有限公司',
  '平遥县鑫源建材有限公司',
  '平遥县宏达物流有限公司',
  '晋中市恒信医药有限公司',
  '平遥县兴农蔬菜专业合作社',
  '平遥县福瑞超市',
  '山西太谷饼业有限公司',
  '平遥县通达汽运公司',
];
const ORGANISATIONS = ['平遥县红十字会', '平遥县工商联', '平遥县慈善总会', '介休市农业农村局（对口支援）'];

type Gift = { code: string; spec?: string; qty: [number, number] };
const COMPANY_GIFTS: Gift[] = [
  { code: 'MASK-SURGICAL', qty: [2000, 20000] },
  { code: 'MASK-MEDICAL', qty: [5000, 30000] },
  { code: 'MASK-KN95', spec: '耳挂式', qty: [500, 5000] },
  { code: 'GLOVES', spec: '丁腈 M', qty: [500, 5500] },
  { code: 'SUIT-PROTECTIVE', qty: [50, 500] },
  { code: 'GOGGLES', qty: [50, 300] },
  { code: 'DISINFECTANT-84', spec: '有效氯 5%', qty: [100, 2000] },
  { code: 'ALCOHOL-75', qty: [100, 1000] },
  { code: 'THERMOMETER-IR', qty: [10, 100] },
];
const FOOD_GIFTS: Gift[] = [
  { code: 'VEGETABLES', qty: [200, 5000] },
  { code: 'EGGS', qty: [50, 500] },
  { code: 'RICE', qty: [100, 1000] },
];
const KIND = new WeightedPicker(['company', 'organisation', 'individual', 'anonymous'] as const, [35, 10, 35, 20]);
const DAY = 86_400_000;

export async function buildSuppliesDemo(
  db: Db,
  opts: { county: RegionRow; townships: RegionRow[]; desk: UserTable; timeZone: string },
): Promise<SuppliesDemoSummary> {
  const rng = new Rng(20200124);
  const clock = new ManualClock(new Date('2020-01-24T01:00:00Z'));
  const ctx = { clock, timeZone: opts.timeZone };
  const actor: Actor = {
    id: opts.desk.id,
    username: opts.desk.username,
    displayName: opts.desk.display_name,
    role: 'supplies',
    regionId: opts.county.id,
    regionPath: opts.county.path,
    locale: 'zh-CN',
    ip: null,
    userAgent: null,
  };
  const items = new Map<string, string>();
  for (const [i, code] of [
    'MASK-MEDICAL-PROTECTIVE',
    'MASK-SURGICAL',
    'MASK-MEDICAL',
    'MASK-KN95',
    'MASK-N95',
    'SUIT-PROTECTIVE',
    'GOGGLES',
    'GLOVES',
    'DISINFECTANT-84',
    'ALCOHOL-75',
    'THERMOMETER-IR',
    'VEGETABLES',
    'EGGS',
    'RICE',
    'MONEY',
  ].entries())
    items.set(code, `01700000-0000-7000-8000-${String(i + 1).padStart(12, '0')}`);

  const countyStore = await createWarehouse(db, clock, actor, {
    name: '县疫情防控物资储备库',
    kind: 'county',
    regionId: opts.county.id,
    keeper: '物资组',
  });
  const account = await createWarehouse(db, clock, actor, {
    name: '县红十字会捐款专户',
    kind: 'county',
    regionId: opts.county.id,
  });
  const stations = [];
  for (const t of opts.townships.slice(0, 6))
    stations.push(
      await createWarehouse(db, clock, actor, { name: `${t.name}物资站`, kind: 'township', regionId: t.id }),
    );

  let donations = 0;
  const start = Date.parse('2020-01-24T01:00:00Z');
  const total = 300;
  let last = start;
  for (let n = 0; n < total; n++) {
    const at = Math.max(last, start + Math.floor((n / total) * 14 * DAY) + rng.int(0, 3600_000));
    clock.set(new Date(at));
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: opts.timeZone }).format(new Date(at));
    const kind = n === 7 ? 'company' : KIND.pick(rng);
    const township = opts.townships[rng.int(0, Math.min(6, opts.townships.length) - 1)]!;
    const toTownship = kind === 'individual' && rng.chance(0.6);
    const region = toTownship ? township : opts.county;
    const store = toTownship ? stations[opts.townships.indexOf(township)]! : countyStore;
    const money = kind === 'anonymous' ? rng.chance(0.7) : rng.chance(0.2);
    const donor =
      kind === 'company'
        ? {
            kind,
            name: COMPANIES[rng.int(0, COMPANIES.length - 1)]!,
            contactName: '经办人',
            phone: `139${String(rng.int(10000000, 99999999))}`,
          }
        : kind === 'organisation'
          ? { kind, name: ORGANISATIONS[rng.int(0, ORGANISATIONS.length - 1)]! }
          : kind === 'individual'
            ? { kind, name: randomFullName(rng, rng.chance(0.5) ? 'M' : 'F', rng.int(1950, 1995)) }
            : {
                kind,
                name: rng.chance(0.3) ? randomFullName(rng, 'M', rng.int(1940, 1960)) : null,
                note: '不愿透露姓名',
              };
    const gifts =
      kind === 'individual' || kind === 'anonymous' ? FOOD_GIFTS : rng.chance(0.2) ? FOOD_GIFTS : COMPANY_GIFTS;
    const lines =
      n === 7
        ? [{ itemId: items.get('MASK-N95')!, spec: '', quantity: 3000 }]
        : Array.from({ length: rng.int(1, 3) }, () => {
            const g = gifts[rng.int(0, gifts.length - 1)]!;
            return { itemId: items.get(g.code)!, spec: g.spec ?? '', quantity: rng.int(g.qty[0], g.qty[1]) };
          }).filter((l, i, all) => all.findIndex((x) => x.itemId === l.itemId) === i);
    const designated = kind === 'company' && rng.chance(0.25);
    const d = await registerDonation(db, ctx, actor, {
      donor,
      regionId: region.id,
      donatedOn: day,
      purpose: designated ? 'designated' : 'general',
      designatedTo: designated ? '平遥县人民医院' : null,
      ...(money
        ? {
            money: {
              amount: [200, 500, 1000, 2000, 6220, 10000][rng.int(0, 5)]!,
              channel: rng.chance(0.5) ? '现金' : '银行转账',
            },
          }
        : { lines }),
    });
    donations++;
    if (n >= total - 12) continue; // the last few are declared, still to be received
    clock.advance(rng.int(1, 5) * 3600_000);
    last = clock.now().getTime();
    await receiveDonation(db, ctx, actor, d.id, {
      warehouseId: money ? account.id : store.id,
      lines: d.lines.map((l) => {
        if (n === 7)
          return {
            lineId: l.id,
            itemId: items.get('MASK-KN95')!,
            quantity: l.quantity,
            batch: 'KN20200118',
            expiry: '2022-01-17',
            verdict: 'accepted' as const,
            discrepancyReason: '包装标 N95，实为 KN95（GB 2626-2006），按 KN95 入库',
          };
        const refused = !money && rng.chance(0.03);
        const short = !money && !refused && rng.chance(0.08) ? rng.int(1, Math.max(1, Math.floor(l.quantity / 20))) : 0;
        return {
          lineId: l.id,
          quantity: l.quantity - short,
          batch: money ? '' : `B${day.replaceAll('-', '')}${String(n).padStart(3, '0')}`,
          verdict: refused ? ('rejected' as const) : ('accepted' as const),
          verdictReason: refused ? '外包装破损受潮，不符合入库要求' : null,
          discrepancyReason: short ? `清点短少 ${short}${l.unit}` : null,
        };
      }),
    });
  }
  const v = await verifyLedger(db);
  return { warehouses: 2 + stations.length, donations, ledgerEntries: v.entries, verified: v.ok };
}
