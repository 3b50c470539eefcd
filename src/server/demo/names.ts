import { type Rng, WeightedPicker } from './random';

/**
 * Plausible names for a county in central Shanxi. Surnames are weighted roughly by how common they
 * are there (王, 李, 张, 刘, 赵 lead, with Shanxi-heavy 郭, 武, 梁, 任, 侯, 韩, 冀, 雷, 闫, 温 …).
 * Given names follow the fashions of the year of birth: 建国 and 秀英 for people born in the 1950s,
 * 晓东 and 丽娟 for the 1970s–80s, 子涵 and 浩然 for children born after 2005.
 */
const SURNAMES: readonly [string, number][] = [
  ['王', 80],
  ['李', 70],
  ['张', 65],
  ['刘', 55],
  ['赵', 40],
  ['杨', 35],
  ['郭', 32],
  ['陈', 28],
  ['武', 24],
  ['梁', 22],
  ['任', 20],
  ['侯', 18],
  ['韩', 18],
  ['田', 16],
  ['冀', 15],
  ['雷', 14],
  ['闫', 14],
  ['温', 13],
  ['史', 12],
  ['宋', 12],
  ['孟', 12],
  ['段', 11],
  ['程', 11],
  ['高', 14],
  ['黄', 10],
  ['周', 12],
  ['吴', 10],
  ['徐', 9],
  ['孙', 12],
  ['胡', 9],
  ['朱', 9],
  ['马', 12],
  ['郝', 10],
  ['贾', 10],
  ['乔', 8],
  ['白', 9],
  ['薛', 7],
  ['范', 7],
  ['曹', 7],
  ['冯', 8],
  ['霍', 6],
  ['阎', 6],
  ['渠', 4],
  ['岳', 5],
  ['耿', 5],
  ['宁', 4],
  ['常', 6],
  ['申', 5],
  ['秦', 5],
  ['董', 6],
  ['崔', 6],
  ['苏', 5],
  ['牛', 5],
  ['卫', 4],
  ['曾', 3],
  ['毛', 4],
  ['彭', 4],
  ['康', 5],
  ['许', 5],
  ['石', 5],
  ['贺', 5],
  ['姚', 5],
  ['邢', 4],
  ['樊', 4],
  ['翟', 4],
  ['杜', 6],
];

const surnames = new WeightedPicker(
  SURNAMES.map(([s]) => s),
  SURNAMES.map(([, w]) => w),
);

/** A surname, weighted by frequency. */
export function randomSurname(rng: Rng): string {
  return surnames.pick(rng);
}

type Era = 'old' | 'middle' | 'young';

/** Given names by sex and era; two-character names dominate, one-character names are a minority. */
const GIVEN: Record<'M' | 'F', Record<Era, readonly string[]>> = {
  M: {
    old: split(
      '建国 建华 建军 国强 国华 国庆 保国 卫国 振华 志刚 志明 德胜 福全 富贵 来福 满仓 二虎 拴柱 锁柱 有福 长生 永贵 存根 根旺 金锁 铁柱 宝山 文明 文斌 守仁 德明 玉明 茂林 海山 成 明 华 忠 贵 全 旺 林',
    ),
    middle: split(
      '志强 晓东 建平 海军 永强 红军 卫东 俊峰 海峰 晋峰 晋生 晋军 利平 小平 建伟 文杰 宏伟 耀武 明亮 旭东 鹏飞 立新 永红 润生 晋平 俊杰 海龙 春生 伟 刚 勇 军 斌 涛 鹏 磊 波 强 峰 亮 瑞',
    ),
    young: split(
      '浩然 子轩 宇航 博文 梓豪 浩宇 晨阳 一鸣 泽宇 子豪 皓轩 佳豪 梓睿 奕辰 子墨 铭泽 思远 俊熙 宇轩 明哲 宇 浩 鑫 阳 晨 轩 凯 睿',
    ),
  },
  F: {
    old: split(
      '秀英 桂兰 桂英 玉兰 凤英 秀兰 兰英 翠花 金花 月娥 润莲 改莲 粉莲 桃花 玉梅 素珍 淑珍 秀珍 巧云 爱莲 银娥 春花 俊英 二女 改娥 玉珍 金莲 秀梅 兰 英 珍 娥',
    ),
    middle: split(
      '丽娟 海燕 丽萍 晓红 建英 红梅 小燕 春燕 晋芳 丽芳 慧芳 彩霞 美玲 雪梅 艳芳 秀芳 丽霞 俊芳 晓丽 瑞芳 晋英 玉霞 丽 娟 霞 艳 燕 红 芳 敏 静 萍',
    ),
    young: split(
      '子涵 欣怡 梓涵 雨涵 诗涵 可馨 一诺 佳怡 思琪 雨桐 梓萱 欣妍 语嫣 若汐 婉婷 佳琪 梦瑶 雅琪 紫萱 晓雪 悦 琪 瑶 怡 涵 萱 雪 婧',
    ),
  },
};

function split(s: string): string[] {
  return s.split(' ');
}

function eraOf(birthYear: number): Era {
  if (birthYear < 1962) return 'old';
  if (birthYear < 2000) return 'middle';
  return 'young';
}

/** A given name suited to the sex and the year of birth; older eras lean on the previous one's names too. */
function randomGivenName(rng: Rng, sex: 'M' | 'F', birthYear: number): string {
  let era = eraOf(birthYear);
  // People born near an era boundary borrow from the neighbouring fashion now and then.
  if (era === 'middle' && birthYear < 1970 && rng.chance(0.3)) era = 'old';
  if (era === 'young' && birthYear < 2005 && rng.chance(0.4)) era = 'middle';
  return rng.pick(GIVEN[sex][era]);
}

export function randomFullName(rng: Rng, sex: 'M' | 'F', birthYear: number, surname = randomSurname(rng)): string {
  return surname + randomGivenName(rng, sex, birthYear);
}
