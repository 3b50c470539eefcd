import { pinyinOf, searchKeyOf } from '../../text';

/**
 * Memoised search text for the demo's 300,000 persons and 10,000 grids and buildings. Names repeat
 * a great deal (王建国, 3号楼), and pinyin plus the simplified/traditional conversion cost about 9 µs
 * a name, so each distinct name is converted once. The strings are exactly what `searchKeyOf` and
 * the regions' `nameColumns` produce for the same input.
 */
const cache = new Map<string, { pinyin: string; initials: string; base: string }>();

function namePartsOf(name: string) {
  let parts = cache.get(name);
  if (!parts) {
    const { pinyin, initials } = pinyinOf(name);
    parts = { pinyin, initials, base: searchKeyOf(name) };
    cache.set(name, parts);
  }
  return parts;
}

/** `searchKeyOf(name, ...extra)`, from the cache. */
export function cachedSearchKey(name: string, ...extra: (string | null | undefined)[]): string {
  const { base } = namePartsOf(name);
  const kept = extra.filter(Boolean);
  return kept.length === 0 ? base : base + ' ' + kept.join(' ');
}

/** The regions' derived name columns (see regions.mapper `nameColumns`), from the cache. */
export function cachedNameColumns(name: string, code: string) {
  const { pinyin, initials } = namePartsOf(name);
  return { name, pinyin, initials, search_key: cachedSearchKey(name, code) };
}

/**
 * A person's search key: name, pinyin and initials, the last 6 characters of the ID number
 * (lower case, so a typed "x" matches the check character X) and the last 4 digits of the phone —
 * what a grid worker types to find someone on a roster.
 */
export function personSearchKey(name: string, idNumber: string | null, phone: string | null): string {
  return cachedSearchKey(name, idNumber?.slice(-6).toLowerCase(), phone?.slice(-4));
}
