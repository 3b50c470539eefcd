import fs from 'node:fs';
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { MAX_CELL_CHARS, MAX_CELLS_PER_ROW, MAX_ROWS } from '../../shared/upload-limits';
import { AppError } from '../errors';
import { csvRecords, CsvSyntaxError } from './csv-records';
import { columnLetter, refused } from './refused';
import { worksheetsOf } from './xlsx-reader';

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
    if ('richText' in value)
      return value.richText
        .map((t) => t.text)
        .join('')
        .trim();
    if ('text' in value) return String(value.text).trim();
    if ('result' in value) return String(value.result ?? '').trim();
  }
  return String(value).trim();
}

/**
 * Rows of a .xlsx or .csv file, read as a stream — a million-row roster is never held in memory —
 * within the limits of src/shared/upload-limits.ts: a file past one is refused (an AppError with
 * the row and column) as soon as reading reaches it. The first sheet of a workbook is read; CSV
 * may carry a UTF-8 BOM (as Excel writes it).
 */
export async function* readRows(input: string | Buffer, format: 'xlsx' | 'csv'): AsyncGenerator<SourceRow> {
  const size = typeof input === 'string' ? fs.statSync(input).size : input.length;
  const stream = typeof input === 'string' ? fs.createReadStream(input) : Readable.from([input]);
  if (format === 'csv') {
    // csv-parse's reading of the file (BOM, quotes, trimmed cells), at a third of its cost: see csvRecords
    let row = 0;
    try {
      for await (const cells of csvRecords(utf8(stream))) {
        row++;
        checkRow(row, cells);
        yield { row, cells, exactWidth: true };
      }
    } catch (err) {
      if (!(err instanceof CsvSyntaxError)) throw err;
      if (err.kind === 'line')
        throw refused(
          'IMPORT_ROW_TOO_WIDE',
          err.record,
          null,
          `一行超过 ${MAX_CELLS_PER_ROW} 个单元格或 ${MAX_CELL_CHARS} 个字符的单元格（引号是否未闭合？）`,
        );
      throw refused(
        'IMPORT_CSV_QUOTE',
        err.record,
        null,
        err.kind === 'long-quote'
          ? `引号未闭合：从本行开始的带引号单元格超过 ${MAX_CELL_CHARS} 个字符`
          : `引号不配对（${err.message}）`,
      );
    }
    return;
  }
  if (!isZip(typeof input === 'string' ? readHead(input) : input)) {
    stream.destroy();
    throw refused('IMPORT_NOT_SPREADSHEET', null, null, '文件不是 .xlsx 表格');
  }
  // Styles are read so that a cell Excel formats as a date (a birth date typed as 1975-06-06 into
  // a General cell) arrives as that date, not as its serial number 27551.
  let row = 0;
  try {
    for await (const sheet of worksheetsOf(stream, size, {
      sharedStrings: 'cache',
      worksheets: 'emit',
      styles: 'cache',
      hyperlinks: 'ignore',
    })) {
      for await (const r of sheet) {
        row = r.number;
        const values = r.values as ExcelJS.CellValue[];
        if (values.length - 1 > MAX_CELLS_PER_ROW)
          throw refused(
            'IMPORT_ROW_TOO_WIDE',
            row,
            null,
            `本行有 ${values.length - 1} 列，最多 ${MAX_CELLS_PER_ROW} 列`,
          );
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i] ?? null));
        checkRow(row, cells);
        yield { row, cells };
      }
      break;
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    // a damaged zip or XML that is not a worksheet
    throw refused(
      'IMPORT_NOT_SPREADSHEET',
      row || null,
      null,
      `无法读取 .xlsx：${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
    );
  }
}

/** The per-row limits: row count, cells per row, characters per cell. */
function checkRow(row: number, cells: string[]) {
  if (row > MAX_ROWS) throw refused('IMPORT_TOO_LARGE', row, null, `超过 ${MAX_ROWS} 行`);
  if (cells.length > MAX_CELLS_PER_ROW)
    throw refused('IMPORT_ROW_TOO_WIDE', row, null, `本行有 ${cells.length} 列，最多 ${MAX_CELLS_PER_ROW} 列`);
  for (let i = 0; i < cells.length; i++) {
    if (cells[i]!.length > MAX_CELL_CHARS)
      throw refused(
        'IMPORT_CELL_TOO_LONG',
        row,
        columnLetter(i + 1),
        `单元格有 ${cells[i]!.length} 个字符，最多 ${MAX_CELL_CHARS} 个`,
      );
  }
}

function readHead(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(4);
    const n = fs.readSync(fd, head, 0, 4, 0);
    return head.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/** A zip archive (an .xlsx) starts with a local file header, "PK\x03\x04". */
function isZip(head: Buffer): boolean {
  return head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));
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
  // an .xls (an OLE compound file), an image, a zip that is not named .xlsx: bytes no text file holds
  if (!first.subarray(0, 2).equals(Buffer.from([0xff, 0xfe])) && (first.includes(0) || isZip(first))) {
    await iterator.return?.();
    throw refused('IMPORT_NOT_SPREADSHEET', null, null, '文件不是 .xlsx 或 .csv 表格');
  }
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
  if (
    bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])) ||
    bytes.subarray(0, 2).equals(Buffer.from([0xff, 0xfe]))
  )
    return true;
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
