import type { CheckpointSiteTable } from '../features/checkpoints';
import type { RegionRow } from '../features/regions';
import { type Rng, WeightedPicker } from './random';

/*
 * What the checkpoint demo is made of: its calendar, the kinds of site and vehicle, the cities
 * outside vehicles come from, and the households, strangers, sites and passage drafts the other
 * checkpoint-* files pass around.
 */
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
/** Beijing time has no daylight saving: local = UTC + 8. */
const BEIJING = 8 * HOUR;
/** Local midnight starting 2020-01-20, the first day of the demo's traffic. */
export const FIRST_DAY = Date.UTC(2020, 0, 20) - BEIJING;
/** 20 … 31 January. */
export const DAYS = 12;
/** Village entrances and compound gates were set up on 除夕, 24 January (day 4). */
export const VILLAGES_OPEN = 4;
/** Check-ins and check-outs are on record up to this moment (25 January, 15:00 Beijing). */
export const SNAPSHOT = Date.UTC(2020, 0, 25, 7, 0);
/** The reports' bus: 晋C60695 from 太原, at the 平遥 exit at 20:03 on 20 January. */
export const TRACED_BUS = {
  plate: '晋C60695',
  at: Date.UTC(2020, 0, 20, 12, 3, 17),
  passengers: 12,
  phoneOnly: 3,
} as const;

export type Profile = 'highway' | 'station' | 'road' | 'duty' | 'village' | 'compound';
export type VehicleType = 'car' | 'bus' | 'truck' | 'van' | 'motorcycle' | 'tricycle' | 'none';
export type Decision = 'pass' | 'turned_back' | 'referred' | 'isolated';

/** Where outside vehicles come from: plate prefixes, a GB/T 2260 prefix for their people's ID numbers, and a weight. */
export interface City {
  label: string;
  plates: readonly string[];
  ids: readonly string[];
  weight: number;
  /** a plate from outside 晋中 (晋K): these are the ones turned back */
  outside: boolean;
  hubei?: boolean;
}
const CITIES: readonly City[] = [
  {
    label: '太原',
    plates: ['晋A'],
    ids: ['140105', '140106', '140107', '140108', '140109', '140110'],
    weight: 30,
    outside: true,
  },
  {
    label: '晋中',
    plates: ['晋K'],
    ids: ['140702', '140781', '140727', '140729', '140724', '140725'],
    weight: 22,
    outside: false,
  },
  { label: '吕梁', plates: ['晋J'], ids: ['141182', '141181', '141102'], weight: 8, outside: true },
  { label: '临汾', plates: ['晋L'], ids: ['141002', '141081'], weight: 4, outside: true },
  { label: '运城', plates: ['晋M'], ids: ['140802', '140881'], weight: 3, outside: true },
  { label: '长治', plates: ['晋D'], ids: ['140403', '140404'], weight: 3, outside: true },
  { label: '阳泉', plates: ['晋C'], ids: ['140302', '140303'], weight: 2, outside: true },
  { label: '晋城', plates: ['晋E'], ids: ['140502'], weight: 2, outside: true },
  { label: '大同', plates: ['晋B'], ids: ['140213', '140214'], weight: 1.5, outside: true },
  { label: '忻州', plates: ['晋H'], ids: ['140902'], weight: 1.5, outside: true },
  {
    label: '北京',
    plates: ['京N', '京Q', '京P', '京E', '京H'],
    ids: ['110105', '110108', '110106', '110114'],
    weight: 4,
    outside: true,
  },
  { label: '石家庄', plates: ['冀A'], ids: ['130102', '130104', '130108'], weight: 2, outside: true },
  { label: '西安', plates: ['陕A'], ids: ['610113', '610112', '610104'], weight: 3, outside: true },
  { label: '郑州', plates: ['豫A'], ids: ['410105', '410102'], weight: 2, outside: true },
  { label: '鄂尔多斯', plates: ['蒙K'], ids: ['150602', '150603'], weight: 2, outside: true },
  {
    label: '武汉',
    plates: ['鄂A'],
    ids: ['420106', '420102', '420111', '420103', '420104'],
    weight: 2.5,
    outside: true,
    hubei: true,
  },
  { label: '孝感', plates: ['鄂K'], ids: ['420902', '420981'], weight: 0.5, outside: true, hubei: true },
  { label: '天津', plates: ['津A', '津C'], ids: ['120104', '120105'], weight: 1, outside: true },
  { label: '上海', plates: ['沪A', '沪B'], ids: ['310115', '310104'], weight: 1, outside: true },
  { label: '杭州', plates: ['浙A'], ids: ['330106', '330110'], weight: 0.8, outside: true },
  { label: '深圳', plates: ['粤B'], ids: ['440304', '440305'], weight: 0.8, outside: true },
  { label: '济南', plates: ['鲁A'], ids: ['370102', '370112'], weight: 0.5, outside: true },
];
export const cityPicker = new WeightedPicker(
  CITIES,
  CITIES.map((c) => c.weight),
);

export function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
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
export function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Division-table names carry some damage (岳南村村民委会, 郝开村民员委会): the village's own name. */
export function villageName(name: string): string {
  return name
    .replace(/(村民委员会|村民委会|民员委会|村委会)$/, '')
    .replace(/([^村])$/, (_, c: string) => (name.endsWith('社区') ? c : c + '村'));
}

export interface Resident {
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

export interface Household {
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
export interface Stranger {
  name: string;
  idNumber: string | null;
  phone: string | null;
  sex: 'M' | 'F';
  birthDate: string;
  personId: string | null;
  personPath: string | null;
}

export interface OutsideVehicle {
  plate: string;
  type: VehicleType;
  city: City;
  /** a county family driving home in a car registered elsewhere, or a crew of strangers */
  household: Household | null;
  crew: Stranger[];
}

export interface SitePlan {
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

export interface Occupant {
  resident?: Resident;
  stranger?: Stranger;
  /** name only: no ID number given */
  name?: string;
}

export interface PassageDraft {
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

export type UserLite = {
  id: string;
  username: string;
  display_name: string;
  role: string;
  region_id: string | null;
  region_path: string;
};
