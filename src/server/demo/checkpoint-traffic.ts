import type { StrangerMaker } from './checkpoint-households';
import {
  cityPicker,
  type Household,
  type Occupant,
  type OutsideVehicle,
  type PassageDraft,
  type Resident,
  type SitePlan,
  type Stranger,
  shuffle,
  TRACED_BUS,
  type VehicleType,
  villageName,
} from './checkpoint-model';
import { randomFullName, randomSurname } from './names';
import { randomMobile } from './people';
import { Rng, WeightedPicker } from './random';

/** Where county people on the road come from or go to. */
const AWAY_PLACES = new WeightedPicker(
  ['太原', '榆次', '介休', '祁县', '汾阳', '孝义', '北京', '西安', '石家庄', '鄂尔多斯'],
  [40, 15, 12, 6, 5, 4, 5, 4, 3, 3],
);
const TRAIN_ORIGINS = new WeightedPicker(
  ['太原南', '太原', '北京西', '西安北', '石家庄', '郑州东', '大同', '运城北', '武汉', '临汾西'],
  [35, 15, 10, 10, 6, 5, 4, 6, 2, 7],
);

/** The city a returnee came from, as a checkpoint writes it: 山西省太原市 → 太原, 北京市 → 北京. */
function shortPlace(from: string): string {
  return from.replace(/^.*?(省|自治区)/, '').replace(/市$/, '') || from;
}

const pick = <T>(rng: Rng, items: readonly T[]): T => rng.pick(items);

/**
 * What passes a checkpoint, as drafts: the vehicle, its people (county residents by household,
 * strangers from the city the plate is from) and the odds of each decision, by the kind of site
 * and the day. PassageRecorder turns a draft into rows.
 */
export class PassageDrafts {
  private readonly stationPool: Stranger[];
  private readonly couriers: Household[];
  private readonly busRiders = new Map<string, Stranger[]>();

  constructor(
    private readonly rng: Rng,
    scale: 'small' | 'county',
    private readonly households: Household[],
    private readonly withVehicle: Household[],
    private readonly byTownshipVehicle: Map<string, Household[]>,
    private readonly outside: WeightedPicker<OutsideVehicle>,
    private readonly strangers: StrangerMaker,
  ) {
    this.stationPool = Array.from({ length: scale === 'county' ? 6000 : 20 }, () =>
      strangers.make(cityPicker.pick(rng)),
    );
    this.couriers = withVehicle.filter(
      (h) => h.vehicle!.type === 'motorcycle' || h.vehicle!.type === 'tricycle' || h.vehicle!.type === 'van',
    );
  }

