import { idCardCheckChar } from '../../shared/validators';
import type { Db } from '../db/database';
import type { RegionRow } from '../features/regions';
import { type City, DAY, type Household, type Resident, type Stranger, type VehicleType } from './checkpoint-model';
import { randomFullName, randomSurname } from './names';
import { randomMobile } from './people';
import type { Rng } from './random';

const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const PLATE_CHARS = PLATE_LETTERS + '0123456789';

/** The registry's households (members at home, and who of them can drive), with a vehicle for some. */
export async function loadHouseholds(
  db: Db,
  rng: Rng,
  villages: RegionRow[],
  regionById: Map<string, RegionRow>,
  countyCode: string,
) {
  const rows = await db
    .selectFrom('persons')
    .select([
      'id',
      'household_id',
      'name',
      'id_number',
      'phone',
      'region_path',
      'birth_date',
      'away',
      'returnee_from',
      'arrival_date',
      'transport',
      'transport_no',
    ])
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
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
      const village = villageByPath.get(
        '/' +
          p.region_path
            .split('/')
            .slice(1, 1 + codes)
            .join('/') +
          '/',
      );
      const township = village && regionById.get(village.parent_id!);
      if (!village || !township) continue;
      h = {
        id: p.household_id,
        village,
        township,
        urban: village.name.endsWith('社区') || township.name.endsWith('街道'),
        members: [],
        drivers: [],
        vehicle: null,
      };
      byHousehold.set(p.household_id, h);
      list.push(h);
    }
    const age = 2020 - Number((p.birth_date ?? '1980').slice(0, 4));
    const r: Resident = {
      id: p.id,
      name: p.name,
      id_number: p.id_number,
      phone: p.phone,
      region_path: p.region_path,
      age,
      returnee_from: p.returnee_from,
      arrival_date: p.arrival_date,
      transport: p.transport,
      transport_no: p.transport_no,
    };
    h.members.push(r);
    if (age >= 18 && age <= 72) h.drivers.push(r);
  }
  // Rural Shanxi around 2020: a car in about a quarter of households, farm tricycles and motorcycles.
  for (const h of list) {
    if (h.drivers.length === 0) continue;
    const u = rng.next();
    const type: VehicleType | null = h.urban
      ? u < 0.36
        ? 'car'
        : u < 0.43
          ? 'motorcycle'
          : u < 0.46
            ? 'van'
            : null
      : u < 0.27
        ? 'car'
        : u < 0.45
          ? 'tricycle'
          : u < 0.56
            ? 'motorcycle'
            : u < 0.59
              ? 'truck'
              : u < 0.61
                ? 'van'
                : null;
    if (type) h.vehicle = { plate: '', type };
  }
  return { households: list, knownIds, knownPlates };
}

/** Mainland plates, none twice: 晋K·A1234, 晋K·AB123, 晋K·12345, 晋K·1A234, and new-energy 晋K·D12345. */
export class PlateMaker {
  constructor(
    private readonly rng: Rng,
    private readonly used: Set<string>,
  ) {}

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
export class StrangerMaker {
  constructor(
    private readonly rng: Rng,
    private readonly known: Set<string>,
  ) {}

  make(city: City, child = false): Stranger {
    const rng = this.rng;
    const sex: 'M' | 'F' = rng.chance(child ? 0.5 : 0.58) ? 'M' : 'F';
    const age = child ? rng.int(1, 16) : Math.round(rng.triangular(19, 38, 70));
    const birthDate = new Date(Date.UTC(2019 - age, 0, 21) + rng.int(0, 364) * DAY).toISOString().slice(0, 10);
    const name = randomFullName(rng, sex, 2019 - age, randomSurname(rng));
    const idNumber =
      child || rng.chance(0.96) ? this.issue(rng.pick(city.ids), birthDate.replaceAll('-', ''), sex) : null;
    return {
      name,
      idNumber,
      phone: !child && rng.chance(0.85) ? randomMobile(rng) : null,
      sex,
      birthDate,
      personId: null,
      personPath: null,
    };
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
