import { pinyinOf, searchKeyOf } from '../text';
import { personKeys, reverse } from '../features/residents';

/**
 * Memoised search columns for the demo's 300,000 persons and 10,000 grids and buildings. Names
 * repeat a great deal (王建国, 3号楼), and pinyin plus the simplified/traditional conversion cost
 * about 10 µs a name, so each distinct name is converted once. The values are exactly what the
 * registry's `personKeys` and the regions' `nameColumns` produce for the same input (the demo test
 * checks this).
 */
const regionNames = new Map<string, { pinyin: string; initials: string; base: string }>();
const personNames = new Map<string, ReturnType<typeof personKeys>>();

/** The regions' derived name columns (see regions.mapper `nameColumns`), from the cache. */
export function cachedNameColumns(name: string, code: string) {
  let parts = regionNames.get(name);
  if (!parts) {
    const { pinyin, initials } = pinyinOf(name);
    parts = { pinyin, initials, base: searchKeyOf(name) };
    regionNames.set(name, parts);
  }
  return { name, pinyin: parts.pinyin, initials: parts.initials, search_key: parts.base + ' ' + code };
}

/** `personKeys(name, idNumber, phone)`: name key, pinyin, initials, reversed ID and phone, search key. */
export function cachedPersonKeys(
  name: string,
  idNumber: string | null,
  phone: string | null,
): ReturnType<typeof personKeys> {
  let byName = personNames.get(name);
  if (!byName) {
    byName = personKeys(name, null, null);
    personNames.set(name, byName);
  }
  // searchKeyOf(name, …extra) appends the non-empty extras to the name's own key, space-separated.
  const extra = [idNumber?.slice(-6), phone?.slice(-4)].filter(Boolean);
  return {
    ...byName,
    id_rev: idNumber ? reverse(idNumber.toUpperCase()) : null,
    phone_rev: phone ? reverse(phone) : null,
    search_key: extra.length ? byName.search_key + ' ' + extra.join(' ') : byName.search_key,
  };
}
