import { sql, type Insertable } from 'kysely';
import type SQLite from 'better-sqlite3';
import { sqliteHandle, type Database, type Db } from '../db/database';
import type { AlertTable } from '../features/alerts';
import type { ReferralTable } from '../features/alerts';
import type { CheckpointSiteTable, DutyAssignmentTable, DutyShiftTable } from '../features/checkpoints';
import type { RegionRow } from '../features/regions';
import type { Clock } from '../clock';
import { FEVER_CELSIUS, type Symptom } from '../../shared/screening';
import { idCardCheckChar } from '../../shared/validators';
import { audit } from '../features/audit';
import { insertChunked, RowBuffer } from './insert';
import { randomFullName, randomSurname } from './names';
import { randomMobile } from './people';
import { apportion, Rng, WeightedPicker, TimedIds } from './random';
import { cachedPersonKeys } from './search-keys';

/**
 * The demo county's checkpoints (卡口), as the reports describe them: the G5 京昆高速 exits, two
 * 108国道 points and a provincial road, the two railway stations, a village entrance (村口卡点) at
 * almost every village and the compound gates (小区门口) of the street communities; three 8-hour
 * shifts a day staffed by the demo checkpoint crews (`checkpoint01…05`, each on the day shift of
 * their own main site), named police and medical staff, and party members and volunteers from the
 * registry — with a handful of shifts nobody was put on; and the passages of 20–31 January 2020:
 * the Spring Festival rush through the highway exits and stations, then the lockdown — village
 * entrances and compound gates open from the 24th, outside plates turned back (劝返), fevers
 * referred to the fever clinic — including bus 晋C60695 from 太原, at the 平遥 exit at 20:03 on
 * 20 January with its 12 passengers (three of them known only by name and phone), the reports'
 * tracing story.
 *
 * Every row is what the checkpoint services would have written for the same work (passages.service
 * `writeBatch`): occupants with an ID number or a phone are linked to the registry — residents to
 * their own person, a stranger to a person created where they were first registered (note
 * "首次登记于卡口：…", tagged non_local, or 未核验身份 when known only by name and phone) —
 * occupants who gave neither stay unlinked; a fever tags the person
 * fever + key_person and raises a 'fever' alert, a referral a 'refer' alert (source_type 'passage').
 * The command centre has acknowledged most alerts; the newest few are open.
 *
 * Deterministic: one seed (the demo's, from settings) gives the same rows on every machine and
 * both engines; ids are UUID v7 at the row's own instant.
 */
export interface CheckpointDemoSummary {
  sites: number;
  shifts: number;
  passages: number;
  occupants: number;
  /** strangers first registered at a checkpoint: persons added to the registry */
  persons: number;
  alerts: number;
}

