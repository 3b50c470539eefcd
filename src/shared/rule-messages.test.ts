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
  return found;
}

describe('rule messages', () => {
  it('every rule sentence a reader can get back has its Chinese wording', () => {
    const sentences = ruleSentences();
    expect(sentences.length).toBeGreaterThan(30);
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
