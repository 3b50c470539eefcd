import fs from 'node:fs';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { csvRecords } from './csv-records';

/** One data row of a spreadsheet: its 1-based row number in the file and its cells as text. */
export interface SourceRow {
  row: number;
  cells: string[];
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
    for await (const cells of csvRecords(stream)) {
      row++;
      yield { row, cells };
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

/** xlsx files are zip archives: "PK" at the start. */
export function formatOf(file: Buffer | string, name?: string): 'xlsx' | 'csv' {
  if (typeof file !== 'string') return file.subarray(0, 2).toString('latin1') === 'PK' ? 'xlsx' : 'csv';
  return (name ?? file).toLowerCase().endsWith('.csv') ? 'csv' : 'xlsx';
}