  /** A family in its own vehicle: a driver and up to three more of the household. */
  private family(h: Household, type: VehicleType): Occupant[] {
    const rng = this.rng;
    const driver = h.drivers.length ? rng.pick(h.drivers) : rng.pick(h.members);
    const max = type === 'motorcycle' || type === 'truck' ? 2 : type === 'tricycle' ? 3 : type === 'none' ? 3 : 4;
    const others = h.members.filter((m) => m !== driver);
    const u = rng.next();
    const extra = Math.min(
      max - 1,
      others.length,
      type === 'none' ? (u < 0.6 ? 0 : 1) : u < 0.4 ? 0 : u < 0.75 ? 1 : u < 0.92 ? 2 : 3,
    );
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
      if (!riders) {
        riders = Array.from({ length: 40 }, () => this.strangers.make(v.city));
        this.busRiders.set(v.plate, riders);
      }
      const n = Math.min(riders.length, Math.round(rng.triangular(6, 12, 38)));
      occupants = [
        { stranger: v.crew[0]! },
        ...shuffle(rng, [...riders])
          .slice(0, n - 1)
          .map((s) => ({ stranger: s })),
      ];
    } else
      occupants = v.crew
        .slice(0, v.type === 'car' ? rng.int(1, v.crew.length) : v.crew.length)
        .map((s) => ({ stranger: s }));
    const here = v.household ? this.home(v.household) : '平遥';
    const cargo = v.type === 'truck' || v.type === 'van';
    const purpose = cargo
      ? pick(rng, ['运输物资', '运送蔬菜', '物流配送', '运输防疫物资', '运输煤炭'])
      : v.household
        ? direction === 'in'
          ? '返乡'
          : '返岗'
        : pick(rng, lockdown ? ['探亲', '过境', '公务', '返岗'] : ['探亲', '过境', '旅游', '返乡', '公务']);
    const hubei = v.city.hubei === true;
    // Outside plates coming in after the lockdown were mostly turned back unless carrying supplies.
    const turnBack = hubei
      ? 0.45
      : v.city.outside && direction === 'in' && !v.household
        ? (lockdown ? (cargo ? 0.08 : 0.6) : 0.03) * turnIn
        : lockdown
          ? 0.01
          : 0.002;
    return {
      direction,
      plate: v.plate,
      vehicleType: v.type,
      origin: direction === 'in' ? v.city.label : here,
      destination: direction === 'in' ? here : v.city.label,
      purpose,
      occupants,
      turnBack,
      isolate: hubei ? (v.household ? 0.6 : 0.15) : 0,
    };
  }

  private countyVehicle(pool: Household[], day: number): PassageDraft {
    const rng = this.rng;
    const h = rng.pick(pool);
    const v = h.vehicle!;
    const direction = rng.chance(0.5) ? 'in' : 'out';
    const away = AWAY_PLACES.pick(rng);
    const lockdown = day >= 5;
    const purpose =
      direction === 'in'
        ? pick(rng, lockdown ? ['返回住所', '就医返回', '运送物资', '公务'] : ['返乡过年', '探亲', '返乡', '办事'])
        : pick(rng, lockdown ? ['就医', '运送物资', '公务', '返岗'] : ['走亲访友', '上班', '办事', '购买年货']);
    return {
      direction,
      plate: v.plate,
      vehicleType: v.type,
      origin: direction === 'in' ? away : this.home(h),
      destination: direction === 'in' ? this.home(h) : away,
      purpose,
      occupants: this.family(h, v.type),
      turnBack: lockdown && direction === 'out' ? 0.01 : 0.002,
    };
  }

  /** One passage's vehicle and people, by the kind of site and the day. */
  traffic(site: SitePlan, _at: number, day: number): PassageDraft {
    const rng = this.rng;
    const lockdown = day >= 5;
    switch (site.profile) {
      case 'highway':
      case 'road':
      case 'duty': {
        const localShare = site.profile === 'highway' ? 0.42 : site.profile === 'road' ? 0.62 : 0.8;
        if (this.withVehicle.length > 0 && rng.chance(localShare)) {
          const near = this.byTownshipVehicle.get(site.township.id);
          return this.countyVehicle(
            site.profile !== 'highway' && near && rng.chance(0.6) ? near : this.withVehicle,
            day,
          );
        }
        return this.outsideDraft(this.outside.pick(rng), day, 1);
      }
      case 'station': {
        if (this.withVehicle.length > 0 && rng.chance(0.2)) return this.countyVehicle(this.withVehicle, day);
        const direction = rng.chance(0.78) ? 'in' : 'out';
        const train = TRAIN_ORIGINS.pick(rng);
        if (rng.chance(0.6) && this.households.length > 0) {
          const h = rng.pick(this.households);
          return {
            direction,
            plate: null,
            vehicleType: 'none',
            origin: direction === 'in' ? train : this.home(h),
            destination: direction === 'in' ? this.home(h) : train,
            purpose: direction === 'in' ? '返乡' : '返岗',
            occupants: this.family(h, 'none'),
            turnBack: 0.002,
          };
        }
        const n = rng.chance(0.7) ? 1 : 2;
        const occupants = Array.from({ length: n }, () => ({ stranger: rng.pick(this.stationPool) }));
        return {
          direction,
          plate: null,
          vehicleType: 'none',
          origin: direction === 'in' ? train : '平遥',
          destination: direction === 'in' ? '平遥' : train,
          purpose: pick(rng, lockdown ? ['探亲', '公务', '返岗'] : ['旅游', '探亲', '公务', '返乡']),
          occupants: [...new Set(occupants.map((o) => o.stranger))].map((s) => ({ stranger: s })),
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
            direction,
            plate: drive ? h.vehicle!.plate : null,
            vehicleType: drive ? h.vehicle!.type : 'none',
            origin: direction === 'in' ? there : site.label,
            destination: direction === 'in' ? site.label : there,
            purpose:
              direction === 'in' ? '返回本村' : pick(rng, ['购买生活物资', '就医', '务农', '上班', '办事', '看望老人']),
            occupants: this.family(h, drive ? h.vehicle!.type : 'none'),
            turnBack: 0.002,
            regular: true,
          };
        }
        if (u < 0.94) {
          const near = this.byTownshipVehicle.get(site.township.id) ?? this.withVehicle;
          const h = near.length ? rng.pick(near) : rng.pick(this.households);
          const drive = !!h.vehicle;
          return {
            direction: rng.chance(0.8) ? 'in' : 'out',
            plate: drive ? h.vehicle!.plate : null,
            vehicleType: drive ? h.vehicle!.type : 'none',
            origin: this.home(h),
            destination: site.label,
            purpose: pick(rng, ['走亲访友', '办事', '送货', '拜年']),
            occupants: this.family(h, drive ? h.vehicle!.type : 'none'),
            turnBack: lockdown ? 0.08 : 0.03,
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
            direction,
            plate: drive ? h.vehicle!.plate : null,
            vehicleType: drive ? h.vehicle!.type : 'none',
            origin: direction === 'in' ? null : site.label,
            destination: direction === 'in' ? site.label : null,
            purpose: direction === 'in' ? '返回小区' : pick(rng, ['买菜', '购买生活物资', '上班', '就医', '取快递']),
            occupants: this.family(h, drive ? h.vehicle!.type : 'none').slice(0, drive ? 4 : 2),
            turnBack: 0.002,
            regular: true,
          };
        }
        if (u < 0.96) {
          const h = rng.pick(this.couriers);
          return {
            direction: 'in',
            plate: h.vehicle!.plate,
            vehicleType: h.vehicle!.type,
            origin: null,
            destination: site.label,
            purpose: pick(rng, ['快递配送', '外卖配送', '送菜上门']),
            occupants: [{ resident: h.drivers.length ? rng.pick(h.drivers) : rng.pick(h.members) }],
            turnBack: 0.2,
          };
        }
        const h = rng.pick(this.households);
        return {
          direction: 'in',
          plate: null,
          vehicleType: 'none',
          origin: this.home(h),
          destination: site.label,
          purpose: '探亲访友',
          occupants: this.family(h, 'none'),
          turnBack: 0.5,
        };
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
        name: randomFullName(visitorsRng, sex, 2019 - age, randomSurname(visitorsRng)),
        idNumber: null,
        phone: randomMobile(visitorsRng),
        sex,
        birthDate: `${2019 - age}-06-01`,
        personId: null,
        personPath: null,
      };
    });
    const rng = this.rng;
    const adults = this.households.flatMap((h) => h.drivers.filter((m) => m.age <= 65).map((m) => ({ h, m })));
    const fromTaiyuan = adults.filter(({ m }) => m.returnee_from === '山西省太原市');
    const chosen: Resident[] = [];
    const seen = new Set<string>();
    for (const pool of [fromTaiyuan, adults]) {
      const order = pool
        .map((x) => [rng.next(), x] as const)
        .sort((a, b) => a[0] - b[0])
        .map(([, x]) => x);
      for (const { h, m } of order) {
        if (chosen.length >= TRACED_BUS.passengers - TRACED_BUS.phoneOnly) break;
        if (seen.has(h.id)) continue;
        seen.add(h.id);
        chosen.push(m);
      }
    }
    for (const { m } of adults)
      if (chosen.length < TRACED_BUS.passengers - TRACED_BUS.phoneOnly && !chosen.includes(m)) chosen.push(m);
    const occupants: PassageDraft['occupants'] = chosen.map((m) => ({ resident: m }));
    // the visitors sat among them (seats 3, 7 and 10)
    for (const [i, stranger] of visitors.entries())
      occupants.splice([3, 7, 10][i] ?? occupants.length, 0, { stranger });
    return {
      direction: 'in',
      plate: TRACED_BUS.plate,
      vehicleType: 'bus',
      origin: '太原',
      destination: '平遥',
      purpose: '返乡过年',
      occupants,
      turnBack: 0,
      fixed: true,
    };
  }

  /** A returnee the registry says arrived on 20 January, by road or by train. */
  returnee(h: Household, m: Resident): PassageDraft {
    const byRoad = (m.transport === 'self_drive' || m.transport === 'coach') && !!m.transport_no;
    return {
      direction: 'in',
      plate: byRoad ? m.transport_no : null,
      vehicleType: byRoad ? (m.transport === 'coach' ? 'bus' : 'car') : 'none',
      origin: shortPlace(m.returnee_from ?? ''),
      destination: this.home(h),
      purpose: '返乡过年',
      occupants: [{ resident: m }],
      turnBack: 0,
      fixed: true,
    };
  }
}