export interface CheckpointDemoOptions {
  scale: 'small' | 'county';
  progress?: (done: number, total: number, step?: string) => void;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Beijing time has no daylight saving: local = UTC + 8. */
const BEIJING = 8 * HOUR;
/** Local midnight starting 2020-01-20, the first day of the demo's traffic. */
const FIRST_DAY = Date.UTC(2020, 0, 20) - BEIJING;
/** 20 … 31 January. */
const DAYS = 12;
/** Days of recent traffic (up to the build's clock) after the January 2020 story. */
const RECENT_DAYS = 14;
/** Village entrances and compound gates were set up on 除夕, 24 January (day 4). */
const VILLAGES_OPEN = 4;
/** Check-ins and check-outs are on record up to this moment (25 January, 15:00 Beijing). */
const SNAPSHOT = Date.UTC(2020, 0, 25, 7, 0);
/** The reports' bus: 晋C60695 from 太原, at the 平遥 exit at 20:03 on 20 January. */
export const TRACED_BUS = { plate: '晋C60695', at: Date.UTC(2020, 0, 20, 12, 3, 17), passengers: 12, phoneOnly: 3 } as const;
const DEFAULT_SEED = 20200120;
/** Rows written per passage (occupants, new persons and their tags), for the progress bar. */
const ROWS_PER_PASSAGE = 3.1;

const SCALE = {
  county: { passages: 200_000, fever: 0.002, openNewest: 10, openOlder: 0.03, outsideVehicles: 9_000, gapShifts: 12 },
  small: { passages: 400, fever: 0.01, openNewest: 1, openOlder: 0.1, outsideVehicles: 60, gapShifts: 1 },
} as const;

type Profile = 'highway' | 'station' | 'road' | 'duty' | 'village' | 'compound';
type VehicleType = 'car' | 'bus' | 'truck' | 'van' | 'motorcycle' | 'tricycle' | 'none';
type Decision = 'pass' | 'turned_back' | 'referred' | 'isolated';

/** Relative traffic per day of 20–31 January, by profile: the Spring Festival rush, then the lockdown. */
const DAY_FACTORS: Record<Profile, number[]> = {
  highway: [1.3, 1.4, 1.5, 1.5, 1.1, 0.45, 0.35, 0.3, 0.28, 0.25, 0.25, 0.3],
  road: [1.2, 1.3, 1.4, 1.4, 1.0, 0.5, 0.4, 0.35, 0.32, 0.3, 0.3, 0.32],
  duty: [1.0, 1.0, 1.1, 1.1, 0.9, 0.6, 0.5, 0.45, 0.4, 0.4, 0.4, 0.4],
  station: [1.4, 1.5, 1.6, 1.5, 1.0, 0.4, 0.25, 0.15, 0.1, 0.1, 0.1, 0.1],
  village: [0, 0, 0, 0, 0.6, 0.9, 1, 1, 0.95, 0.95, 0.9, 0.9],
  compound: [0, 0, 0, 0, 0.5, 0.8, 1, 1, 1, 1, 1, 1],
};
/** Passages by local hour: quiet nights, a morning and an afternoon peak. */
const HOURS = new WeightedPicker(
  Array.from({ length: 24 }, (_, h) => h),
  [1, 0.6, 0.4, 0.4, 0.6, 1.2, 2.5, 5, 7, 8, 8.5, 8, 6.5, 6.5, 7.5, 8, 8, 7.5, 6, 4.5, 3.5, 2.5, 1.8, 1.3],
);

/** Where outside vehicles come from: plate prefixes, a GB/T 2260 prefix for their people's ID numbers, and a weight. */
interface City {
  label: string;
  plates: readonly string[];
  ids: readonly string[];
  weight: number;
  /** a plate from outside 晋中 (晋K): these are the ones turned back */
  outside: boolean;
  hubei?: boolean;
}
const CITIES: readonly City[] = [
  { label: '太原', plates: ['晋A'], ids: ['140105', '140106', '140107', '140108', '140109', '140110'], weight: 30, outside: true },
  { label: '晋中', plates: ['晋K'], ids: ['140702', '140781', '140727', '140729', '140724', '140725'], weight: 22, outside: false },
  { label: '吕梁', plates: ['晋J'], ids: ['141182', '141181', '141102'], weight: 8, outside: true },
  { label: '临汾', plates: ['晋L'], ids: ['141002', '141081'], weight: 4, outside: true },
  { label: '运城', plates: ['晋M'], ids: ['140802', '140881'], weight: 3, outside: true },
  { label: '长治', plates: ['晋D'], ids: ['140403', '140404'], weight: 3, outside: true },
  { label: '阳泉', plates: ['晋C'], ids: ['140302', '140303'], weight: 2, outside: true },
  { label: '晋城', plates: ['晋E'], ids: ['140502'], weight: 2, outside: true },
  { label: '大同', plates: ['晋B'], ids: ['140213', '140214'], weight: 1.5, outside: true },
  { label: '忻州', plates: ['晋H'], ids: ['140902'], weight: 1.5, outside: true },
  { label: '北京', plates: ['京N', '京Q', '京P', '京E', '京H'], ids: ['110105', '110108', '110106', '110114'], weight: 4, outside: true },
  { label: '石家庄', plates: ['冀A'], ids: ['130102', '130104', '130108'], weight: 2, outside: true },
  { label: '西安', plates: ['陕A'], ids: ['610113', '610112', '610104'], weight: 3, outside: true },
  { label: '郑州', plates: ['豫A'], ids: ['410105', '410102'], weight: 2, outside: true },
  { label: '鄂尔多斯', plates: ['蒙K'], ids: ['150602', '150603'], weight: 2, outside: true },
  { label: '武汉', plates: ['鄂A'], ids: ['420106', '420102', '420111', '420103', '420104'], weight: 2.5, outside: true, hubei: true },
  { label: '孝感', plates: ['鄂K'], ids: ['420902', '420981'], weight: 0.5, outside: true, hubei: true },
  { label: '天津', plates: ['津A', '津C'], ids: ['120104', '120105'], weight: 1, outside: true },
  { label: '上海', plates: ['沪A', '沪B'], ids: ['310115', '310104'], weight: 1, outside: true },
  { label: '杭州', plates: ['浙A'], ids: ['330106', '330110'], weight: 0.8, outside: true },
  { label: '深圳', plates: ['粤B'], ids: ['440304', '440305'], weight: 0.8, outside: true },
  { label: '济南', plates: ['鲁A'], ids: ['370102', '370112'], weight: 0.5, outside: true },
];
const cityPicker = new WeightedPicker(CITIES, CITIES.map((c) => c.weight));
/** Where county people on the road come from or go to. */
const AWAY_PLACES = new WeightedPicker(['太原', '榆次', '介休', '祁县', '汾阳', '孝义', '北京', '西安', '石家庄', '鄂尔多斯'], [40, 15, 12, 6, 5, 4, 5, 4, 3, 3]);
const TRAIN_ORIGINS = new WeightedPicker(['太原南', '太原', '北京西', '西安北', '石家庄', '郑州东', '大同', '运城北', '武汉', '临汾西'], [35, 15, 10, 10, 6, 5, 4, 6, 2, 7]);

const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const PLATE_CHARS = PLATE_LETTERS + '0123456789';
const ESTATES = ['金都', '阳光', '和谐', '翠苑', '锦绣', '明珠', '御景', '鑫源', '华府', '新城', '康乐', '惠民', '顺城', '柳根', '晋商', '古陶', '凤鸣', '泰和', '嘉园', '怡景', '书香', '恒大', '东湖', '西苑', '龙城', '迎薰', '文庙', '永安', '春晖', '瑞丰'];
const ESTATE_KINDS = ['小区', '花园', '家园', '苑', '小区', '小区'];
const GATES = ['东门', '南门', '西门', '北门', '正门'];


function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

/** Fisher–Yates, in place. */
function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** 35.9–37.2 °C, bunched around 36.4 (forehead readings in the cold); a fever 37.3–39.1 °C. One decimal. */
function temperature(rng: Rng, fever: boolean): number {
  const t = fever ? FEVER_CELSIUS + rng.triangular(0, 0.4, 1.8) : 35.9 + rng.triangular(0, 0.5, 1.3);
  return Math.round(t * 10) / 10;
}

/** Division-table names carry some damage (岳南村村民委会, 郝开村民员委会): the village's own name. */
function villageName(name: string): string {
  return name.replace(/(村民委员会|村民委会|民员委会|村委会)$/, '').replace(/([^村])$/, (_, c: string) => (name.endsWith('社区') ? c : c + '村'));
}

/** The city a returnee came from, as a checkpoint writes it: 山西省太原市 → 太原, 北京市 → 北京. */
function shortPlace(from: string): string {
  return from.replace(/^.*?(省|自治区)/, '').replace(/市$/, '') || from;
}

interface Resident {
  id: string;
  name: string;
  id_number: string | null;
  phone: string | null;
  region_path: string;
  age: number;
  returnee_from: string | null;
  arrival_date: string | null;
  transport: string | null;
  transport_no: string | null;
}

interface Household {
  id: string;
  village: RegionRow;
  township: RegionRow;
  urban: boolean;
  members: Resident[];
  /** 18–72: who can drive */
  drivers: Resident[];
  vehicle: { plate: string; type: VehicleType } | null;
}

/** Someone from outside the county: a person row is created the first time a checkpoint registers them. */
interface Stranger {
  name: string;
  idNumber: string | null;
  phone: string | null;
  sex: 'M' | 'F';
  birthDate: string;
  personId: string | null;
  personPath: string | null;
}

interface OutsideVehicle {
  plate: string;
  type: VehicleType;
  city: City;
  /** a county family driving home in a car registered elsewhere, or a crew of strangers */
  household: Household | null;
  crew: Stranger[];
}

interface SitePlan {
  row: CheckpointSiteTable;
  profile: Profile;
  township: RegionRow;
  /** households behind a village entrance or compound gate */
  households: Household[];
  weight: number;
  opens: number;
  recorderId: string | null;
  /** the demo crew account on its day shift */
  crewUser: UserLite | null;
  label: string;
}

interface Occupant {
  resident?: Resident;
  stranger?: Stranger;
  /** name only: no ID number given */
  name?: string;
}

interface PassageDraft {
  direction: 'in' | 'out';
  plate: string | null;
  vehicleType: VehicleType;
  origin: string | null;
  destination: string | null;
  purpose: string | null;
  occupants: Occupant[];
  /** chance this one is turned back (劝返) */
  turnBack: number;
  isolate?: number;
  /** residents going in and out of their own village or compound every day */
  regular?: boolean;
  /** a story passage: no random fever or decision */
  fixed?: boolean;
}

/**
 * Build the checkpoints, rosters and passages into a database that holds the demo county (regions,
 * residents, users). Returns what was written.
 */
export async function buildCheckpointDemo(db: Db, clock: Clock, opts: CheckpointDemoOptions): Promise<CheckpointDemoSummary> {
  const report = opts.progress ?? (() => {});
  const params = SCALE[opts.scale];
  const seedRow = await db.selectFrom('settings').select('value').where('key', '=', 'demo.seed').executeTakeFirst();
  const seed = (Number(seedRow?.value ?? DEFAULT_SEED) ^ 0x1c0ffee5) >>> 0;
  const rng = new Rng(seed);
  const ids = new TimedIds(new Rng(seed ^ 0x7f4a7c15));

  report(0, 1, 'checkpoints');
  const regions = await db.selectFrom('regions').selectAll().where('level', 'in', ['county', 'township', 'village']).where('status', '=', 'active').orderBy('path').execute();
  const county = regions.find((r) => r.level === 'county');
  if (!county) throw new Error('the checkpoint demo needs the demo county');
  const townships = regions.filter((r) => r.level === 'township');
  const villages = regions.filter((r) => r.level === 'village');
  const regionById = new Map(regions.map((r) => [r.id, r]));
  const countyCode = county.code.slice(0, 6);
  const townshipByCode = (suffix: string) => townships.find((t) => t.code === countyCode + suffix + '000');

  const users = await db.selectFrom('users').select(['id', 'username', 'display_name', 'role', 'region_id', 'region_path']).where('role', 'in', ['command', 'township', 'checkpoint']).orderBy('username').execute();
  const command = users.find((u) => u.username === 'command') ?? users.find((u) => u.role === 'command');
  const townshipUser = new Map(users.filter((u) => u.role === 'township' && u.region_id).map((u) => [u.region_id!, u]));

  const { households, knownIds, knownPlates } = await loadHouseholds(db, rng, villages, regionById, countyCode);
  const byVillage = groupBy(households, (h) => h.village.id);
  const withVehicle = households.filter((h) => h.vehicle);
  const byTownshipVehicle = groupBy(withVehicle, (h) => h.township.id);
  const withDrivers = households.filter((h) => h.drivers.length > 0);

  const plates = new PlateMaker(rng, new Set([...knownPlates, TRACED_BUS.plate]));
  for (const h of households) if (h.vehicle) h.vehicle.plate = plates.make('晋K', h.vehicle.type === 'car' && rng.chance(0.04));
  const strangers = new StrangerMaker(rng, knownIds);

  // --- sites -------------------------------------------------------------------------------
  const sites = planSites(rng, ids, opts.scale, townships, villages, byVillage, townshipByCode, users);
  for (const s of sites) {
    const tu = townshipUser.get(s.township.id);
    s.recorderId = s.crewUser?.id ?? tu?.id ?? command?.id ?? null;
  }

  // --- rosters -------------------------------------------------------------------------------
  const roster = planRosters(rng, ids, opts.scale, sites, households, params.gapShifts);

  // --- outside vehicles ----------------------------------------------------------------------
  const outside: OutsideVehicle[] = [];
  for (let i = 0; i < params.outsideVehicles; i++) {
    const city = cityPicker.pick(rng);
    const u = rng.next();
    const type: VehicleType = u < 0.76 ? 'car' : u < 0.9 ? 'truck' : u < 0.97 ? 'van' : 'bus';
    const plate = plates.make(rng.pick(city.plates), type === 'car' && rng.chance(0.05));
    // A quarter of the cars registered elsewhere carry county people home (workers in 太原, in Wuhan…).
    const household = type === 'car' && city.label !== '晋中' && withDrivers.length > 0 && rng.chance(0.25) ? rng.pick(withDrivers) : null;
    const crewSize = household ? 0 : type === 'car' ? rng.int(1, 4) : type === 'bus' ? 1 : rng.int(1, 2);
    const crew = Array.from({ length: crewSize }, () => strangers.make(city));
    outside.push({ plate, type, city, household, crew });
  }
  // Some vehicles come through often (trucks, commuters), most once or twice.
  const outsidePicker = new WeightedPicker(outside, outside.map((v) => (v.type === 'truck' ? 4 : 1) * (0.2 + rng.next() ** 3 * 6)));

  // --- passages ------------------------------------------------------------------------------
  // passages per site and day (index site * DAYS + day), adding up to the scale's total
  const cellWeights: number[] = [];
  for (const s of sites) {
    for (let d = 0; d < DAYS; d++) cellWeights.push(d < s.opens ? 0 : s.weight * DAY_FACTORS[s.profile][d]!);
  }
  const counts = apportion(params.passages - 1, cellWeights);

  const returneeTrips = households.flatMap((h) => h.members.filter((m) => m.arrival_date === '2020-01-20' && m.returnee_from).map((m) => ({ h, m })));
  const total = sites.length + roster.shifts.length + roster.assignments.length + Math.round((params.passages + returneeTrips.length) * ROWS_PER_PASSAGE);
  let done = 0;
  const advance = (step: string) => (n: number) => report(Math.min((done += n), total - 1), total, step);

  const recentSites = new WeightedPicker(sites, sites.map((s) => s.weight));
  const gen = new PassageGen(rng, ids, opts.scale, params.fever, households, withVehicle, byTownshipVehicle, outsidePicker, strangers);

  // SQLite's default page cache (2 MB) spills to the log again and again while four indexes of
  // passages grow at random places; a big cache for the build only, restored afterwards.
  const sqlite = sqliteHandle(db);
  const cacheSize = sqlite?.pragma('cache_size', { simple: true });
  sqlite?.pragma('cache_size = -262144');
  let summary: CheckpointDemoSummary;
  try {
    summary = await db.transaction().execute(async (trx) => {
      await insertChunked(trx, 'checkpoint_sites', sites.map((s) => s.row), advance('checkpoints'));
      await insertChunked(trx, 'duty_shifts', roster.shifts, advance('rosters'));
      await insertChunked(trx, 'duty_assignments', roster.assignments, advance('rosters'));

      const onRows = advance('passages');
      const persons = new RowBuffer(trx, 'persons', onRows);
      const passages = new BulkBuffer(trx, sqlite ?? null, 'passages', PASSAGE_COLUMNS, onRows, persons);
      const occupants = new BulkBuffer(trx, sqlite ?? null, 'passage_occupants', OCCUPANT_COLUMNS, onRows, passages);
      const tags = new RowBuffer(trx, 'person_tags', onRows, persons);
      gen.sink = { persons, passages, occupants, tags };

      for (let d = 0; d < DAYS; d++) {
        const events: { at: number; site: SitePlan; kind: 'traffic' | 'bus' | 'returnee'; extra?: (typeof returneeTrips)[number] }[] = [];
        sites.forEach((s, si) => {
          const n = counts[si * DAYS + d] ?? 0;
          for (let k = 0; k < n; k++) events.push({ at: FIRST_DAY + d * DAY + HOURS.pick(rng) * HOUR + rng.int(0, HOUR - 1), site: s, kind: 'traffic' });
        });
        if (d === 0) {
          const exit = sites.find((s) => s.profile === 'highway')!;
          events.push({ at: TRACED_BUS.at, site: exit, kind: 'bus' });
          const exits = sites.filter((s) => s.profile === 'highway');
          const stations = sites.filter((s) => s.profile === 'station');
          for (const trip of returneeTrips) {
            const byRoad = trip.m.transport === 'self_drive' || trip.m.transport === 'coach';
            const site = byRoad || stations.length === 0 ? rng.pick(exits) : rng.pick(stations);
            events.push({ at: FIRST_DAY + rng.int(9 * HOUR, 23 * HOUR), site, kind: 'returnee', extra: trip });
          }
        }
        events.sort((a, b) => a.at - b.at);
        for (const e of events) {
          if (e.kind === 'traffic') await gen.write(e.site, e.at, gen.traffic(e.site, e.at, d));
          else if (e.kind === 'bus') await gen.write(e.site, e.at, gen.tracedBus());
          else await gen.write(e.site, e.at, gen.returnee(e.extra!.h, e.extra!.m));
        }
      }
      // The weeks up to now, at a quarter of lockdown traffic, so the big screen's checkpoint figures
      // and trends are alive on the day the demo is opened (the story above stays in January 2020).
      const nowMs = clock.now().getTime();
      const recentDays = Math.floor((nowMs - FIRST_DAY) / DAY) >= DAYS + RECENT_DAYS ? RECENT_DAYS : 0;
      const recentPerDay = Math.round(params.passages / DAYS / 4);
      const lastMidnight = FIRST_DAY + Math.floor((nowMs - FIRST_DAY) / DAY) * DAY;
      for (let r = recentDays - 1; r >= 0; r--) {
        const dayStart = lastMidnight - r * DAY;
        const events: { at: number; site: SitePlan }[] = [];
        for (let k = 0; k < recentPerDay; k++) {
          const at = dayStart + HOURS.pick(rng) * HOUR + rng.int(0, HOUR - 1);
          if (at < nowMs) events.push({ at, site: recentSites.pick(rng) });
        }
        events.sort((a, b) => a.at - b.at);
        for (const e of events) await gen.write(e.site, e.at, gen.traffic(e.site, e.at, DAYS - 1));
      }
      await occupants.flush();
      await tags.flush();

      // Fever tags on people already in the registry may exist (from screening): add only what is new.
      for (let i = 0; i < gen.feverTags.length; i += 1000) {
        await trx.insertInto('person_tags').values(gen.feverTags.slice(i, i + 1000)).onConflict((oc) => oc.columns(['person_id', 'tag']).doNothing()).execute();
      }
      const alerts = finishAlerts(rng, gen.alerts, command?.id ?? null, params.openNewest, params.openOlder);
      await insertChunked(trx, 'referrals', finishReferrals(gen.referrals, alerts));
      await insertChunked(trx, 'alerts', alerts);
      const result: CheckpointDemoSummary = {
        sites: sites.length, shifts: roster.shifts.length, passages: gen.counts.passages, occupants: gen.counts.occupants, persons: gen.counts.persons, alerts: alerts.length,
      };
      await audit(trx, clock, null, { action: 'demo.checkpoints', entityType: 'region', entityId: county.id, regionPath: county.path, details: { scale: opts.scale, ...result } });
      return result;
    });
  } finally {
    if (sqlite) sqlite.pragma(`cache_size = ${Number(cacheSize)}`);
  }

  // Statistics and folding the write-ahead log are the caller's (buildDemo does both once, for every table).
  report(total, total, 'done');
  return summary;
}

/** The registry's households (members at home, and who of them can drive), with a vehicle for some. */
async function loadHouseholds(db: Db, rng: Rng, villages: RegionRow[], regionById: Map<string, RegionRow>, countyCode: string) {
  const rows = await db.selectFrom('persons')
    .select(['id', 'household_id', 'name', 'id_number', 'phone', 'region_path', 'birth_date', 'away', 'returnee_from', 'arrival_date', 'transport', 'transport_no'])
    .where('status', '=', 'active').orderBy('id').execute();
  const knownIds = new Set<string>();
  const knownPlates = new Set<string>();
  const villageByPath = new Map(villages.map((v) => [v.path, v]));
  const codes = villages[0] ? villages[0].path.split('/').length - 2 : 0;
  const byHousehold = new Map<string, Household>();
  const list: Household[] = [];
  for (const p of rows) {
    if (p.id_number) knownIds.add(p.id_number);
    if (p.transport_no) knownPlates.add(p.transport_no);
    if (!p.household_id || Number(p.away) === 1 || !p.region_path.startsWith('/' + countyCode)) continue;
    let h = byHousehold.get(p.household_id);
    if (!h) {
      const village = villageByPath.get('/' + p.region_path.split('/').slice(1, 1 + codes).join('/') + '/');
      const township = village && regionById.get(village.parent_id!);
      if (!village || !township) continue;
      h = { id: p.household_id, village, township, urban: village.name.endsWith('社区') || township.name.endsWith('街道'), members: [], drivers: [], vehicle: null };
      byHousehold.set(p.household_id, h);
      list.push(h);
    }
    const age = 2020 - Number((p.birth_date ?? '1980').slice(0, 4));
    const r: Resident = {
      id: p.id, name: p.name, id_number: p.id_number, phone: p.phone, region_path: p.region_path, age,
      returnee_from: p.returnee_from, arrival_date: p.arrival_date, transport: p.transport, transport_no: p.transport_no,
    };
    h.members.push(r);
    if (age >= 18 && age <= 72) h.drivers.push(r);
  }
  // Rural Shanxi around 2020: a car in about a quarter of households, farm tricycles and motorcycles.
  for (const h of list) {
    if (h.drivers.length === 0) continue;
    const u = rng.next();
    const type: VehicleType | null = h.urban
      ? (u < 0.36 ? 'car' : u < 0.43 ? 'motorcycle' : u < 0.46 ? 'van' : null)
      : (u < 0.27 ? 'car' : u < 0.45 ? 'tricycle' : u < 0.56 ? 'motorcycle' : u < 0.59 ? 'truck' : u < 0.61 ? 'van' : null);
    if (type) h.vehicle = { plate: '', type };
  }
  return { households: list, knownIds, knownPlates };
}

/** Mainland plates, none twice: 晋K·A1234, 晋K·AB123, 晋K·12345, 晋K·1A234, and new-energy 晋K·D12345. */
class PlateMaker {
  constructor(private readonly rng: Rng, private readonly used: Set<string>) {}

