import { normaliseQuery, pinyinOf, searchKeyOf, toSimplified } from '../../text';

/**
 * The indexed search columns of a person. Each is matched by prefix, so each search is a range on
 * one index: the simplified lower-case name (張三 and 张三 both become 张三), full pinyin
 * (zhangsan), initials (zs), and the ID number and phone written backwards, so that "the last
 * four digits" is a prefix too.
 */
export function personKeys(name: string, idNumber: string | null | undefined, phone: string | null | undefined) {
  const { pinyin, initials } = pinyinOf(name);
  return {
    name_key: toSimplified(name).toLowerCase().replace(/\s+/g, ''),
    pinyin,
    initials,
    id_rev: idNumber ? reverse(idNumber.toUpperCase()) : null,
    phone_rev: phone ? reverse(phone) : null,
    search_key: searchKeyOf(name, idNumber?.slice(-6), phone?.slice(-4)),
  };
}

export function reverse(s: string): string {
  return [...s].reverse().join('');
}

/** How a search box entry is matched: digits (and X) are an ID/phone suffix, anything else a name or pinyin prefix. */
export function personQuery(q: string): { kind: 'digits'; rev: string } | { kind: 'text'; key: string } {
  const key = normaliseQuery(q);
  if (/^[0-9x]+$/i.test(key)) return { kind: 'digits', rev: reverse(key.toUpperCase()) };
  return { kind: 'text', key };
}
