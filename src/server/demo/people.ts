import type { Relation } from '../../shared/residents';
import { idCardCheckChar } from '../../shared/validators';
import { randomFlags, type Flags } from './flags';
import { randomFullName, randomSurname } from './names';
import { type Rng, WeightedPicker } from './random';

const DAY_MS = 86_400_000;

/** Pingyao's own GB/T 2260 prefix; a quarter of spouses married in from neighbouring counties. */
const HOME_PREFIX = '140728';
const NEIGHBOUR_PREFIXES = ['140727', '140781', '140729', '141182', '141121'] as const;

export interface Member extends Flags {
  /** To the head of household (户主): head, spouse 配偶, child 子女, parent 父母. */
  relation: Extract<Relation, 'head' | 'spouse' | 'child' | 'parent'>;
  name: string;
  sex: 'M' | 'F';
  /** YYYY-MM-DD, the same date the ID number carries. */
  birthDate: string;
  idNumber: string;
  phone: string | null;
}

/**
 * Resident ID numbers (GB 11643-1999): 6-digit region of first registration, birth date YYYYMMDD,
 * a 3-digit sequence whose last digit is odd for men and even for women, and the MOD 11-2 check
 * character. Sequences are handed out without repeats per region, date and sex, walking 0…499 in a
 * seeded stride so they do not read 001, 003, 005.
 */
export class IdNumbers {
  private readonly next = new Map<string, { start: number; k: number }>();

  issue(rng: Rng, prefix: string, birth: string, sex: 'M' | 'F'): string {
    const key = prefix + birth + sex;
    let slot = this.next.get(key);
    if (!slot) {
      slot = { start: rng.int(0, 499), k: 0 };
      this.next.set(key, slot);
    }
    if (slot.k >= 500) throw new Error(`demo: ran out of ID sequences for ${key}`);
    const v = (slot.start + slot.k++ * 137) % 500; // 137 is coprime with 500: a full cycle
    const first17 = prefix + birth + String(v * 2 + (sex === 'M' ? 1 : 0)).padStart(3, '0');
    return first17 + idCardCheckChar(first17);
  }
}

const MOBILE_PREFIXES = [
  '134',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '157',
  '158',
  '159',
  '182',
  '183',
  '187',
  '188',
  '130',
  '131',
  '132',
  '155',
  '156',
  '185',
  '186',
  '133',
  '153',
  '180',
  '189',
  '177',
  '166',
  '199',
];

/** An 11-digit mainland mobile number (^1[3-9]\d{9}$). */
export function randomMobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}

/** Adults carry a phone most of the time, the very old less often; children never (~85% of adults). */
function phoneFor(rng: Rng, age: number): string | null {
  if (age < 18) return null;
  const p = age <= 65 ? 0.93 : age <= 80 ? 0.7 : 0.35;
  return rng.chance(p) ? randomMobile(rng) : null;
}

/** A birth date for someone who is `age` full years old on the demo's reference day, 2020-01-20. */
function birthDateFor(rng: Rng, age: number): string {
  const earliest = Date.UTC(2019 - age, 0, 21);
  return new Date(earliest + rng.int(0, 364) * DAY_MS).toISOString().slice(0, 10);
}

/** Household sizes 1–6, mean about 3.1 (rural Shanxi around 2020). */
const sizes = new WeightedPicker([1, 2, 3, 4, 5, 6], [12, 25, 25, 20, 12, 6]);

type Slot = 'spouse' | 'child' | 'parent';

