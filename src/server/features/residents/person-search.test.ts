import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../clock';
import type { Db } from '../../db/database';
import type { RegionRow } from '../regions/regions.table';
import { uuidv7 } from '../../ids';
import { testDb, type TestDatabase } from '../../testing/test-db';
import { makeTree } from '../../testing/factories';
import { insertMany } from '../../db/bulk-writes';
import { personKeys } from './person-keys';
import { searchPersons } from './persons.repository';

/**
 * searchPersons picks one of three plans (collect and sort a few candidates; read a small
 * jurisdiction; walk the registry in id order): each must give exactly the rows, order and pages of
 * the plain definition — active persons in scope whose name, pinyin or initials start with the
 * query, by id. 6,000 张 make the common-name plans run; a few 欧阳 the rare-name one.
 */
let t: TestDatabase;
let db: Db;
let tree: Awaited<ReturnType<typeof makeTree>>;
const people: { id: string; name: string; path: string; active: boolean }[] = [];

beforeAll(async () => {
  t = await testDb();
  db = t.db;
  const clock = new ManualClock(new Date('2020-01-25T07:55:00Z'));
  tree = await makeTree(db, clock);
  const now = clock.now().toISOString();
  const given = ['伟', '芳', '建国', '秀英', '晓东'];
  const rows = [];
  for (let i = 0; i < 6_030; i++) {
    const building: RegionRow = i % 3 === 0 ? tree.buildingB : tree.buildingA;
    const name = i % 201 === 0 ? '欧阳' + given[i % 5] : '张' + given[i % 5];
    const active = i % 17 !== 0;
    const id = uuidv7();
    people.push({ id, name, path: building.path, active });
    rows.push({
      id,
      name,
      id_type: 'resident_id',
      region_id: building.id,
      region_path: building.path,
      status: active ? ('active' as const) : ('merged' as const),
      away: 0,
      ...personKeys(name, null, null),
      created_at: now,
      updated_at: now,
    });
  }
  await insertMany(db, 'persons', rows);
});
afterAll(async () => t.close());

/** The definition, in JavaScript. */
function expected(q: string, prefix: string): string[] {
  return people
    .filter((p) => {
      const keys = personKeys(p.name, null, null);
      return (
        p.active &&
        p.path.startsWith(prefix) &&
        [keys.name_key, keys.pinyin, keys.initials].some((k) => k.startsWith(q))
      );
    })
    .map((p) => p.id)
    .sort();
}

async function pages(q: string, prefix: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  for (let page = 0; page < count; page++) {
    const rows = await searchPersons(db, { prefix }, { q, afterId: after, limit: 50 });
    ids.push(...rows.slice(0, 50).map((r) => r.id));
    if (rows.length <= 50) break;
    after = rows[49]!.id;
  }
  return ids;
}

describe('person search plans', () => {
  it.each([
    ['张', 'global (walk in id order)', '/'],
    ['zw', 'global (walk in id order)', '/'],
    ['张', 'county (small jurisdiction)', 'county'],
    ['张', 'grid (small jurisdiction)', 'gridB'],
    ['欧阳', 'county (few candidates)', 'county'],
    ['oy', 'grid (few candidates)', 'gridB'],
  ] as const)('%s in %s gives the same pages as the definition', async (q, _plan, where) => {
    const prefix = where === '/' ? '/' : tree[where].path;
    const want = expected(q, prefix);
    expect(want.length).toBeGreaterThan(0);
    const got = await pages(q, prefix, 4);
    expect(got).toEqual(want.slice(0, got.length));
    expect(got.length).toBe(Math.min(want.length, 200));
  });
});
