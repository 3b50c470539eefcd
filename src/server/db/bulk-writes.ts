import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';
import { type Insertable, sql } from 'kysely';
import { type Database, type Db, engineOf, sqliteHandle } from './database';

/**
 * The one way to write many rows: the roster import, the demo county and the checkpoint writer all
 * go through `insertMany` (a list at once) or a `RowBuffer` (rows as they are generated), inside the
 * caller's transaction.
 *
 * SQLite, when the caller hands over its transaction and the connection's handle (`bulkTarget(db, trx)`): one prepared
 * INSERT, cached per connection, run once per row. Raw SQL because a benchmark shows it pays:
 * building Kysely multi-row INSERTs of 1,000 rows (every value parsed into an operation node,
 * compiled to SQL text, then thrown away) cost about as much as SQLite's own work; on the
 * 100,000-row roster the persons inserts went from 2.2 s to 1.3 s. A multi-row INSERT into a table
 * with unique keys also makes SQLite keep a statement journal, so that it can undo half a statement:
 * 25-row prepared statements took the persons inserts of a million-row roster from 25 s to 43 s.
 * SQLite has one connection, so these statements run inside the transaction the caller has open.
 *
 * PostgreSQL, or SQLite without the handle: multi-row INSERTs through Kysely, as many rows a
 * statement as the engine's bound-parameter limit allows (SQLite 32,766; PostgreSQL 65,535): one
 * round trip per few thousand rows is what matters there. With `pgTypes` PostgreSQL gets one
 * `INSERT … SELECT FROM unnest(one array per column)` per 10,000 rows instead, which the server
 * parses once rather than 65,000 parameters' worth of VALUES (the demo's passages).
 *
 * Every row must have a value (or null) for each column of the first row: SQLite has no DEFAULT in
 * a multi-row VALUES list.
 */
export interface BulkTarget {
  /** the database or the open transaction the rows go into */
  db: Db;
  /** the SQLite connection behind it (a transaction's Kysely object does not carry it); null on PostgreSQL */
  sqlite: SQLite.Database | null;
}

/**
 * The target for bulk rows written through `trx`, a transaction opened on `db`. Only inside the
 * caller's own transaction may the rows bypass Kysely for SQLite's handle: a plain database goes
 * through Kysely, which waits for any transaction another request has open on the connection.
 */
export function bulkTarget(db: Db, trx: Db): BulkTarget {
  return { db: trx, sqlite: sqliteHandle(db) };
}

export interface BulkInsertOptions {
  /** a unique key whose duplicates are skipped (ON CONFLICT DO NOTHING) */
  ignoreConflictOn?: readonly string[];
  /** told the number of rows after each statement (or each chunk on SQLite), for a progress bar */
  onRows?: (n: number) => void;
  /** PostgreSQL column types, to insert through unnest(): every column of the rows must be listed */
  pgTypes?: Readonly<Record<string, string>>;
  /**
   * SQLite rows per prepared statement (default 1). The demo's passages, which have no unique key
   * but their id, measured faster at 100.
   */
  rowsPerStatement?: number;
}

const PARAMETER_BUDGET = { sqlite: 32_000, postgres: 65_000 } as const;
const UNNEST_ROWS = 10_000;
/** Rows a RowBuffer holds before writing them when statements are prepared (SQLite with its handle). */
const PREPARED_BUFFER_ROWS = 2_000;

/** Rows of `columns` columns that fit one multi-row INSERT on this engine. */
export function chunkRowsFor(db: Db, columns: number): number {
  return Math.max(1, Math.floor(PARAMETER_BUDGET[engineOf(db)] / columns));
}

/** Insert many rows of one table (see the top of this file for how). */
export async function insertMany<T extends keyof Database & string>(
  to: Db | BulkTarget,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  options: BulkInsertOptions = {},
): Promise<void> {
  if (rows.length === 0) return;
  const target = 'sqlite' in to ? to : { db: to, sqlite: null };
  const columns = Object.keys(rows[0]!);
  if (target.sqlite) {
    insertPrepared(target.sqlite, table, columns, rows as readonly object[], options);
    return;
  }
  const unnest = options.pgTypes && engineOf(target.db) === 'postgres' ? options.pgTypes : null;
  const size = unnest ? UNNEST_ROWS : chunkRowsFor(target.db, columns.length);
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    if (unnest)
      await insertUnnest(target.db, table, columns, chunk as readonly object[], unnest, options.ignoreConflictOn);
    else {
      let insert = target.db.insertInto(table).values(chunk as never);
      if (options.ignoreConflictOn)
        insert = insert.onConflict((oc) => oc.columns(options.ignoreConflictOn as never).doNothing());
      await insert.execute();
    }
    options.onRows?.(chunk.length);
  }
}

