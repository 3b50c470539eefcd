import type { ExpressionBuilder } from 'kysely';

/**
 * "`column` starts with `prefix`" as a range both engines answer from a B-tree index (the column
 * must compare by byte order: SQLite's default, `collate "C"` on PostgreSQL). LIKE 'x%' would not
 * use the index on PostgreSQL under a non-C collation, nor on SQLite without case_sensitive_like.
 */
export function startsWith(eb: ExpressionBuilder<any, any>, column: string, prefix: string) {
  return eb.and([eb(eb.ref(column), '>=', prefix), eb(eb.ref(column), '<', prefix + '\uffff')]);
}
