import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The Chinese dictionary is one object made of the base keys and each feature's dictionary spread
 * in: a key two of them define silently takes the last one's text. That put 值班排班 (the
 * checkpoints' duty roster) at the top of the printed resident roster (人员花名册).
 */
describe('the zh-CN dictionary', () => {
  it('defines each key in exactly one place', () => {
    const dir = import.meta.dirname;
    const files = fs.readdirSync(dir).filter((f) => /^zh-CN(\.[a-z-]+)?\.ts$/.test(f));
    const owners = new Map<string, string[]>();
    for (const file of files) {
      const source = fs.readFileSync(path.join(dir, file), 'utf8');
      for (const m of source.matchAll(/^\s+'([A-Za-z][\w.-]*)':/gm))
        owners.set(m[1]!, [...(owners.get(m[1]!) ?? []), file]);
    }
    expect(files.length).toBeGreaterThan(5);
    expect(owners.size).toBeGreaterThan(500);
    expect(
      [...owners].filter(([, where]) => where.length > 1).map(([key, where]) => `${key}: ${where.join(', ')}`),
    ).toEqual([]);
  });
});
