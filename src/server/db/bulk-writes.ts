import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';
import { sqliteHandle, type Db } from './database';

/** The page cache while a bulk write runs: the person indexes of a million residents fit. */
export const BULK_CACHE_KIB = 512 * 1024;
/**
 * While the worker checkpoints, the writer checkpoints itself only if the log passes this many
 * pages (~400 MB), which it reaches only if the worker has stopped keeping up.
 */
const BACKSTOP_PAGES = 100_000;
const CHECKPOINT_EVERY_MS = 100;

interface BulkState {
  users: number;
  cacheSize: number;
  autocheckpoint: number;
  worker: Worker | null;
}

const bulkStates = new WeakMap<SQLite.Database, BulkState>();

/**
 * Run a bulk write (a roster import of up to millions of rows) with SQLite tuned for it, then put
 * the connection back as it was. PostgreSQL and in-memory databases run `work` unchanged.
 *
 * Measured on a million-row roster: with the server's 64 MB page cache the seven person indexes
 * whose keys arrive in random order (ID number, name, pinyin, …) no longer fit, and every insert
 * reads pages back from the OS; 512 MB took the batches' own work from 53 s to 43 s. Memory is
 * taken only as pages are read, and given back when the last bulk write ends.
 *
 * Each batch's commit rewrites ~31,000 index pages into the write-ahead log, and the commit that
 * crosses the autocheckpoint mark then copies them into the database file and syncs it: ~18 of the
 * 31 s of commits. Here a worker thread checkpoints on its own connection, on the machine's other
 * core, while the import builds its next batch. Durability is unchanged: every commit is still
 * synced to the log before it returns.
 *
 * Concurrent bulk writes (two uploads at once) share one worker; the last to finish restores.
 */
export async function withBulkWrites<T>(db: Db, work: () => Promise<T>): Promise<T> {
  const sqlite = sqliteHandle(db);
  if (!sqlite || sqlite.memory) return work();
  let state = bulkStates.get(sqlite);
  if (!state) {
    state = {
      users: 0,
      cacheSize: sqlite.pragma('cache_size', { simple: true }) as number,
      autocheckpoint: sqlite.pragma('wal_autocheckpoint', { simple: true }) as number,
      worker: null,
    };
    bulkStates.set(sqlite, state);
    sqlite.pragma(`cache_size = -${BULK_CACHE_KIB}`);
    startCheckpointWorker(sqlite, state);
  }
  state.users++;
  try {
    return await work();
  } finally {
    if (--state.users === 0) {
      bulkStates.delete(sqlite);
      if (sqlite.open) {
        sqlite.pragma(`cache_size = ${state.cacheSize}`);
        sqlite.pragma('shrink_memory');
      }
      await stopCheckpointWorker(sqlite, state);
    }
  }
}

/**
 * Hand checkpoints to a worker thread. Should the worker fail (it logs nothing, it only copies
 * pages), the writer goes back to checkpointing itself.
 */
function startCheckpointWorker(sqlite: SQLite.Database, state: BulkState): void {
  const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), { workerData: { file: sqlite.name, intervalMs: CHECKPOINT_EVERY_MS } });
  state.worker = worker;
  sqlite.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  const detach = () => {
    if (state.worker !== worker) return;
    state.worker = null;
    if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${state.autocheckpoint}`);
  };
  worker.on('error', detach);
  worker.on('exit', detach);
}

async function stopCheckpointWorker(sqlite: SQLite.Database, state: BulkState): Promise<void> {
  const worker = state.worker;
  // detached first, so that its exit cannot touch a bulk write begun while it stops
  state.worker = null;
  if (sqlite.open) sqlite.pragma(`wal_autocheckpoint = ${state.autocheckpoint}`);
  if (!worker) return;
  const exited = once(worker, 'exit').catch(() => undefined);
  worker.postMessage('stop');
  await exited;
}