  make(prefix: string, newEnergy = false): string {
    for (;;) {
      const plate = prefix + (newEnergy ? this.char('DF') + this.digits(5) : this.ordinary());
      if (!this.used.has(plate)) {
        this.used.add(plate);
        return plate;
      }
    }
  }

  private char(from: string): string {
    return from[this.rng.int(0, from.length - 1)]!;
  }

  private digits(n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += this.char('0123456789');
    return s;
  }

  private ordinary(): string {
    const u = this.rng.next();
    if (u < 0.55) return this.char(PLATE_LETTERS) + this.digits(4);
    if (u < 0.72) return this.char(PLATE_LETTERS) + this.char(PLATE_LETTERS) + this.digits(3);
    if (u < 0.88) return this.digits(5);
    if (u < 0.96) return this.digits(1) + this.char(PLATE_LETTERS) + this.digits(3);
    return this.char(PLATE_LETTERS) + this.digits(3) + this.char(PLATE_CHARS);
  }
}

/** People from outside the county, with valid ID numbers of their own city that no registry person has. */
class StrangerMaker {
  private readonly sequences = new Map<string, number>();
  constructor(private readonly rng: Rng, private readonly known: Set<string>) {}

  make(city: City, child = false): Stranger {
    const rng = this.rng;
    const sex: 'M' | 'F' = rng.chance(child ? 0.5 : 0.58) ? 'M' : 'F';
    const age = child ? rng.int(1, 16) : Math.round(rng.triangular(19, 38, 70));
    const birthDate = new Date(Date.UTC(2019 - age, 0, 21) + rng.int(0, 364) * DAY).toISOString().slice(0, 10);
    const name = randomFullName(rng, sex, 2019 - age, randomSurname(rng));
    const idNumber = child || rng.chance(0.96) ? this.issue(rng.pick(city.ids), birthDate.replaceAll('-', ''), sex) : null;
    return { name, idNumber, phone: !child && rng.chance(0.85) ? randomMobile(rng) : null, sex, birthDate, personId: null, personPath: null };
  }

