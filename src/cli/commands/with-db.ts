import { loadConfig } from '../../server/config';
import { openMigratedDb } from '../../server/db/open';
import type { Db } from '../../server/db/database';

/** Run a command against the configured, migrated database and close it afterwards. */
export async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await openMigratedDb(loadConfig());
  try {
    return await fn(db);
  } finally {
    await db.destroy();
  }
}
