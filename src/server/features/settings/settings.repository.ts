import type { Db } from '../../db/database';

/**
 * The `settings` table: the county's few switches, one text value per key (JSON where a value is
 * structured). Keys are namespaced by the feature that reads them: `isolation.settings`,
 * `zero_report.deadline`, `demo.seed`. Every function takes `db` or the caller's transaction.
 */

/** The value saved under `key`, or undefined when it was never saved. */
export async function readSetting(db: Db, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/** The values saved under these keys; a key never saved is absent from the map. */
export async function readSettings(db: Db, keys: readonly string[]): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .selectFrom('settings')
    .select(['key', 'value'])
    .where('key', 'in', [...keys])
    .execute();
  return new Map(rows.map((r) => [r.key, r.value]));
}

/** Save each key's value, replacing what was saved before (one statement). */
export async function upsertSettings(db: Db, values: Readonly<Record<string, string>>): Promise<void> {
  const rows = Object.entries(values).map(([key, value]) => ({ key, value }));
  if (rows.length === 0) return;
  await db
    .insertInto('settings')
    .values(rows)
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
    .execute();
}