  private issue(prefix: string, birth: string, sex: 'M' | 'F'): string {
    for (;;) {
      const first17 = prefix + birth + String(this.rng.int(0, 499) * 2 + (sex === 'M' ? 1 : 0)).padStart(3, '0');
      const id = first17 + idCardCheckChar(first17);
      if (!this.known.has(id)) {
        this.known.add(id);
        return id;
      }
    }
  }
}

const MAIN_SITES: readonly { township: string; name: string; kind: CheckpointSiteTable['kind']; profile: Profile; weight: number; address: string; unit: string; county: boolean }[] = [
  { township: '100', name: '京昆高速平遥出口', kind: 'highway_exit', profile: 'highway', weight: 2200, address: 'G5京昆高速平遥收费站出口', unit: '县公安局交警大队、县卫健局', county: false },
  { township: '103', name: '京昆高速洪善出口', kind: 'highway_exit', profile: 'highway', weight: 1300, address: 'G5京昆高速洪善收费站出口', unit: '县公安局交警大队、洪善镇人民政府', county: true },
  { township: '103', name: '平遥古城站', kind: 'station', profile: 'station', weight: 900, address: '洪善镇平遥古城站（大西高铁）出站口', unit: '县卫健局、县交通运输局', county: true },
  { township: '001', name: '平遥火车站', kind: 'station', profile: 'station', weight: 600, address: '古城街道站马道平遥站出站口', unit: '县卫健局、平遥站', county: true },
  { township: '104', name: '108国道宁固卡口', kind: 'national_road', profile: 'road', weight: 700, address: 'G108国道宁固段', unit: '宁固镇人民政府、县公安局', county: true },
  { township: '201', name: '108国道中都卡口', kind: 'national_road', profile: 'road', weight: 600, address: 'G108国道中都段', unit: '中都乡人民政府、县公安局', county: true },
  { township: '205', name: '省道S221朱坑卡口', kind: 'national_road', profile: 'road', weight: 450, address: 'S221省道朱坑段', unit: '朱坑乡人民政府', county: true },
  { township: '203', name: '卜宜乡防控值班点', kind: 'duty_point', profile: 'duty', weight: 250, address: '卜宜乡人民政府门前', unit: '卜宜乡人民政府', county: true },
];

type UserLite = { id: string; username: string; display_name: string; role: string; region_id: string | null; region_path: string };

/**
 * The sites: the main ones (highway exits, stations, roads, a duty point), an entrance to almost
 * every village and one or two gates of one or two estates in each street community. Each demo
 * checkpoint crew gets the first main site of their township for their own.
 */
function planSites(
  rng: Rng, ids: TimedIds, scale: 'small' | 'county', townships: RegionRow[], villages: RegionRow[],
  byVillage: Map<string, Household[]>, townshipByCode: (suffix: string) => RegionRow | undefined, users: UserLite[],
): SitePlan[] {
  const sites: SitePlan[] = [];
  const lead = () => ({ name: randomFullName(rng, rng.chance(0.75) ? 'M' : 'F', rng.int(1962, 1990)), phone: randomMobile(rng) });
  const add = (p: { name: string; kind: CheckpointSiteTable['kind']; profile: Profile; region: RegionRow; township: RegionRow; weight: number; address: string; unit: string; hours?: string; createdMs: number; households?: Household[]; label?: string }) => {
    const l = lead();
    const at = iso(p.createdMs);
    sites.push({
      row: {
        id: ids.at(p.createdMs), name: p.name, kind: p.kind, region_id: p.region.id, region_path: p.region.path, address: p.address, responsible_unit: p.unit,
        lead_name: l.name, lead_phone: l.phone, hours: p.hours ?? '24h', status: 'active', created_at: at, updated_at: at,
      },
      profile: p.profile, township: p.township, households: p.households ?? [], weight: p.weight, opens: p.profile === 'village' || p.profile === 'compound' ? VILLAGES_OPEN : 0,
      recorderId: null, crewUser: null, label: p.label ?? p.township.name,
    });
  };
  // Main sites were set up on 19 January, the eve of the first day.
  for (const m of MAIN_SITES) {
    if (scale === 'small' && m.county) continue;
    const township = townshipByCode(m.township);
    if (!township) continue;
    // The small county's two villages are a sliver of the county; its highway exit carries a sliver of the traffic too.
    add({ ...m, weight: scale === 'small' ? m.weight * 0.02 : m.weight, region: township, township, createdMs: Date.UTC(2020, 0, 19, 2) + rng.int(0, 6 * 60) * 60_000 });
  }
  const crews = users.filter((u) => u.role === 'checkpoint');
  for (const u of crews) {
    let own = sites.find((s) => s.crewUser === null && s.row.region_path.startsWith(u.region_path));
    if (!own && scale === 'county') {
      const township = townships.find((t) => t.id === u.region_id);
      if (!township) continue;
      add({ name: `${township.name}防控值班点`, kind: 'duty_point', profile: 'duty', region: township, township, weight: 250, address: `${township.name}人民政府门前`, unit: `${township.name}人民政府`, createdMs: Date.UTC(2020, 0, 19, 6) });
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
        name: `${name}村口卡点`, kind: 'village_entrance', profile: 'village', region: v, township, weight: 20 + 0.22 * households.length,
        address: `${township.name}${name}主路口`, unit: `${name}党支部、村委会`, hours: rng.chance(0.08) ? '06:00-22:00' : '24h', createdMs, households, label: name,
      });
      continue;
    }
    // A street community: one or two estates, one or two gates each.
    const estates = rng.int(1, 2);
    const gates: { name: string; address: string }[] = [];
    for (let e = 0; e < estates; e++) {
      const k = estate++;
      const estateName = shuffledEstates[k % shuffledEstates.length]! + rng.pick(ESTATE_KINDS) + (k >= shuffledEstates.length ? '二期' : '');
      const doors = shuffle(rng, [...GATES]).slice(0, estates === 1 ? 2 : rng.int(1, 2));
      for (const door of doors) gates.push({ name: estateName + door, address: `${township.name}${v.name}${estateName}` });
    }
    gates.forEach((g, gi) => {
      const served = households.filter((_, hi) => hi % gates.length === gi);
      add({
        name: g.name, kind: 'compound_gate', profile: 'compound', region: v, township, weight: 6 + 0.16 * served.length,
        address: g.address, unit: `${v.name}居委会`, hours: rng.chance(0.1) ? '06:00-23:00' : '24h', createdMs, households: served, label: g.name.slice(0, -2),
      });
    });
  }
  return sites;
}

