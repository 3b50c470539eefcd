import { expect } from 'vitest';

/**
 * Asserts that a list is not empty and that every item satisfies the rule, naming the items that do
 * not. (`expect(xs.every(rule)).toBe(true)` passes on an empty list and names nothing when it fails.)
 */
export function expectAll<T>(items: readonly T[], rule: (item: T) => unknown, what = 'items'): void {
  expect(items.length, `${what}: the list is empty`).toBeGreaterThan(0);
  expect(
    items.filter((item) => !rule(item)),
    `${what} breaking the rule`,
  ).toEqual([]);
}
