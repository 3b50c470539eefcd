import { loadConfig } from '../../server/config';
import { openDb } from '../../server/db/database';
import { migrateToLatest } from '../../server/db/migrate';

export async function migrateCommand(): Promise<void> {
  const config = loadConfig();
  const db = openDb(config);
  try {
    const applied = await migrateToLatest(db);
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The schema is up to date.');
  } finally {
    await db.destroy();
  }
}
