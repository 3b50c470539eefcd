import type { Config } from '../config';
import { openDb, type Db } from './database';
import { migrateToLatest } from './migrate';

/** Open the configured database (PostgreSQL if DATABASE_URL is set, else SQLite) and migrate it. */
export async function openMigratedDb(config: Pick<Config, 'databaseUrl' | 'sqlitePath'>): Promise<Db> {
  const db = openDb({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
  try {
    await migrateToLatest(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return db;
}