/** Who lives with the head, by household size; three generations are common in villages. */
function templateOf(rng: Rng, size: number): { slots: Slot[]; headAge: [number, number, number] } {
  switch (size) {
    case 1:
      return { slots: [], headAge: [18, 68, 95] };
    case 2:
      return rng.chance(0.1)
        ? { slots: ['child'], headAge: [40, 60, 85] }
        : { slots: ['spouse'], headAge: [22, 62, 90] };
    case 3:
      return { slots: ['spouse', 'child'], headAge: [24, 42, 80] };
    case 4:
      return rng.chance(0.7)
        ? { slots: ['spouse', 'child', 'child'], headAge: [27, 40, 75] }
        : { slots: ['spouse', 'child', 'parent'], headAge: [25, 36, 60] };
    case 5:
      return rng.chance(0.6)
        ? { slots: ['spouse', 'child', 'child', 'parent'], headAge: [28, 40, 62] }
        : { slots: ['spouse', 'child', 'parent', 'parent'], headAge: [25, 36, 60] };
    default:
      return { slots: ['spouse', 'child', 'child', 'parent', 'parent'], headAge: [28, 38, 58] };
  }
}

/**
 * One household's members, head first: a head (户主), maybe a spouse (配偶), children (子女)
 * born to the couple, and the head's parents (父母), each with their registry flags. Children take the father's surname; the head's
 * father shares the head's surname. Ages run 0–95; sex and birth date match the ID number.
 */
export function randomHousehold(rng: Rng, ids: IdNumbers): Member[] {
  const { slots, headAge } = templateOf(rng, sizes.pick(rng));
  const age = Math.round(rng.triangular(...headAge));
  const married = slots.includes('spouse');
  const headSex: 'M' | 'F' = married
    ? rng.chance(0.88)
      ? 'M'
      : 'F'
    : age > 70
      ? rng.chance(0.65)
        ? 'F'
        : 'M'
      : rng.chance(0.5)
        ? 'M'
        : 'F';
  const surname = randomSurname(rng);
  const members: Member[] = [];
  const add = (relation: Member['relation'], sex: 'M' | 'F', age: number, familyName: string, prefix = HOME_PREFIX) => {
    const birthDate = birthDateFor(rng, age);
    members.push({
      relation,
      sex,
      birthDate,
      name: randomFullName(rng, sex, Number(birthDate.slice(0, 4)), familyName),
      idNumber: ids.issue(rng, prefix, birthDate.replaceAll('-', ''), sex),
      phone: phoneFor(rng, age),
      ...randomFlags(rng, age, slots.length === 0),
    });
  };

  add('head', headSex, age, surname);
  let motherAge = headSex === 'F' ? age : Math.max(20, age + rng.int(-6, 2));
  let childSurname = surname;
  if (married) {
    const spouseSex = headSex === 'M' ? 'F' : 'M';
    const spouseAge = headSex === 'M' ? motherAge : Math.min(95, age + rng.int(-2, 6));
    const spouseSurname = randomSurname(rng);
    if (headSex === 'F') childSurname = spouseSurname;
    add(
      'spouse',
      spouseSex,
      Math.min(95, spouseAge),
      spouseSurname,
      rng.chance(0.25) ? rng.pick(NEIGHBOUR_PREFIXES) : HOME_PREFIX,
    );
  } else {
    motherAge = age;
  }

  let lastChildAge = Math.max(0, motherAge - rng.int(22, 34));
  let firstChild = true;
  const parentSlots = slots.filter((s) => s === 'parent').length;
  for (const slot of slots) {
    if (slot !== 'child') continue;
    const childAge: number = firstChild ? lastChildAge : Math.max(0, lastChildAge - rng.int(2, 8));
    firstChild = false;
    lastChildAge = childAge;
    add('child', rng.chance(0.52) ? 'M' : 'F', childAge, childSurname);
  }
  if (parentSlots > 0) {
    const fatherAge = Math.min(95, age + rng.int(22, 32));
    const motherOfHeadAge = Math.min(95, Math.max(age + 20, fatherAge - rng.int(0, 4)));
    if (parentSlots === 2) {
      add('parent', 'M', fatherAge, surname);
      add('parent', 'F', motherOfHeadAge, randomSurname(rng));
    } else if (rng.chance(0.65)) {
      add('parent', 'F', motherOfHeadAge, randomSurname(rng));
    } else {
      add('parent', 'M', fatherAge, surname);
    }
  }
  return members;
}
