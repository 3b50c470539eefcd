import type { CheckpointSiteTable, DutyAssignmentTable, DutyShiftTable } from '../features/checkpoints';
import type { RegionRow } from '../features/regions';
import {
  DAY,
  DAYS,
  FIRST_DAY,
  groupBy,
  HOUR,
  type Household,
  iso,
  type Profile,
  shuffle,
  SNAPSHOT,
  type SitePlan,
  type UserLite,
  VILLAGES_OPEN,
  villageName,
} from './checkpoint-model';
import { randomFullName } from './names';
import { randomMobile } from './people';
import type { Rng, TimedIds } from './random';

const ESTATES = [
  '金都',
  '阳光',
  '和谐',
  '翠苑',
  '锦绣',
  '明珠',
  '御景',
  '鑫源',
  '华府',
  '新城',
  '康乐',
  '惠民',
  '顺城',
  '柳根',
  '晋商',
  '古陶',
  '凤鸣',
  '泰和',
  '嘉园',
  '怡景',
  '书香',
  '恒大',
  '东湖',
  '西苑',
  '龙城',
  '迎薰',
  '文庙',
  '永安',
  '春晖',
  '瑞丰',
];
const ESTATE_KINDS = ['小区', '花园', '家园', '苑', '小区', '小区'];
const GATES = ['东门', '南门', '西门', '北门', '正门'];

const MAIN_SITES: readonly {
  township: string;
  name: string;
  kind: CheckpointSiteTable['kind'];
  profile: Profile;
  weight: number;
  address: string;
  unit: string;
  county: boolean;
}[] = [
  {
    township: '100',
    name: '京昆高速平遥出口',
    kind: 'highway_exit',
    profile: 'highway',
    weight: 2200,
    address: 'G5京昆高速平遥收费站出口',
    unit: '县公安局交警大队、县卫健局',
    county: false,
  },
  {
    township: '103',
    name: '京昆高速洪善出口',
    kind: 'highway_exit',
    profile: 'highway',
    weight: 1300,
    address: 'G5京昆高速洪善收费站出口',
    unit: '县公安局交警大队、洪善镇人民政府',
    county: true,
  },
  {
    township: '103',
    name: '平遥古城站',
    kind: 'station',
    profile: 'station',
    weight: 900,
    address: '洪善镇平遥古城站（大西高铁）出站口',
    unit: '县卫健局、县交通运输局',
    county: true,
  },
  {
    township: '001',
    name: '平遥火车站',
    kind: 'station',
    profile: 'station',
    weight: 600,
    address: '古城街道站马道平遥站出站口',
    unit: '县卫健局、平遥站',
    county: true,
  },
  {
    township: '104',
    name: '108国道宁固卡口',
    kind: 'national_road',
    profile: 'road',
    weight: 700,
    address: 'G108国道宁固段',
    unit: '宁固镇人民政府、县公安局',
    county: true,
  },
  {
    township: '201',
    name: '108国道中都卡口',
    kind: 'national_road',
    profile: 'road',
    weight: 600,
    address: 'G108国道中都段',
    unit: '中都乡人民政府、县公安局',
    county: true,
  },
  {
    township: '205',
    name: '省道S221朱坑卡口',
    kind: 'national_road',
    profile: 'road',
    weight: 450,
    address: 'S221省道朱坑段',
    unit: '朱坑乡人民政府',
    county: true,
  },
  {
    township: '203',
    name: '卜宜乡防控值班点',
    kind: 'duty_point',
    profile: 'duty',
    weight: 250,
    address: '卜宜乡人民政府门前',
    unit: '卜宜乡人民政府',
    county: true,
  },
];

/**
 * The sites: the main ones (highway exits, stations, roads, a duty point), an entrance to almost
 * every village and one or two gates of one or two estates in each street community. Each demo
 * checkpoint crew gets the first main site of their township for their own.
 */
