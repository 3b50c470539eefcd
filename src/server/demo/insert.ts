import type { Insertable } from 'kysely';
import { engineOf, type Database, type Db } from '../db/database';

/**
 * Bulk inserts for the demo: multi-row INSERTs through Kysely, in chunks that stay under the
 * engine's bound-parameter limit (SQLite 32,766; PostgreSQL 65,535), inside the caller's
 * transaction. One statement per few thousand rows is what makes 400,000 rows take seconds.
 */
const PARAMETER_BUDGET = { sqlite: 32_000, postgres: 65_000 } as const;

export function chunkRowsFor(db: Db, columns: number): number {
  return Math.max(1, Math.floor(PARAMETER_BUDGET[engineOf(db)] / columns));
}

export async function insertChunked<T extends keyof Database & string>(db: Db, table: T, rows: Insertable<Database[T]>[], onChunk?: (n: number) => void): Promise<void> {
  if (rows.length === 0) return;
  const size = chunkRowsFor(db, Object.keys(rows[0]!).length);
  for (let i = 0; i < rows.length; i += size) {
    const chunk = rows.slice(i, i + size);
    await db.insertInto(table).values(chunk as never).execute();
    onChunk?.(chunk.length);
  }
}

/**
 * A buffer of rows for one table that writes itself out whenever it holds a full chunk. `before`
 * flushes another buffer first — households before the persons that point at them, since the
 * foreign key is checked per statement.
 */
export class RowBuffer<T extends keyof Database & string> {
  private rows: Insertable<Database[T]>[] = [];
  private size = 0;

  /** Every row pushed must carry the same columns (null rather than absent): SQLite has no DEFAULT in VALUES. */
  constructor(private readonly db: Db, private readonly table: T, private readonly onFlush: (n: number) => void, private readonly before?: RowBuffer<any>) {}

  async push(row: Insertable<Database[T]>): Promise<void> {
    if (this.size === 0) this.size = chunkRowsFor(this.db, Object.keys(row).length);
    this.rows.push(row);
    if (this.rows.length >= this.size) await this.flush();
  }

  async flush(): Promise<void> {
    if (this.rows.length === 0) return;
    await this.before?.flush();
    const rows = this.rows;
    this.rows = [];
    await this.db.insertInto(this.table).values(rows as never).execute();
    this.onFlush(rows.length);
  }
}
