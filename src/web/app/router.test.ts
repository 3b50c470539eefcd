import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The router loads every page lazily (issue 18: a phone's first screen stays small). A page imported
 * statically here would land in the main chunk and be downloaded by every phone before the login.
 */
describe('the router', () => {
  it('imports no feature page statically: each is React.lazy', () => {
    const source = fs.readFileSync(path.join(import.meta.dirname, 'router.tsx'), 'utf8');
    const staticFeatureImports = source.split('\n').filter((line) => /^import .* from '\.\.\/features\//.test(line));
    expect(staticFeatureImports).toEqual([]);
    const lazyPages = source.match(/lazy\(\(\) => import\('\.\.\/features\/[^']+'\)\)/g) ?? [];
    expect(lazyPages.length).toBeGreaterThan(50);
  });
});
