import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDb, type Db, type Engine } from '../db/database';
import { migrateToLatest } from '../db/migrate';

/** The engine this Vitest project runs on: QF_TEST_ENGINE=sqlite|postgres (see vitest.config.ts). */
export function testEngine(): Engine {
  return process.env.QF_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';
}

export interface TestDatabase {
  db: Db;
  engine: Engine;
  /** what DATABASE_URL / QUNFANG_DB a separate process would use to reach it */
  databaseUrl?: string;
  sqlitePath?: string;
  close(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a new SQLite file, or a new PostgreSQL database
 * cloned from the migrated template the global setup made.
 */
export async function testDb(): Promise<TestDatabase> {
  if (testEngine() === 'postgres') {
    const base = inject('pgBaseUrl');
    const name = 't_' + randomBytes(6).toString('hex');
    const admin = new pg.Client({ connectionString: `${base}/postgres` });
    await admin.connect();
    // Cloning needs the template idle; retry briefly if another file is cloning at the same moment.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database ${name} template qf_template`);
        break;
      } catch (err) {
        if (attempt > 50) throw err;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
    await admin.end();
    const databaseUrl = `${base}/${name}`;
    const db = openDb({ databaseUrl });
    return { db, engine: 'postgres', databaseUrl, close: () => db.destroy() };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qf-test-'));
  const sqlitePath = path.join(dir, 'test.db');
  const db = openDb({ sqlitePath });
  await migrateToLatest(db);
  return {
    db,
    engine: 'sqlite',
    sqlitePath,
    close: async () => {
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
