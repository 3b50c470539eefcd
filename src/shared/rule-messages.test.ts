import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_MESSAGES_ZH } from './rule-messages';

const ROOT = path.resolve(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') ? [full] : [];
  });
}

const MESSAGE = /message:\s*(['`])((?:\\.|(?!\1).)*)\1/gs;

/**
 * Every rule sentence a reader can get back: each `message:` of the shared schemas (refines, issues)
 * and each `message:` inside a service's `new AppError('VALIDATION', …)`.
 */
function ruleSentences(): { message: string; where: string }[] {
  const found: { message: string; where: string }[] = [];
  for (const file of sources(path.join(ROOT, 'shared'))) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(MESSAGE)) {
      found.push({ message: m[2]!, where: path.relative(ROOT, file) });
    }
  }
  for (const file of sources(path.join(ROOT, 'server'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const start of text.matchAll(/new AppError\('VALIDATION'/g)) {
      const rest = text.slice(start.index);
      const statement = rest.slice(0, rest.indexOf(');') + 2);
      for (const m of statement.matchAll(MESSAGE)) found.push({ message: m[2]!, where: path.relative(ROOT, file) });
    }
  }
  // a message given as the last argument of .regex(…, 'message') or .refine(…, 'message')
  for (const file of sources(path.join(ROOT, 'shared'))) {
    const text = fs.readFileSync(file, 'utf8');
    for (const call of text.matchAll(/\.(regex|refine)\(/g)) {
      const args = argumentsFrom(text, call.index + call[0].length);
      const last = /,\s*'((?:[^'\\]|\\.)*)'\s*,?\s*$/.exec(args);
      if (last) found.push({ message: last[1]!, where: path.relative(ROOT, file) });
    }
  }
  return found;
}

/** The text of a call's arguments from just after its "(" to its matching ")", quotes respected. */
function argumentsFrom(text: string, from: number): string {
  let depth = 1;
  let quote: string | null = null;
  let i = from;
  for (; i < text.length && depth > 0; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
  }
  return text.slice(from, i - 1);
}

describe('rule messages', () => {
  it('every rule sentence a reader can get back has its Chinese wording', () => {
    const sentences = ruleSentences();
    expect(sentences.length).toBeGreaterThan(50);
    const missing = sentences.filter((s) => RULE_MESSAGES_ZH[s.message] === undefined);
    // a template literal cannot be looked up: a rule's sentence is fixed, its field path says which field
    expect(missing.map((s) => `${s.where}: ${s.message}`)).toEqual([]);
  });

  it('has no entry nobody uses, and every entry is Chinese', () => {
    const used = new Set(ruleSentences().map((s) => s.message));
    expect(Object.keys(RULE_MESSAGES_ZH).filter((k) => !used.has(k))).toEqual([]);
    for (const zh of Object.values(RULE_MESSAGES_ZH)) expect(zh).toMatch(/[\u4e00-\u9fff]/);
  });
});
