import { z } from 'zod';

/**
 * Characters no text the API stores may hold: the C0 and C1 control characters (NUL among them,
 * which PostgreSQL cannot store in text) except tab, line feed and carriage return, and the
 * bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) that make
 * text read differently from what it holds ("Trojan source"). \p{Cc} is exactly C0 (U+0000–U+001F),
 * DEL and C1 (U+007F–U+009F); the lookahead lets tab, line feed and carriage return through.
 */
export const CONTROL_CHARACTER = /(?![\t\n\r])\p{Cc}|[\u202A-\u202E\u2066-\u2069]/u;

/**
 * Characters a name may not hold on top of those: every invisible format character (zero-width
 * space and joiners, soft hyphen, word joiner, byte-order mark, direction marks, tag characters),
 * line breaks and tabs, and the blank-looking Hangul fillers and braille blank — a name that looks
 * like another but differs by what cannot be seen is how look-alike records are made. The invisible
 * combining marks (combining grapheme joiner U+034F, Khmer inherent vowels U+17B4/U+17B5) are
 * alternatives of their own: each is refused alone, not as part of a character class.
 */
export const INVISIBLE_IN_NAME = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\u115F\u1160\u2800\u3164\uFFA0]|\u034F|\u17B4|\u17B5/u;

/** Length in characters (Unicode code points): 𠮷 is one character, though two UTF-16 units. */
export const characterCount = (text: string): number => [...text].length;

/**
 * A name a person reads on a list, a chart or a certificate (a region, a person, a checkpoint, a
 * user): trimmed, 1 to `max` characters counted as code points, with no invisible or
 * direction-changing character.
 */
export function nameText(max: number) {
  return (
    z
      .string()
      .trim()
      .min(1)
      // a cheap first bound (a code point is at most two UTF-16 units); the character count follows
      .max(max * 2, `at most ${max} characters`)
      .refine((s) => characterCount(s) <= max, `at most ${max} characters`)
      .refine((s) => !INVISIBLE_IN_NAME.test(s), 'holds an invisible or direction-override character')
  );
}
