import type { PartyColumn } from './party-columns';

export interface PartyRowError {
  row: number;
  /** the column's Chinese header, or null for the whole row */
  column: string | null;
  reason: string;
  cells: string[];
}

/** Rows listed in the report at most; past this they are counted only (a party roll's refusals stay small). */
const MAX_LISTED = 20_000;

/** The refused rows of one import, kept in memory up to MAX_LISTED (about 10 MB), the rest counted. */
export class ImportErrors {
  count = 0;
  unlisted = 0;
  readonly listed: PartyRowError[] = [];

  constructor(private readonly columns: readonly PartyColumn[]) {}

  add(row: number, cells: string[], columnKey: string | null, reason: string) {
    this.count++;
    if (this.listed.length >= MAX_LISTED) {
      this.unlisted++;
      return;
    }
    const column = columnKey ? (this.columns.find((c) => c.key === columnKey)?.header ?? columnKey) : null;
    this.listed.push({ row, column, reason, cells: cells.slice(0, this.columns.length) });
  }
}

/** A row's problem in one column, thrown by a row parser and turned into a row error. */
export class RowProblem extends Error {
  constructor(
    readonly column: string | null,
    message: string,
  ) {
    super(message);
  }
}
