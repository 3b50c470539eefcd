import { AppError } from '../errors';

/**
 * Opaque cursors: base64url of the sort key of the last row returned. Lists fetch limit + 1 rows
 * to know whether another page exists.
 */
export function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor<T = string>(cursor: string | undefined): T | undefined {
  if (cursor === undefined) return undefined;
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as T;
  } catch {
    throw new AppError('BAD_CURSOR');
  }
}

/** Cut the extra row and build `{ items, nextCursor }`. */
export function pageFrom<R, T>(rows: R[], limit: number, keyOf: (row: R) => unknown, map: (row: R) => T) {
  const hasMore = rows.length > limit;
  const pageRows = hasMore ? rows.slice(0, limit) : rows;
  return {
    items: pageRows.map(map),
    nextCursor: hasMore ? encodeCursor(keyOf(pageRows[pageRows.length - 1]!)) : null,
  };
}
