import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

const BIN = path.resolve(import.meta.dirname, '../../../bin/qunfang.mjs');

export interface ServerProcess {
  /** the supervisor: `qunfang serve` itself */
  supervisor: ChildProcess;
  url: string;
  /** the pid of the server process (the supervisor's worker) now serving */
  workerPid(): number;
  output(): string;
  /** wait until the output (from `from` on) matches */
  waitFor(pattern: RegExp, from?: number, timeoutMs?: number): Promise<RegExpExecArray>;
}

/** A port free now, so that a restarted worker listens where its predecessor did. */
async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** Start `qunfang serve` as a child process, as an operator would, and wait for it to serve. */
export async function startServerProcess(env: NodeJS.ProcessEnv): Promise<ServerProcess> {
  const port = await freePort();
  const supervisor = spawn(process.execPath, [BIN, 'serve'], {
    env: { ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', QUNFANG_DEMO: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    out += d;
    for (const l of listeners) l();
  };
  supervisor.stdout!.on('data', onData);
  supervisor.stderr!.on('data', onData);
  const waitFor = (pattern: RegExp, from = 0, timeoutMs = 120_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const m = pattern.exec(out.slice(from));
        if (m) {
          listeners.delete(check);
          clearTimeout(timer);
          resolve(m);
        }
      };
      const timer = setTimeout(() => {
        listeners.delete(check);
        reject(new Error(`no ${pattern} in the server's output:\n${out}`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });
  await waitFor(/serving on http:\/\/\S+/);
  return {
    supervisor,
    url: `http://127.0.0.1:${port}`,
    workerPid: () => Number([...out.matchAll(/server process (\d+) started/g)].at(-1)![1]),
    output: () => out,
    waitFor,
  };
}

/** Resident memory of a process, in bytes (VmRSS of /proc/<pid>/status; 0 once it is gone). */
export function rssOf(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const m = /VmRSS:\s+(\d+) kB/.exec(status);
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}