export function planSites(
  rng: Rng,
  ids: TimedIds,
  scale: 'small' | 'county',
  townships: RegionRow[],
  villages: RegionRow[],
  byVillage: Map<string, Household[]>,
  townshipByCode: (suffix: string) => RegionRow | undefined,
  users: UserLite[],
): SitePlan[] {
  const sites: SitePlan[] = [];
  const lead = () => ({
    name: randomFullName(rng, rng.chance(0.75) ? 'M' : 'F', rng.int(1962, 1990)),
    phone: randomMobile(rng),
  });
  const add = (p: {
    name: string;
    kind: CheckpointSiteTable['kind'];
    profile: Profile;
    region: RegionRow;
    township: RegionRow;
    weight: number;
    address: string;
    unit: string;
    hours?: string;
    createdMs: number;
    households?: Household[];
    label?: string;
  }) => {
    const l = lead();
    const at = iso(p.createdMs);
    sites.push({
      row: {
        id: ids.at(p.createdMs),
        name: p.name,
        kind: p.kind,
        region_id: p.region.id,
        region_path: p.region.path,
        address: p.address,
        responsible_unit: p.unit,
        lead_name: l.name,
        lead_phone: l.phone,
        hours: p.hours ?? '24h',
        status: 'active',
        created_at: at,
        updated_at: at,
      },
      profile: p.profile,
      township: p.township,
      households: p.households ?? [],
      weight: p.weight,
      opens: p.profile === 'village' || p.profile === 'compound' ? VILLAGES_OPEN : 0,
      recorderId: null,
      crewUser: null,
      label: p.label ?? p.township.name,
    });
  };
  // Main sites were set up on 19 January, the eve of the first day.
  for (const m of MAIN_SITES) {
    if (scale === 'small' && m.county) continue;
    const township = townshipByCode(m.township);
    if (!township) continue;
    // The small county's two villages are a sliver of the county; its highway exit carries a sliver of the traffic too.
    add({
      ...m,
      weight: scale === 'small' ? m.weight * 0.02 : m.weight,
      region: township,
      township,
      createdMs: Date.UTC(2020, 0, 19, 2) + rng.int(0, 6 * 60) * 60_000,
    });
  }
  const crews = users.filter((u) => u.role === 'checkpoint');
  for (const u of crews) {
    let own = sites.find((s) => s.crewUser === null && s.row.region_path.startsWith(u.region_path));
    if (!own && scale === 'county') {
      const township = townships.find((t) => t.id === u.region_id);
      if (!township) continue;
      add({
        name: `${township.name}防控值班点`,
        kind: 'duty_point',
        profile: 'duty',
        region: township,
        township,
        weight: 250,
        address: `${township.name}人民政府门前`,
        unit: `${township.name}人民政府`,
        createdMs: Date.UTC(2020, 0, 19, 6),
      });
      own = sites[sites.length - 1];
    }
    if (own) own.crewUser = u;
  }

  // Village entrances and compound gates: set up on 23 January, opened on the 24th.
  const shuffledEstates = shuffle(rng, [...ESTATES]);
  let estate = 0;
  for (const v of villages) {
    const households = byVillage.get(v.id) ?? [];
    const township = townships.find((t) => t.id === v.parent_id);
    if (!township || households.length === 0) continue;
    const createdMs = Date.UTC(2020, 0, 23, 8) + rng.int(0, 4 * 60) * 60_000;
    const urban = households[0]!.urban;
    if (!urban) {
      if (scale === 'county' && !rng.chance(0.95)) continue;
      const name = villageName(v.name);
      add({
        name: `${name}村口卡点`,
        kind: 'village_entrance',
        profile: 'village',
        region: v,
        township,
        weight: 20 + 0.22 * households.length,
        address: `${township.name}${name}主路口`,
        unit: `${name}党支部、村委会`,
        hours: rng.chance(0.08) ? '06:00-22:00' : '24h',
        createdMs,
        households,
        label: name,
      });
      continue;
    }
    // A street community: one or two estates, one or two gates each.
    const estates = rng.int(1, 2);
    const gates: { name: string; address: string }[] = [];
    for (let e = 0; e < estates; e++) {
      const k = estate++;
      const estateName =
        shuffledEstates[k % shuffledEstates.length]! +
        rng.pick(ESTATE_KINDS) +
        (k >= shuffledEstates.length ? '二期' : '');
      const doors = shuffle(rng, [...GATES]).slice(0, estates === 1 ? 2 : rng.int(1, 2));
      for (const door of doors)
        gates.push({ name: estateName + door, address: `${township.name}${v.name}${estateName}` });
    }
    gates.forEach((g, gi) => {
      const served = households.filter((_, hi) => hi % gates.length === gi);
      add({
        name: g.name,
        kind: 'compound_gate',
        profile: 'compound',
        region: v,
        township,
        weight: 6 + 0.16 * served.length,
        address: g.address,
        unit: `${v.name}居委会`,
        hours: rng.chance(0.1) ? '06:00-23:00' : '24h',
        createdMs,
        households: served,
        label: g.name.slice(0, -2),
      });
    });
  }
  return sites;
}

/** Shift windows of a local day for a site's hours: three 8-hour shifts, or two halves of the open hours. */
function shiftWindows(hours: string): [number, number][] {
  if (hours === '24h')
    return [
      [0, 8],
      [8, 16],
      [16, 24],
    ];
  const [open, close] = hours.split('-').map((t) => Number(t.slice(0, 2))) as [number, number];
  const mid = Math.round((open + close) / 2);
  return [
    [open, mid],
    [mid, close],
  ];
}

interface CrewMember {
  userId: string | null;
  personId: string | null;
  name: string;
}

/**
 * Rosters: the main sites from 20 January, village entrances and gates from the 24th, to the 31st
 * (the small county: 25 January only). Each shift 2–3 people from the site's own crew pool in
 * turn; the demo crew account is on the day shift of its site six days a week. A handful of shifts
 * have nobody on them — the gaps the roster screen must show.
 */
