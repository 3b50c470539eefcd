import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';

const s2t = OpenCC.Converter({ from: 'cn', to: 'tw' });
const t2s = OpenCC.Converter({ from: 'tw', to: 'cn' });

export function toTraditional(text: string): string {
  return s2t(text);
}

export function toSimplified(text: string): string {
  return t2s(text);
}

const pinyinMemo = new Map<string, { pinyin: string; initials: string }>();

/**
 * Full pinyin without tones or spaces (古陶镇 → gutaozhen) and its initials (gtz). Names repeat a
 * great deal (a roster of a million people has far fewer distinct names), so results are memoised.
 */
export function pinyinOf(name: string): { pinyin: string; initials: string } {
  let found = pinyinMemo.get(name);
  if (!found) {
    if (pinyinMemo.size > 200_000) pinyinMemo.clear();
    found = computePinyin(name);
    pinyinMemo.set(name, found);
  }
  return found;
}

function computePinyin(name: string): { pinyin: string; initials: string } {
  const simplified = toSimplified(name);
  const full = pinyin(simplified, { toneType: 'none', type: 'array', nonZh: 'consecutive' });
  const first = pinyin(simplified, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' });
  const clean = (parts: string[]) =>
    parts
      .join('')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
  return { pinyin: clean(full), initials: clean(first) };
}

/**
 * The text one LIKE searches: simplified name, pinyin, initials and any code, lower case, so that
 * 張 finds 张, "zs" finds 张三 and a code suffix finds its record.
 */
export function searchKeyOf(name: string, ...extra: (string | null | undefined)[]): string {
  const { pinyin: full, initials } = pinyinOf(name);
  return [toSimplified(name).toLowerCase(), full, initials, ...extra.filter(Boolean)].join(' ');
}

/** A user's search text made comparable with search keys. */
export function normaliseQuery(q: string): string {
  return toSimplified(q.trim()).toLowerCase().replace(/\s+/g, '');
}

/** Escape % and _ for a LIKE pattern that uses `escape '\'`. */
export function likeEscape(s: string): string {
  return s.replace(/[\\%_]/g, (c) => '\\' + c);
}