/** Shift windows of a local day for a site's hours: three 8-hour shifts, or two halves of the open hours. */
function shiftWindows(hours: string): [number, number][] {
  if (hours === '24h') return [[0, 8], [8, 16], [16, 24]];
  const [open, close] = hours.split('-').map((t) => Number(t.slice(0, 2))) as [number, number];
  const mid = Math.round((open + close) / 2);
  return [[open, mid], [mid, close]];
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
function planRosters(rng: Rng, ids: TimedIds, scale: 'small' | 'county', sites: SitePlan[], households: Household[], gapShifts: number) {
  const shifts: DutyShiftTable[] = [];
  const assignments: DutyAssignmentTable[] = [];
  const byTownship = groupBy(households, (h) => h.township.id);

  // Shifts first, then choose the gaps among them.
  const planned: { site: SitePlan; start: number; end: number; slot: number; day: number }[] = [];
  for (const site of sites) {
    const days = scale === 'small' ? [5] : Array.from({ length: DAYS - site.opens }, (_, k) => site.opens + k);
    for (const d of days) {
      shiftWindows(site.row.hours).forEach(([from, to], slot) => {
        planned.push({ site, start: FIRST_DAY + d * DAY + from * HOUR, end: FIRST_DAY + d * DAY + to * HOUR, slot, day: d });
      });
    }
  }
  const gaps = new Set<number>();
  const later = planned.map((p, i) => [p, i] as const).filter(([p]) => (p.site.profile === 'village' || p.site.profile === 'compound') && p.start >= SNAPSHOT);
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
    const local = site.households.length > 0 ? site.households : byTownship.get(site.township.id) ?? [];
    const candidates = local.flatMap((h) => h.drivers.filter((m) => m.age >= 22 && m.age <= 60));
    const volunteers = site.households.length > 0 ? rng.int(5, 6) : 4;
    for (let k = 0; k < volunteers && candidates.length > 0; k++) {
      const m = candidates.splice(rng.int(0, candidates.length - 1), 1)[0]!;
      members.push({ userId: null, personId: m.id, name: m.name });
    }
    // Police and medical staff at the main sites, the site lead at villages and gates: named only.
    const named = site.households.length > 0 ? 1 : 3;
    for (let k = 0; k < named; k++) {
      members.push({ userId: null, personId: null, name: k === 0 && site.row.lead_name ? site.row.lead_name : randomFullName(rng, rng.chance(0.6) ? 'M' : 'F', rng.int(1965, 1995)) });
    }
    pool = { members, next: 0 };
    pools.set(site, pool);
    return pool;
  };

  planned.forEach((p, i) => {
    const createdMs = Math.max(Date.parse(p.site.row.created_at) + HOUR, FIRST_DAY + p.day * DAY - 6 * HOUR);
    const shift: DutyShiftTable = { id: ids.at(createdMs), site_id: p.site.row.id, region_path: p.site.row.region_path, starts_at: iso(p.start), ends_at: iso(p.end), created_at: iso(createdMs) };
    shifts.push(shift);
    if (gaps.has(i)) return;
    const pool = poolOf(p.site);
    const people: CrewMember[] = [];
    const user = p.site.crewUser;
    // one day off a week, a different day for each crew
    if (user && p.slot === 1 && (p.day + Number(user.username.replace(/\D/g, '') || 0)) % 7 !== 6) people.push({ userId: user.id, personId: null, name: user.display_name });
    const want = rng.chance(0.6) ? 2 : 3;
    for (let k = 0; people.length < want && k < pool.members.length; k++) {
      people.push(pool.members[pool.next % pool.members.length]!);
      pool.next++;
    }
    for (const who of people) {
      assignments.push({
        id: ids.at(createdMs), shift_id: shift.id, region_path: shift.region_path, user_id: who.userId, person_id: who.personId, name: who.name,
        checked_in_at: p.start < SNAPSHOT ? iso(p.start - rng.int(0, 15) * 60_000) : null,
        checked_out_at: p.end <= SNAPSHOT ? iso(p.end + rng.int(0, 20) * 60_000) : null,
        created_at: iso(createdMs),
      });
    }
  });
  return { shifts, assignments };
}

const pick = <T,>(rng: Rng, items: readonly T[]): T => rng.pick(items);

