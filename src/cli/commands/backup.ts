import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../../server/config';
import { openDb, sqliteHandle } from '../../server/db/database';

/**
 * SQLite: a consistent copy through SQLite's online backup API while the server keeps running.
 * PostgreSQL: backups belong to pg_dump; print the command.
 */
export async function backupCommand(file: string): Promise<void> {
  const config = loadConfig();
  if (config.databaseUrl) {
    console.log('This database is PostgreSQL; back it up with pg_dump, for example:');
    console.log(`  pg_dump --format=custom --file=${JSON.stringify(file)} "$DATABASE_URL"`);
    return;
  }
  if (fs.existsSync(file)) throw new Error(`${file} already exists; choose a new file name`);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = openDb({ sqlitePath: config.sqlitePath });
  try {
    const sqlite = sqliteHandle(db)!;
    const started = Date.now();
    await sqlite.backup(file, {
      progress: ({ totalPages, remainingPages }) => {
        process.stderr.write(`\rbackup ${totalPages - remainingPages}/${totalPages} pages`);
        return 200;
      },
    });
    process.stderr.write('\n');
    console.log(
      `Backed up ${config.sqlitePath} to ${file} (${(fs.statSync(file).size / 1e6).toFixed(1)} MB) in ${Date.now() - started} ms.`,
    );
  } finally {
    await db.destroy();
  }
}
