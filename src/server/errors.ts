import { ERROR_CATALOGUE, type ErrorCode } from '../shared/errors';
import type { Locale } from '../shared/enums';
import { toTraditional } from './text';

/** An expected failure with a stable code from the one catalogue; the HTTP status comes from there. */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details?: unknown,
  ) {
    super(ERROR_CATALOGUE[code].en);
    this.status = ERROR_CATALOGUE[code].status;
  }
}

/** The catalogue message for a code in the reader's language. */
export function errorMessage(code: ErrorCode, locale: Locale): string {
  const entry = ERROR_CATALOGUE[code];
  if (locale === 'en') return entry.en;
  if (locale === 'zh-TW') return toTraditional(entry.zh);
  return entry.zh;
}
