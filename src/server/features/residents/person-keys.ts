import { normaliseQuery, pinyinOf, searchKeyOf, toSimplified } from '../../text';

/** The search columns that depend on the name alone, and the name's own search key (no ID or phone digits). */
interface NameKeys {
  name_key: string;
  pinyin: string;
  initials: string;
  search_key: string;
}

const nameKeysMemo = new Map<string, NameKeys>();

/**
 * Names repeat a great deal (a roster of a million people has far fewer distinct names) and the
 * simplified/traditional conversion plus pinyin cost several µs a name, so each name's keys are
 * computed once (a fifth of the roster import's JavaScript time before this).
 */
function nameKeysOf(name: string): NameKeys {
  let found = nameKeysMemo.get(name);
  if (!found) {
    if (nameKeysMemo.size > 200_000) nameKeysMemo.clear();
    const { pinyin, initials } = pinyinOf(name);
    found = {
      name_key: toSimplified(name).toLowerCase().replace(/\s+/g, ''),
      pinyin,
      initials,
      search_key: searchKeyOf(name),
    };
    nameKeysMemo.set(name, found);
  }
  return found;
}

/**
 * Whether two spellings are one name: simplified or traditional characters, case and spaces aside
 * (張三 = 张三, "John Smith" = "john smith"). An ID number registered again under another name is
 * refused (see registerPerson).
 */
export function sameName(a: string, b: string): boolean {
  return nameKeysOf(a).name_key === nameKeysOf(b).name_key;
}

/**
 * The indexed search columns of a person. Each is matched by prefix, so each search is a range on
 * one index: the simplified lower-case name (張三 and 张三 both become 张三), full pinyin
 * (zhangsan), initials (zs), and the ID number and phone written backwards, so that "the last
 * four digits" is a prefix too.
 */
export function personKeys(name: string, idNumber: string | null | undefined, phone: string | null | undefined) {
  const keys = nameKeysOf(name);
  // searchKeyOf(name, …extra) is the name's own key with the non-empty extras appended, space-separated
  const idTail = idNumber?.slice(-6);
  const phoneTail = phone?.slice(-4);
  let searchKey = keys.search_key;
  if (idTail) searchKey += ' ' + idTail;
  if (phoneTail) searchKey += ' ' + phoneTail;
  return {
    name_key: keys.name_key,
    pinyin: keys.pinyin,
    initials: keys.initials,
    id_rev: idNumber ? reverse(idNumber.toUpperCase()) : null,
    phone_rev: phone ? reverse(phone) : null,
    search_key: searchKey,
  };
}

/** The string backwards, by code point (a character outside the BMP stays whole). */
export function reverse(s: string): string {
  let out = '';
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) {
      const high = s.charCodeAt(i - 1);
      if (high >= 0xd800 && high <= 0xdbff) {
        out += s[i - 1]! + s[i]!;
        i--;
        continue;
      }
    }
    out += s[i]!;
  }
  return out;
}

/** How a search box entry is matched: digits (and X) are an ID/phone suffix, anything else a name or pinyin prefix. */
export function personQuery(q: string): { kind: 'digits'; rev: string } | { kind: 'text'; key: string } {
  const key = normaliseQuery(q);
  if (/^[0-9x]+$/i.test(key)) return { kind: 'digits', rev: reverse(key.toUpperCase()) };
  return { kind: 'text', key };
}