/** Writes passages with their occupants, the persons a checkpoint first registers, tags and alerts. */
class PassageGen {
  sink!: { persons: RowBuffer<'persons'>; passages: BulkBuffer<'passages'>; occupants: BulkBuffer<'passage_occupants'>; tags: RowBuffer<'person_tags'> };
  readonly alerts: AlertTable[] = [];
  /** a fever sent to the clinic: its referral record, which its one alert points at */
  readonly referrals: ReferralTable[] = [];
  readonly feverTags: { person_id: string; tag: 'fever' | 'key_person'; region_path: string; source: string; created_at: string }[] = [];
  readonly counts = { passages: 0, occupants: 0, persons: 0, fevers: 0 };
  private readonly stationPool: Stranger[];
  private readonly couriers: Household[];
  private readonly busRiders = new Map<string, Stranger[]>();

  constructor(
    private readonly rng: Rng,
    private readonly ids: TimedIds,
    private readonly scale: 'small' | 'county',
    private readonly feverRate: number,
    private readonly households: Household[],
    private readonly withVehicle: Household[],
    private readonly byTownshipVehicle: Map<string, Household[]>,
    private readonly outside: WeightedPicker<OutsideVehicle>,
    private readonly strangers: StrangerMaker,
  ) {
    this.stationPool = Array.from({ length: scale === 'county' ? 6000 : 20 }, () => strangers.make(cityPicker.pick(rng)));
    this.couriers = withVehicle.filter((h) => h.vehicle!.type === 'motorcycle' || h.vehicle!.type === 'tricycle' || h.vehicle!.type === 'van');
  }

  /** A family in its own vehicle: a driver and up to three more of the household. */
  private family(h: Household, type: VehicleType): Occupant[] {
    const rng = this.rng;
    const driver = h.drivers.length ? rng.pick(h.drivers) : rng.pick(h.members);
    const max = type === 'motorcycle' || type === 'truck' ? 2 : type === 'tricycle' ? 3 : type === 'none' ? 3 : 4;
    const others = h.members.filter((m) => m !== driver);
    const u = rng.next();
    const extra = Math.min(max - 1, others.length, type === 'none' ? (u < 0.6 ? 0 : 1) : u < 0.4 ? 0 : u < 0.75 ? 1 : u < 0.92 ? 2 : 3);
    const out: Occupant[] = [{ resident: driver }];
    for (let k = 0; k < extra; k++) out.push({ resident: others.splice(rng.int(0, others.length - 1), 1)[0]! });
    return out;
  }

  private home(h: Household): string {
    return h.township.name + villageName(h.village.name);
  }

  private outsideDraft(v: OutsideVehicle, day: number, turnIn: number): PassageDraft {
    const rng = this.rng;
    const lockdown = day >= 5;
    const direction = rng.chance(lockdown ? 0.55 : 0.65) ? 'in' : 'out';
    let occupants: Occupant[];
    if (v.household) occupants = this.family(v.household, v.type);
    else if (v.type === 'bus') {
      let riders = this.busRiders.get(v.plate);
      if (!riders) this.busRiders.set(v.plate, (riders = Array.from({ length: 40 }, () => this.strangers.make(v.city))));
      const n = Math.min(riders.length, Math.round(rng.triangular(6, 12, 38)));
      occupants = [{ stranger: v.crew[0]! }, ...shuffle(rng, [...riders]).slice(0, n - 1).map((s) => ({ stranger: s }))];
    } else occupants = v.crew.slice(0, v.type === 'car' ? rng.int(1, v.crew.length) : v.crew.length).map((s) => ({ stranger: s }));
    const here = v.household ? this.home(v.household) : '平遥';
    const cargo = v.type === 'truck' || v.type === 'van';
    const purpose = cargo ? pick(rng, ['运输物资', '运送蔬菜', '物流配送', '运输防疫物资', '运输煤炭'])
      : v.household ? (direction === 'in' ? '返乡' : '返岗') : pick(rng, lockdown ? ['探亲', '过境', '公务', '返岗'] : ['探亲', '过境', '旅游', '返乡', '公务']);
    const hubei = v.city.hubei === true;
    // Outside plates coming in after the lockdown were mostly turned back unless carrying supplies.
    const turnBack = hubei ? 0.45 : v.city.outside && direction === 'in' && !v.household ? (lockdown ? (cargo ? 0.08 : 0.6) : 0.03) * turnIn : lockdown ? 0.01 : 0.002;
    return {
      direction, plate: v.plate, vehicleType: v.type, origin: direction === 'in' ? v.city.label : here, destination: direction === 'in' ? here : v.city.label,
      purpose, occupants, turnBack, isolate: hubei ? (v.household ? 0.6 : 0.15) : 0,
    };
  }

  private countyVehicle(pool: Household[], day: number): PassageDraft {
    const rng = this.rng;
    const h = rng.pick(pool);
    const v = h.vehicle!;
    const direction = rng.chance(0.5) ? 'in' : 'out';
    const away = AWAY_PLACES.pick(rng);
    const lockdown = day >= 5;
    const purpose = direction === 'in'
      ? pick(rng, lockdown ? ['返回住所', '就医返回', '运送物资', '公务'] : ['返乡过年', '探亲', '返乡', '办事'])
      : pick(rng, lockdown ? ['就医', '运送物资', '公务', '返岗'] : ['走亲访友', '上班', '办事', '购买年货']);
    return {
      direction, plate: v.plate, vehicleType: v.type, origin: direction === 'in' ? away : this.home(h), destination: direction === 'in' ? this.home(h) : away,
      purpose, occupants: this.family(h, v.type), turnBack: lockdown && direction === 'out' ? 0.01 : 0.002,
    };
  }

  /** One passage's vehicle and people, by the kind of site and the day. */
  traffic(site: SitePlan, _at: number, day: number): PassageDraft {
    const rng = this.rng;
    const lockdown = day >= 5;
    switch (site.profile) {
      case 'highway': case 'road': case 'duty': {
        const localShare = site.profile === 'highway' ? 0.42 : site.profile === 'road' ? 0.62 : 0.8;
        if (this.withVehicle.length > 0 && rng.chance(localShare)) {
          const near = this.byTownshipVehicle.get(site.township.id);
          return this.countyVehicle(site.profile !== 'highway' && near && rng.chance(0.6) ? near : this.withVehicle, day);
        }
        return this.outsideDraft(this.outside.pick(rng), day, 1);
      }
      case 'station': {
        if (this.withVehicle.length > 0 && rng.chance(0.2)) return this.countyVehicle(this.withVehicle, day);
        const direction = rng.chance(0.78) ? 'in' : 'out';
        const train = TRAIN_ORIGINS.pick(rng);
        if (rng.chance(0.6) && this.households.length > 0) {
          const h = rng.pick(this.households);
          return { direction, plate: null, vehicleType: 'none', origin: direction === 'in' ? train : this.home(h), destination: direction === 'in' ? this.home(h) : train, purpose: direction === 'in' ? '返乡' : '返岗', occupants: this.family(h, 'none'), turnBack: 0.002 };
        }
        const n = rng.chance(0.7) ? 1 : 2;
        const occupants = Array.from({ length: n }, () => ({ stranger: rng.pick(this.stationPool) }));
        return {
          direction, plate: null, vehicleType: 'none', origin: direction === 'in' ? train : '平遥', destination: direction === 'in' ? '平遥' : train,
          purpose: pick(rng, lockdown ? ['探亲', '公务', '返岗'] : ['旅游', '探亲', '公务', '返乡']), occupants: [...new Set(occupants.map((o) => o.stranger))].map((s) => ({ stranger: s })),
          turnBack: lockdown && direction === 'in' ? 0.08 : 0.003,
        };
      }
      case 'village': {
        const u = rng.next();
        if (u < 0.8 || this.households.length < 2) {
          const h = rng.pick(site.households);
          const drive = h.vehicle && rng.chance(0.45);
          const direction = rng.chance(0.5) ? 'in' : 'out';
          const there = pick(rng, ['县城', `${h.township.name}集市`, '地里', '邻村', '县人民医院', '乡镇卫生院']);
          return {
            direction, plate: drive ? h.vehicle!.plate : null, vehicleType: drive ? h.vehicle!.type : 'none', origin: direction === 'in' ? there : site.label, destination: direction === 'in' ? site.label : there,
            purpose: direction === 'in' ? '返回本村' : pick(rng, ['购买生活物资', '就医', '务农', '上班', '办事', '看望老人']), occupants: this.family(h, drive ? h.vehicle!.type : 'none'), turnBack: 0.002, regular: true,
          };
        }
        if (u < 0.94) {
          const near = this.byTownshipVehicle.get(site.township.id) ?? this.withVehicle;
          const h = near.length ? rng.pick(near) : rng.pick(this.households);
          const drive = !!h.vehicle;
          return {
            direction: rng.chance(0.8) ? 'in' : 'out', plate: drive ? h.vehicle!.plate : null, vehicleType: drive ? h.vehicle!.type : 'none', origin: this.home(h), destination: site.label,
            purpose: pick(rng, ['走亲访友', '办事', '送货', '拜年']), occupants: this.family(h, drive ? h.vehicle!.type : 'none'), turnBack: lockdown ? 0.08 : 0.03,
          };
        }
        return this.outsideDraft(this.outside.pick(rng), day, 1.5);
      }
      case 'compound': {
        const u = rng.next();
        if (u < 0.86 || this.couriers.length === 0) {
          const h = rng.pick(site.households);
          const drive = h.vehicle && rng.chance(0.3);
          const direction = rng.chance(0.5) ? 'in' : 'out';
          return {
            direction, plate: drive ? h.vehicle!.plate : null, vehicleType: drive ? h.vehicle!.type : 'none', origin: direction === 'in' ? null : site.label, destination: direction === 'in' ? site.label : null,
            purpose: direction === 'in' ? '返回小区' : pick(rng, ['买菜', '购买生活物资', '上班', '就医', '取快递']), occupants: this.family(h, drive ? h.vehicle!.type : 'none').slice(0, drive ? 4 : 2), turnBack: 0.002, regular: true,
          };
        }
        if (u < 0.96) {
          const h = rng.pick(this.couriers);
          return {
            direction: 'in', plate: h.vehicle!.plate, vehicleType: h.vehicle!.type, origin: null, destination: site.label, purpose: pick(rng, ['快递配送', '外卖配送', '送菜上门']),
            occupants: [{ resident: h.drivers.length ? rng.pick(h.drivers) : rng.pick(h.members) }], turnBack: 0.2,
          };
        }
        const h = rng.pick(this.households);
        return { direction: 'in', plate: null, vehicleType: 'none', origin: this.home(h), destination: site.label, purpose: '探亲访友', occupants: this.family(h, 'none'), turnBack: 0.5 };
      }
    }
  }

