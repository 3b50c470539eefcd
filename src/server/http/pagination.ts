import { z } from 'zod';
import { CONTROL_CHARACTER } from '../../shared/text';
import { AppError } from '../errors';

/**
 * Opaque cursors: base64url of the sort key of the last row returned. Lists fetch limit + 1 rows
 * to know whether another page exists.
 */
function encodeCursor(key: unknown): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** One part of a sort key: an id, a path, a username or a timestamp — never an object, a number or a NUL. */
const CursorPart = z
  .string()
  .min(1)
  .max(200)
  .refine((s) => !CONTROL_CHARACTER.test(s));

/**
 * The key of a list sorted by its rows' ids (UUIDs): anything else — `"x"`, a date — would reach
 * PostgreSQL as a uuid it cannot read (a 500), or SQLite as a key that quietly pages nowhere.
 */
export const CursorId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i);

/** The key of a list sorted by two columns (a date, then the id). */
export const CursorPair = z.tuple([CursorPart, CursorPart]);

/**
 * The sort key a cursor carries, checked against the shape the list expects (one string unless
 * said otherwise): a cursor that is not base64url JSON of that shape — `{"$gt":""}`, `[1,[2],{}]`,
 * a bare number — is 400 BAD_CURSOR, never a query.
 */
export function decodeCursor<T = string>(
  cursor: string | undefined,
  shape: z.ZodType<T> = CursorPart as unknown as z.ZodType<T>,
): T | undefined {
  if (cursor === undefined) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new AppError('BAD_CURSOR');
  }
  const parsed = shape.safeParse(key);
  if (!parsed.success) throw new AppError('BAD_CURSOR');
  return parsed.data;
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
