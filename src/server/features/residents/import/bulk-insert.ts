import type SQLite from 'better-sqlite3';
import type { Insertable } from 'kysely';
import type { Database, Db } from '../../../db/database';

/**
 * Insert many rows of one table inside the caller's transaction: the roster import's persons,
 * households and tags, up to 10,000 of each per batch.
 *
 * SQLite: one prepared single-row INSERT run once per row on the better-sqlite3 handle. Raw SQL
 * because a benchmark shows it pays. Building Kysely multi-row INSERTs of 1,000 rows (every value
 * parsed into an operation node, compiled to SQL text, then thrown away) cost about as much as
 * SQLite's own work. On the 100,000-row roster the persons inserts went from 2.2 s to 1.3 s. A
 * multi-row INSERT into a table with unique keys also makes SQLite keep a statement journal, so
 * that it can undo half a statement: 25-row prepared statements (fewer calls) took the persons
 * inserts of a million-row roster from 25 s to 43 s.
 * A transaction's Kysely object does not carry the handle, so the caller passes the one behind its
 * database (`sqliteHandle(db)`). SQLite has one connection, so these statements run inside the
 * open transaction.
 *
 * PostgreSQL (`sqlite` null): multi-row INSERTs of `chunk` rows through Kysely, because there one
 * round trip per chunk is what matters.
 *
 * The column list is the first row's keys: every row must have a value (or null) for each of them.
 * `ignoreConflictOn` names a unique key whose duplicates are skipped (ON CONFLICT DO NOTHING).
 */
export async function insertMany<T extends keyof Database & string>(
  db: Db,
  sqlite: SQLite.Database | null,
  table: T,
  rows: readonly Insertable<Database[T]>[],
  options: { chunk: number; ignoreConflictOn?: readonly string[] },
): Promise<void> {
  if (rows.length === 0) return;
  if (!sqlite) {
    for (let i = 0; i < rows.length; i += options.chunk) {
      let insert = db.insertInto(table).values(rows.slice(i, i + options.chunk) as never);
      if (options.ignoreConflictOn) insert = insert.onConflict((oc) => oc.columns(options.ignoreConflictOn as never).doNothing());
      await insert.execute();
    }
    return;
  }
  const columns = Object.keys(rows[0]!);
  const conflict = options.ignoreConflictOn ? ` on conflict (${options.ignoreConflictOn.map(quote).join(', ')}) do nothing` : '';
  const statement = sqlite.prepare(`insert into ${quote(table)} (${columns.map(quote).join(', ')}) values (${columns.map(() => '?').join(', ')})${conflict}`);
  const values: unknown[] = new Array(columns.length);
  for (const row of rows) {
    for (let c = 0; c < columns.length; c++) values[c] = (row as Record<string, unknown>)[columns[c]!];
    statement.run(values);
  }
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
