import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb, type TestDatabase } from '../server/testing/test-db';
import { rssOf, startServerProcess } from '../server/testing/server-process';

let database: TestDatabase;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  database = await testDb();
  env = {
    ...process.env,
    QUNFANG_ADMIN_PASSWORD: 'Admin12345',
    ...(database.databaseUrl ? { DATABASE_URL: database.databaseUrl } : { QUNFANG_DB: database.sqlitePath }),
  };
});
afterAll(async () => database.close());

const health = async (url: string) => {
  try {
    return (await fetch(`${url}/api/health`)).status;
  } catch {
    return 0;
  }
};

describe('qunfang serve under its supervisor', () => {
  it('restarts the server process after kill -9, logging it, and SIGTERM stops both', async () => {
    const server = await startServerProcess(env);
    expect(await health(server.url)).toBe(200);
    const first = server.workerPid();
    expect(first).not.toBe(server.supervisor.pid);

    const mark = server.output().length;
    process.kill(first, 'SIGKILL');
    await server.waitFor(new RegExp(`server process ${first} was killed by SIGKILL; restart 1 in`), mark);
    await server.waitFor(/serving on/, mark);
    const second = server.workerPid();
    expect(second).not.toBe(first);
    expect(await health(server.url)).toBe(200);

    const exited = new Promise<number | null>((resolve) => server.supervisor.once('exit', (code) => resolve(code)));
    server.supervisor.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(server.output()).toContain(`server process ${second} stopped`);
    expect(rssOf(second)).toBe(0);
  }, 240_000);
});
