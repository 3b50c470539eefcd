import cluster, { type Worker } from 'node:cluster';

/** The first restart waits this long; each quick death doubles it, up to MAX_DELAY_MS. */
const MIN_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;
/** A server process that lived this long was healthy: its death restarts it at once again. */
const HEALTHY_AFTER_MS = 60_000;
/** How long a stopping server process has to finish its requests before it is killed. */
const STOP_GRACE_MS = 10_000;

/**
 * `qunfang serve`'s supervisor: this process only watches; the server (HTTP, database, tickers)
 * runs in one worker process forked with node:cluster, restarted if it dies — a crash, an
 * out-of-memory abort, a kill -9 — after a pause that doubles with each quick death (0.5 s, 1 s,
 * 2 s … 30 s) and starts over once a worker has run for a minute. Each death and restart is
 * logged. SIGTERM or SIGINT stop the worker (it closes the server and the database) and then the
 * supervisor. One worker, not one per core: SQLite has a single writer, and the tickers (follow-up
 * and zero-report sweeps, roll-ups) must run once.
 */
export function supervise(log: (line: string) => void = console.log): void {
  let worker: Worker | null = null;
  let startedAt = 0;
  let delay = MIN_DELAY_MS;
  let restarts = 0;
  let stopping = false;
  let timer: NodeJS.Timeout | null = null;

  const start = () => {
    timer = null;
    startedAt = Date.now();
    const w = cluster.fork();
    worker = w;
    log(`[supervisor] server process ${w.process.pid} started`);
    w.on('exit', (code, signal) => {
      if (worker === w) worker = null;
      if (stopping) {
        log(`[supervisor] server process ${w.process.pid} stopped`);
        process.exit(0);
      }
      if (Date.now() - startedAt >= HEALTHY_AFTER_MS) delay = MIN_DELAY_MS;
      restarts++;
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      log(`[supervisor] server process ${w.process.pid} ${how}; restart ${restarts} in ${(delay / 1000).toFixed(1)} s`);
      timer = setTimeout(start, delay);
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    });
  };

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    if (timer) clearTimeout(timer);
    const w = worker;
    if (!w) process.exit(0);
    log(`[supervisor] ${signal}: stopping server process ${w.process.pid}`);
    // a terminal's Ctrl-C reaches the worker too; a SIGTERM from systemd or kill only reaches us
    w.process.kill('SIGTERM');
    setTimeout(() => w.process.kill('SIGKILL'), STOP_GRACE_MS).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  start();
}

/** In a worker: leave when the supervisor is gone (killed with -9), instead of serving unsupervised. */
export function exitWithSupervisor(): void {
  process.on('disconnect', () => process.exit(1));
}
