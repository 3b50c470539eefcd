import type { ErrorCode } from '../../shared/errors';
import { AppError } from '../errors';

/** Where reading a file stopped and why, as an import job and the CLI report it. */
export interface RefusedAt {
  row: number | null;
  column: string | null;
  code: string;
  message: string;
}

/**
 * A file refused as a whole — past a limit of src/shared/upload-limits.ts, a broken CSV quote, not
 * a spreadsheet at all — with the row (and column) where reading stopped. `details.rows` has the
 * shape IMPORT_INVALID already uses, so the API, the CLI and the import job show it the same way.
 */
export function refused(code: ErrorCode, row: number | null, column: string | null, message: string): AppError {
  return new AppError(code, { rows: [{ row, column, code, message } satisfies RefusedAt] });
}

/** Excel's column letters: 1 → A, 27 → AA. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