  /**
   * Bus 晋C60695 from 太原: twelve people — nine county residents coming home for the Spring
   * Festival, and three visitors from 太原 who had no ID card on them and gave the crew a name and a
   * mobile number (registered by phone, 未核验身份). The visitors come from a generator of their
   * own, so the rest of the demo draws the same numbers as before.
   */
  tracedBus(): PassageDraft {
    const visitorsRng = new Rng(0x60695);
    const visitors: Stranger[] = Array.from({ length: TRACED_BUS.phoneOnly }, (_, i) => {
      const sex: 'M' | 'F' = i === 1 ? 'F' : 'M';
      const age = visitorsRng.int(24, 55);
      return {
        name: randomFullName(visitorsRng, sex, 2019 - age, randomSurname(visitorsRng)), idNumber: null, phone: randomMobile(visitorsRng), sex,
        birthDate: `${2019 - age}-06-01`, personId: null, personPath: null,
      };
    });
    const rng = this.rng;
    const adults = this.households.flatMap((h) => h.drivers.filter((m) => m.age <= 65).map((m) => ({ h, m })));
    const fromTaiyuan = adults.filter(({ m }) => m.returnee_from === '山西省太原市');
    const chosen: Resident[] = [];
    const seen = new Set<string>();
    for (const pool of [fromTaiyuan, adults]) {
      const order = pool.map((x) => [rng.next(), x] as const).sort((a, b) => a[0] - b[0]).map(([, x]) => x);
      for (const { h, m } of order) {
        if (chosen.length >= TRACED_BUS.passengers - TRACED_BUS.phoneOnly) break;
        if (seen.has(h.id)) continue;
        seen.add(h.id);
        chosen.push(m);
      }
    }
    for (const { m } of adults) if (chosen.length < TRACED_BUS.passengers - TRACED_BUS.phoneOnly && !chosen.includes(m)) chosen.push(m);
    const occupants: PassageDraft['occupants'] = chosen.map((m) => ({ resident: m }));
    // the visitors sat among them (seats 3, 7 and 10)
    visitors.forEach((stranger, i) => occupants.splice([3, 7, 10][i] ?? occupants.length, 0, { stranger }));
    return {
      direction: 'in', plate: TRACED_BUS.plate, vehicleType: 'bus', origin: '太原', destination: '平遥', purpose: '返乡过年',
      occupants, turnBack: 0, fixed: true,
    };
  }

  /** A returnee the registry says arrived on 20 January, by road or by train. */
  returnee(h: Household, m: Resident): PassageDraft {
    const byRoad = (m.transport === 'self_drive' || m.transport === 'coach') && !!m.transport_no;
    return {
      direction: 'in', plate: byRoad ? m.transport_no : null, vehicleType: byRoad ? (m.transport === 'coach' ? 'bus' : 'car') : 'none',
      origin: shortPlace(m.returnee_from ?? ''), destination: this.home(h), purpose: '返乡过年', occupants: [{ resident: m }], turnBack: 0, fixed: true,
    };
  }

  /**
   * A stranger's person row, created where a checkpoint first registers them: by ID number (tagged
   * non_local), or without one by name and phone (identity not verified: no sex or birth date known).
   */
  private async personOf(s: Stranger, site: SitePlan, at: string): Promise<string | null> {
    if (!s.idNumber && !s.phone) return null;
    if (s.personId) return s.personId;
    const id = this.ids.at(Date.parse(at));
    const verified = !!s.idNumber;
    await this.sink.persons.push({
      id, household_id: null, region_id: site.row.region_id, region_path: site.row.region_path, name: s.name, sex: verified ? s.sex : null, birth_date: verified ? s.birthDate : null,
      id_type: 'resident_id', id_number: s.idNumber, nationality: null, phone: s.phone, relation: null, away: 0, returnee_from: null, arrival_date: null,
      transport: null, transport_no: null, note: `首次登记于卡口：${site.row.name}`, ...cachedPersonKeys(s.name, s.idNumber, s.phone), created_at: at, updated_at: at,
    });
    await this.sink.tags.push({ person_id: id, tag: verified ? 'non_local' : 'unverified_identity', region_path: site.row.region_path, source: 'checkpoint', created_at: at });
    s.personId = id;
    s.personPath = site.row.region_path;
    this.counts.persons++;
    return id;
  }