export function planRosters(
  rng: Rng,
  ids: TimedIds,
  scale: 'small' | 'county',
  sites: SitePlan[],
  households: Household[],
  gapShifts: number,
) {
  const shifts: DutyShiftTable[] = [];
  const assignments: DutyAssignmentTable[] = [];
  const byTownship = groupBy(households, (h) => h.township.id);

  // Shifts first, then choose the gaps among them.
  const planned: { site: SitePlan; start: number; end: number; slot: number; day: number }[] = [];
  for (const site of sites) {
    const days = scale === 'small' ? [5] : Array.from({ length: DAYS - site.opens }, (_, k) => site.opens + k);
    for (const d of days) {
      shiftWindows(site.row.hours).forEach(([from, to], slot) => {
        planned.push({
          site,
          start: FIRST_DAY + d * DAY + from * HOUR,
          end: FIRST_DAY + d * DAY + to * HOUR,
          slot,
          day: d,
        });
      });
    }
  }
  const gaps = new Set<number>();
  const later = planned
    .map((p, i) => [p, i] as const)
    .filter(([p]) => (p.site.profile === 'village' || p.site.profile === 'compound') && p.start >= SNAPSHOT);
  // Some gaps inside the two days after the snapshot (what the roster screen shows then), the rest anywhere.
  const soon = later.filter(([p]) => p.start < SNAPSHOT + 48 * HOUR);
  if (scale === 'small') {
    const first = soon.find(([p]) => p.slot === 2) ?? soon[0];
    if (first) gaps.add(first[1]);
  } else {
    while (gaps.size < Math.min(Math.ceil(gapShifts / 3), soon.length)) gaps.add(rng.pick(soon)[1]);
    while (gaps.size < Math.min(gapShifts, later.length)) gaps.add(rng.pick(later)[1]);
  }

  const pools = new Map<SitePlan, { members: CrewMember[]; next: number }>();
  const poolOf = (site: SitePlan) => {
    let pool = pools.get(site);
    if (pool) return pool;
    const members: CrewMember[] = [];
    const local = site.households.length > 0 ? site.households : (byTownship.get(site.township.id) ?? []);
    const candidates = local.flatMap((h) => h.drivers.filter((m) => m.age >= 22 && m.age <= 60));
    const volunteers = site.households.length > 0 ? rng.int(5, 6) : 4;
    for (let k = 0; k < volunteers && candidates.length > 0; k++) {
      const m = candidates.splice(rng.int(0, candidates.length - 1), 1)[0]!;
      members.push({ userId: null, personId: m.id, name: m.name });
    }
    // Police and medical staff at the main sites, the site lead at villages and gates: named only.
    const named = site.households.length > 0 ? 1 : 3;
    for (let k = 0; k < named; k++) {
      members.push({
        userId: null,
        personId: null,
        name:
          k === 0 && site.row.lead_name
            ? site.row.lead_name
            : randomFullName(rng, rng.chance(0.6) ? 'M' : 'F', rng.int(1965, 1995)),
      });
    }
    pool = { members, next: 0 };
    pools.set(site, pool);
    return pool;
  };

  planned.forEach((p, i) => {
    const createdMs = Math.max(Date.parse(p.site.row.created_at) + HOUR, FIRST_DAY + p.day * DAY - 6 * HOUR);
    const shift: DutyShiftTable = {
      id: ids.at(createdMs),
      site_id: p.site.row.id,
      region_path: p.site.row.region_path,
      starts_at: iso(p.start),
      ends_at: iso(p.end),
      created_at: iso(createdMs),
    };
    shifts.push(shift);
    if (gaps.has(i)) return;
    const pool = poolOf(p.site);
    const people: CrewMember[] = [];
    const user = p.site.crewUser;
    // one day off a week, a different day for each crew
    if (user && p.slot === 1 && (p.day + Number(user.username.replace(/\D/g, '') || 0)) % 7 !== 6)
      people.push({ userId: user.id, personId: null, name: user.display_name });
    const want = rng.chance(0.6) ? 2 : 3;
    for (let k = 0; people.length < want && k < pool.members.length; k++) {
      people.push(pool.members[pool.next % pool.members.length]!);
      pool.next++;
    }
    for (const who of people) {
      assignments.push({
        id: ids.at(createdMs),
        shift_id: shift.id,
        region_path: shift.region_path,
        user_id: who.userId,
        person_id: who.personId,
        name: who.name,
        checked_in_at: p.start < SNAPSHOT ? iso(p.start - rng.int(0, 15) * 60_000) : null,
        checked_out_at: p.end <= SNAPSHOT ? iso(p.end + rng.int(0, 20) * 60_000) : null,
        created_at: iso(createdMs),
      });
    }
  });
  return { shifts, assignments };
}
