import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { METRICS } from '../../shared/rollups';

const dir = join(__dirname, 'migrations');
const files = readdirSync(dir).filter((f) => /^\d{4}_.*\.ts$/.test(f));

/** Every module a file imports or re-exports, as written in the file. */
function importsOf(text: string): string[] {
  return [
    ...text.matchAll(
      /(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ].map((m) => m[1] ?? m[2]!);
}

/**
 * A migration runs once, on the schema as it was when it was written: were it to read the live
 * figure list, an enum or a table type, a later change there would silently change an old migration.
 */
describe('migrations are frozen', () => {
  it('finds the migration files', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)('%s imports nothing from src/shared or src/server/features', (file) => {
    const live = importsOf(readFileSync(join(dir, file), 'utf8')).filter((m) =>
      /(^|\/)shared(\/|$)|(^|\/)features(\/|$)/.test(m),
    );
    expect(live).toEqual([]);
  });

  it('the roll-ups table has a column for every figure (a new figure needs its own migration)', () => {
    const text = readFileSync(join(dir, '0009_rollups.ts'), 'utf8');
    const frozen = [...(text.match(/const METRIC_COLUMNS = \[([^\]]*)\]/)?.[1] ?? '').matchAll(/'(\w+)'/g)].map(
      (m) => m[1],
    );
    const added = files.flatMap((f) =>
      [...readFileSync(join(dir, f), 'utf8').matchAll(/alterTable\('rollups'\)\s*\.addColumn\('(\w+)'/g)].map(
        (m) => m[1],
      ),
    );
    expect([...frozen, ...added].sort()).toEqual([...METRICS].sort());
  });
});
