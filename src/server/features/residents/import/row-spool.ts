import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { MAX_REPORT_BYTES } from '../../../../shared/upload-limits';

export interface RowError {
  row: number;
  column: string | null;
  reason: string;
  cells: string[];
}

/** Rows kept in memory for the CLI's listing and the API's answer; the report file has them all. */
const FIRST_KEPT = 100;
/** Rows listed in the report at most; past this (or MAX_REPORT_BYTES) they are counted only. */
const MAX_LISTED = 100_000;
/** Write to the file in pieces of about this many characters. */
const FLUSH_CHARS = 1 << 20;

/**
 * The refused rows (or the likely duplicates) of one import, written to a temporary file as they
 * come instead of held in memory: a file of a hundred thousand bad rows costs disk, not heap. The
 * first 100 stay in `first`; the report (resident-files.ts) reads them all back with `rows()`.
 */
export class RowSpool {
  /** every row added, listed or not */
  count = 0;
  /** rows added but not listed: past MAX_LISTED rows or MAX_REPORT_BYTES */
  unlisted = 0;
  readonly first: RowError[] = [];
  private file: string | null = null;
  private fd: number | null = null;
  private pending: string[] = [];
  private pendingChars = 0;
  private bytes = 0;

  add(e: RowError) {
    this.count++;
    if (this.first.length < FIRST_KEPT) this.first.push(e);
    if (this.count - this.unlisted > MAX_LISTED || this.bytes >= MAX_REPORT_BYTES) {
      this.unlisted++;
      return;
    }
    const line = JSON.stringify(e) + '\n';
    this.pending.push(line);
    this.pendingChars += line.length;
    this.bytes += Buffer.byteLength(line);
    if (this.pendingChars >= FLUSH_CHARS) this.flush();
  }

  private flush() {
    if (this.pending.length === 0) return;
    if (this.fd === null) {
      this.file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qf-rows-')), 'rows.ndjson');
      this.fd = fs.openSync(this.file, 'w');
    }
    fs.writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.pendingChars = 0;
  }

  /** Every listed row, in the order added. */
  async *rows(): AsyncGenerator<RowError> {
    this.flush();
    if (this.file === null) return;
    const lines = readline.createInterface({
      input: fs.createReadStream(this.file, { encoding: 'utf8' }),
      crlfDelay: Infinity,
    });
    for await (const line of lines) if (line) yield JSON.parse(line) as RowError;
  }

  /** Delete the temporary file (the report has been written, or the import failed). */
  dispose() {
    if (this.fd !== null) fs.closeSync(this.fd);
    if (this.file !== null) fs.rmSync(path.dirname(this.file), { recursive: true, force: true });
    this.fd = null;
    this.file = null;
    this.pending = [];
  }
}
