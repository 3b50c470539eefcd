import type { PersonTag, Transport } from '../../shared/residents';
import { type Rng, WeightedPicker } from './random';

/**
 * What the registry already knows about people on the eve of the outbreak: Spring Festival
 * returnees (返乡人员, arriving 8–20 January 2020, mostly from Taiyuan and the big cities, a few
 * from Hubei — those flagged as key persons with Hubei travel), migrant workers still away
 * (外出务工), old people living alone (独居老人) and chronic illness among the elderly.
 */
export interface Flags {
  away: boolean;
  returnee: { from: string; arrivalDate: string; transport: Transport; transportNo: string | null } | null;
  tags: PersonTag[];
}

const ORIGINS: readonly [string, number][] = [
  ['山西省太原市', 25],
  ['北京市', 12],
  ['天津市', 6],
  ['陕西省西安市', 6],
  ['广东省深圳市', 6],
  ['上海市', 5],
  ['内蒙古自治区鄂尔多斯市', 5],
  ['广东省广州市', 4],
  ['浙江省杭州市', 4],
  ['江苏省苏州市', 4],
  ['河北省石家庄市', 4],
  ['河南省郑州市', 4],
  ['湖北省武汉市', 3],
  ['湖北省孝感市', 1],
];
const origins = new WeightedPicker(
  ORIGINS.map(([o]) => o),
  ORIGINS.map(([, w]) => w),
);
const longDistance = new WeightedPicker<Transport>(['train', 'plane', 'coach', 'self_drive'], [60, 10, 10, 20]);
const nearby = new WeightedPicker<Transport>(['coach', 'self_drive', 'train'], [45, 35, 20]);
const TRAINS = ['G91', 'G2605', 'D2502', 'D2536', 'K603', 'K1285', 'G609', 'D2515', 'K1095', 'G2091'];
const FLIGHTS = ['CZ3191', 'HU7226', 'MU2475', 'CA1131', 'ZH9647', '3U8877'];
const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A 晋K (Jinzhong) plate for coaches and cars coming home. */
function plate(rng: Rng): string {
  return '晋K' + rng.pick(PLATE_LETTERS.split('')) + String(rng.int(0, 9999)).padStart(4, '0');
}

function transportNo(rng: Rng, transport: Transport): string | null {
  switch (transport) {
    case 'train':
      return rng.pick(TRAINS);
    case 'plane':
      return rng.pick(FLIGHTS);
    case 'coach':
    case 'self_drive':
      return plate(rng);
    default:
      return null;
  }
}

/** Flags for one person, given their age and whether they live alone. */
export function randomFlags(rng: Rng, age: number, livesAlone: boolean): Flags {
  const tags: PersonTag[] = [];
  let returnee: Flags['returnee'] = null;
  let away = false;
  if (age >= 18 && age <= 60 && rng.chance(0.025)) {
    const from = origins.pick(rng);
    const transport = from === '山西省太原市' ? nearby.pick(rng) : longDistance.pick(rng);
    const arrivalDate = `2020-01-${String(rng.int(8, 20)).padStart(2, '0')}`;
    returnee = { from, arrivalDate, transport, transportNo: transportNo(rng, transport) };
    tags.push('returnee');
    if (from.startsWith('湖北')) tags.push('hubei_travel', 'key_person');
  } else if (age >= 20 && age <= 45 && rng.chance(0.05)) {
    away = true;
  }
  if (livesAlone && age >= 70) tags.push('elderly_alone');
  if (age >= 60 && rng.chance(0.08)) tags.push('chronic_illness');
  return { away, returnee, tags };
}