  async write(site: SitePlan, at: number, draft: PassageDraft): Promise<void> {
    const rng = this.rng;
    const id = this.ids.at(at);
    const created = iso(at + rng.int(2, 40) * 1000);
    // The small county gets its fever early on, so that every screen has one.
    const fever = !draft.fixed && (rng.chance(this.feverRate) || (this.scale === 'small' && this.counts.fevers === 0 && this.counts.passages === 150));
    let decision: Decision = 'pass';
    if (fever) decision = 'referred';
    else if (!draft.fixed && rng.chance(draft.isolate ?? 0)) decision = 'isolated';
    else if (!draft.fixed && rng.chance(draft.turnBack)) decision = 'turned_back';
    const feverSeat = fever ? rng.int(0, draft.occupants.length - 1) : -1;
    const vehicle = draft.vehicleType !== 'none';
    const plateNote = draft.plate ? '，车辆 ' + draft.plate : '';
    let fevers = 0;
    const rows = [];
    for (const [seq, o] of draft.occupants.entries()) {
      let personId: string | null = null;
      let personPath: string | null = null;
      let name: string;
      let idNumber: string | null = null;
      let phone: string | null = null;
      if (o.resident) {
        personId = o.resident.id;
        personPath = o.resident.region_path;
        name = o.resident.name;
        idNumber = o.resident.id_number;
        phone = rng.chance(0.6) ? o.resident.phone : null;
      } else if (o.stranger) {
        personId = await this.personOf(o.stranger, site, created);
        personPath = o.stranger.personPath;
        name = o.stranger.name;
        idNumber = o.stranger.idNumber;
        phone = o.stranger.phone;
      } else name = o.name ?? '无名';
      const hot = seq === feverSeat;
      const t = temperature(rng, hot);
      const symptoms: Symptom[] = hot ? ['fever', ...(rng.chance(0.4) ? ['cough' as const] : []), ...(rng.chance(0.2) ? ['fatigue' as const] : [])] : rng.chance(0.002) ? ['cough'] : [];
      if (hot) {
        fevers++;
        this.counts.fevers++;
        if (personId) {
          const path = personPath ?? site.row.region_path;
          for (const tag of ['fever', 'key_person'] as const) this.feverTags.push({ person_id: personId, tag, region_path: path, source: 'checkpoint', created_at: created });
        }
        const alert = this.alert(created, 'fever', personId, site, id, `卡口发热：${name}（${t}℃），${site.row.name}${plateNote}`);
        if (decision === 'referred') {
          alert.referral_id = this.ids.at(Date.parse(created));
          this.referrals.push({
            id: alert.referral_id, person_id: personId, person_name: name, region_path: site.row.region_path, source_type: 'passage', source_id: id,
            reason: `发热 ${t}℃`, facility: null, referred_at: iso(at), referred_by: site.recorderId, outcome: null, outcome_at: null, outcome_note: null,
            outcome_by: null, case_id: null, created_at: created, updated_at: created,
          });
        }
        this.alerts.push(alert);
      }
      rows.push({
        passage_id: id, seq, person_id: personId, region_path: site.row.region_path, name, id_number: idNumber, phone, temperature: t,
        symptoms: symptoms.length ? JSON.stringify(symptoms) : null, fever: hot ? 1 : 0,
      });
    }
    await this.sink.passages.push({
      id, site_id: site.row.id, region_path: site.row.region_path, at: iso(at), direction: draft.direction, plate: draft.plate, vehicle_type: draft.vehicleType,
      origin: draft.origin, destination: draft.destination, purpose: draft.purpose, disinfected: rng.chance(vehicle ? 0.95 : 0.6) ? 1 : 0,
      leaflet: rng.chance(draft.regular ? 0.5 : 0.9) ? 1 : 0, decision, occupant_count: rows.length, fever_count: fevers, recorder_id: site.recorderId, created_at: created,
    });
    for (const r of rows) await this.sink.occupants.push(r);
    this.counts.passages++;
    this.counts.occupants += rows.length;
  }

  private alert(created: string, kind: 'fever' | 'refer', personId: string | null, site: SitePlan, passageId: string, message: string): AlertTable {
    return {
      id: this.ids.at(Date.parse(created)), kind, person_id: personId, region_path: site.row.region_path, source_type: 'passage', source_id: passageId,
      message, created_at: created, acknowledged_at: null, acknowledged_by: null, referral_id: null,
    };
  }
}

/** A referral whose alert was settled came back from the county hospital's fever clinic as excluded (排除) then. */
function finishReferrals(referrals: ReferralTable[], alerts: AlertTable[]): ReferralTable[] {
  const settled = new Map(alerts.filter((a) => a.referral_id && a.acknowledged_at).map((a) => [a.referral_id!, a]));
  return referrals.map((r) => {
    const a = settled.get(r.id);
    if (!a) return r;
    return { ...r, facility: '县人民医院发热门诊', outcome: 'excluded', outcome_at: a.acknowledged_at, outcome_note: '血常规、胸部 CT 未见异常', outcome_by: a.acknowledged_by, updated_at: a.acknowledged_at! };
  });
}

/** The command centre acknowledged most checkpoint alerts within a few hours; the newest few, and some older ones, are open. */
function finishAlerts(rng: Rng, alerts: AlertTable[], commandId: string | null, openNewest: number, openOlder: number): AlertTable[] {
  const sorted = [...alerts].sort((a, b) => (a.id < b.id ? -1 : 1));
  sorted.forEach((a, k) => {
    if (!commandId || k >= sorted.length - openNewest || rng.chance(openOlder)) return;
    a.acknowledged_at = iso(Date.parse(a.created_at) + rng.int(5, 240) * 60_000);
    a.acknowledged_by = commandId;
  });
  return sorted;
}

/**
 * The two big tables go in faster than through the query builder: on SQLite one prepared
 * multi-row INSERT reused for every full chunk (same connection, so inside the transaction); on
 * PostgreSQL one INSERT … SELECT FROM unnest(array per column) per 10,000 rows, which the server
 * parses once instead of 65,000 parameters' worth of VALUES.
 */
const PASSAGE_COLUMNS = [
  ['id', 'uuid'], ['site_id', 'uuid'], ['region_path', 'text'], ['at', 'text'], ['direction', 'text'], ['plate', 'text'], ['vehicle_type', 'text'],
  ['origin', 'text'], ['destination', 'text'], ['purpose', 'text'], ['disinfected', 'int'], ['leaflet', 'int'], ['decision', 'text'],
  ['occupant_count', 'int'], ['fever_count', 'int'], ['recorder_id', 'uuid'], ['created_at', 'text'],
] as const satisfies readonly (readonly [keyof Database['passages'], string])[];
const OCCUPANT_COLUMNS = [
  ['passage_id', 'uuid'], ['seq', 'int'], ['person_id', 'uuid'], ['region_path', 'text'], ['name', 'text'], ['id_number', 'text'], ['phone', 'text'],
  ['temperature', 'float8'], ['symptoms', 'text'], ['fever', 'int'],
] as const satisfies readonly (readonly [keyof Database['passage_occupants'], string])[];

const SQLITE_ROWS_PER_STATEMENT = 100;

class BulkBuffer<T extends 'passages' | 'passage_occupants'> {
  private rows: Insertable<Database[T]>[] = [];
  private readonly statements = new Map<number, SQLite.Statement>();
  private readonly size: number;

  constructor(
    private readonly db: Db,
    private readonly sqlite: SQLite.Database | null,
    private readonly table: T,
    private readonly columns: readonly (readonly [string, string])[],
    private readonly onFlush: (n: number) => void,
    private readonly before?: { flush(): Promise<void> },
  ) {
    this.size = sqlite ? SQLITE_ROWS_PER_STATEMENT * 20 : 10_000;
  }

  async push(row: Insertable<Database[T]>): Promise<void> {
    this.rows.push(row);
    if (this.rows.length >= this.size) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.rows.length === 0) return;
    await this.before?.flush();
    const rows = this.rows as unknown as Record<string, unknown>[];
    this.rows = [];
    const names = this.columns.map(([c]) => c);
    if (this.sqlite) {
      for (let i = 0; i < rows.length; i += SQLITE_ROWS_PER_STATEMENT) {
        const chunk = rows.slice(i, i + SQLITE_ROWS_PER_STATEMENT);
        const values: unknown[] = [];
        for (const r of chunk) for (const c of names) values.push(r[c] ?? null);
        this.statement(chunk.length).run(values);
      }
    } else {
      const arrays = this.columns.map(([c, type]) => sql`${rows.map((r) => r[c] ?? null)}::${sql.raw(type)}[]`);
      await sql`insert into ${sql.table(this.table)} (${sql.join(names.map((c) => sql.ref(c)))}) select * from unnest(${sql.join(arrays)})`.execute(this.db);
    }
    this.onFlush(rows.length);
  }

  private statement(rows: number): SQLite.Statement {
    let stmt = this.statements.get(rows);
    if (!stmt) {
      const one = `(${this.columns.map(() => '?').join(',')})`;
      stmt = this.sqlite!.prepare(`insert into ${this.table} (${this.columns.map(([c]) => c).join(',')}) values ${Array.from({ length: rows }, () => one).join(',')}`);
      this.statements.set(rows, stmt);
    }
    return stmt;
  }
}