/** Prepared statements per connection, by SQL text: a checkpoint batch or a buffer's flush reuses them. */
const preparedOf = new WeakMap<SQLite.Database, Map<string, SQLite.Statement>>();

function prepared(sqlite: SQLite.Database, text: string): SQLite.Statement {
  let statements = preparedOf.get(sqlite);
  if (!statements) {
    statements = new Map();
    preparedOf.set(sqlite, statements);
  }
  let statement = statements.get(text);
  if (!statement) {
    statement = sqlite.prepare(text);
    statements.set(text, statement);
  }
  return statement;
}

function insertPrepared(
  sqlite: SQLite.Database,
  table: string,
  columns: string[],
  rows: readonly object[],
  options: BulkInsertOptions,
): void {
  const perStatement = Math.max(1, options.rowsPerStatement ?? 1);
  const conflict = options.ignoreConflictOn
    ? ` on conflict (${options.ignoreConflictOn.map(quote).join(', ')}) do nothing`
    : '';
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  const head = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values `;
  const statementFor = (n: number) =>
    prepared(sqlite, head + Array.from({ length: n }, () => tuple).join(', ') + conflict);
  const values: unknown[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    const n = Math.min(perStatement, rows.length - i);
    values.length = n * columns.length;
    for (let r = 0; r < n; r++) {
      const row = rows[i + r] as Record<string, unknown>;
      for (let c = 0; c < columns.length; c++) values[r * columns.length + c] = row[columns[c]!] ?? null;
    }
    statementFor(n).run(values);
  }
  options.onRows?.(rows.length);
}

async function insertUnnest(
  db: Db,
  table: string,
  columns: string[],
  rows: readonly object[],
  types: Readonly<Record<string, string>>,
  ignoreConflictOn?: readonly string[],
) {
  const arrays = columns.map((c) => {
    const type = types[c];
    if (!type) throw new Error(`insertMany: no PostgreSQL type for ${table}.${c}`);
    return sql`${rows.map((r) => (r as Record<string, unknown>)[c] ?? null)}::${sql.raw(type)}[]`;
  });
  const conflict = ignoreConflictOn
    ? sql` on conflict (${sql.join(ignoreConflictOn.map((c) => sql.ref(c)))}) do nothing`
    : sql``;
  await sql`insert into ${sql.table(table)} (${sql.join(columns.map((c) => sql.ref(c)))}) select * from unnest(${sql.join(arrays)})${conflict}`.execute(
    db,
  );
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * Rows of one table collected as they are generated and written whenever a statement's worth is
 * held. `before` is flushed first: households before the persons that point at them, since a
 * foreign key is checked per statement.
 */
export class RowBuffer<T extends keyof Database & string> {
  private rows: Insertable<Database[T]>[] = [];
  private size = 0;
  private readonly target: BulkTarget;

  constructor(
    to: Db | BulkTarget,
    private readonly table: T,
    private readonly options: BulkInsertOptions & { before?: { flush(): Promise<void> } } = {},
  ) {
    this.target = 'sqlite' in to ? to : { db: to, sqlite: null };
  }

  async push(row: Insertable<Database[T]>): Promise<void> {
    if (this.size === 0) this.size = this.flushSize(Object.keys(row).length);
    this.rows.push(row);
    if (this.rows.length >= this.size) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.rows.length === 0) return;
    await this.options.before?.flush();
    const rows = this.rows;
    this.rows = [];
    await insertMany(this.target, this.table, rows, this.options);
  }

  private flushSize(columns: number): number {
    if (this.target.sqlite) return PREPARED_BUFFER_ROWS;
    if (this.options.pgTypes && engineOf(this.target.db) === 'postgres') return UNNEST_ROWS;
    return chunkRowsFor(this.target.db, columns);
  }
}

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
  const worker = new Worker(new URL('./checkpoint-worker.mjs', import.meta.url), {
    workerData: { file: sqlite.name, intervalMs: CHECKPOINT_EVERY_MS },
  });
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
