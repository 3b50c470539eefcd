import fs from 'node:fs';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvRecords } from './csv-records';

/** One data row of a spreadsheet: its 1-based row number in the file and its cells as text. */
export interface SourceRow {
  row: number;
  cells: string[];
  /**
   * CSV: a line carries every column, empty or not, so a different count means a broken line (an
   * unquoted comma in an address). A worksheet row ends at its last filled cell.
   */
  exactWidth?: boolean;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('').trim();
    if ('text' in value) return String(value.text).trim();
    if ('result' in value) return String(value.result ?? '').trim();
  }
  return String(value).trim();
}

/**
 * Rows of a .xlsx or .csv file, read as a stream — a million-row roster is never held in memory.
 * The first sheet of a workbook is read; CSV may carry a UTF-8 BOM (as Excel writes it).
 */
export async function* readRows(input: string | Buffer, format: 'xlsx' | 'csv'): AsyncGenerator<SourceRow> {
  const stream = typeof input === 'string' ? fs.createReadStream(input) : Readable.from([input]);
  if (format === 'csv') {
    // csv-parse's reading of the file (BOM, quotes, trimmed cells), at a third of its cost: see csvRecords
    let row = 0;
    for await (const cells of csvRecords(utf8(stream))) {
      row++;
      yield { row, cells, exactWidth: true };
    }
    return;
  }
  // Styles are read so that a cell Excel formats as a date (a birth date typed as 1975-06-06 into
  // a General cell) arrives as that date, not as its serial number 27551.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(stream, { sharedStrings: 'cache', worksheets: 'emit', styles: 'cache', hyperlinks: 'ignore' });
  for await (const sheet of reader) {
    for await (const r of sheet) {
      const values = r.values as ExcelJS.CellValue[];
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i] ?? null));
      yield { row: r.number, cells };
    }
    break;
  }
}

/** Bytes enough to tell UTF-8 from GBK: the header row alone is Chinese. */
const SNIFF_BYTES = 64 * 1024;

/**
 * A CSV file's bytes as UTF-8. Excel on a Chinese Windows saves "CSV" in GBK (code page 936) unless
 * told otherwise: a file whose first 64 KB are not valid UTF-8 is read as GB18030 (GBK's superset)
 * and converted. Files with a byte-order mark pass through untouched.
 */
async function* utf8(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  const iterator = chunks[Symbol.asyncIterator]();
  const head: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    size += next.value.length;
  }
  const first = Buffer.concat(head);
  const rest = async function* () {
    if (ended) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  };
  try {
    if (isUtf8Start(first, ended)) {
      yield first;
      yield* rest();
      return;
    }
    const gbk = new TextDecoder('gb18030');
    yield Buffer.from(gbk.decode(first, { stream: true }), 'utf8');
    for await (const chunk of rest()) yield Buffer.from(gbk.decode(chunk, { stream: true }), 'utf8');
    yield Buffer.from(gbk.decode(), 'utf8');
  } finally {
    await iterator.return?.();
  }
}

/** UTF-8 (or marked by a byte-order mark) as far as `bytes` go; a character cut at the end is allowed unless the file ended there. */
function isUtf8Start(bytes: Buffer, whole: boolean): boolean {
  if (bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) || bytes.subarray(0, 2).equals(Buffer.from([0xff, 0xfe]))) return true;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: !whole });
    return true;
  } catch {
    return false;
  }
}

/** xlsx files are zip archives: "PK" at the start. */
export function formatOf(file: Buffer | string, name?: string): 'xlsx' | 'csv' {
  if (typeof file !== 'string') return file.subarray(0, 2).toString('latin1') === 'PK' ? 'xlsx' : 'csv';
  return (name ?? file).toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx';
}
