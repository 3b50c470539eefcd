import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { hostileXlsx } from '../testing/hostile-xlsx';
import { MAX_CELL_CHARS, MAX_CELLS_PER_ROW } from '../../shared/upload-limits';
import { readRows, type SourceRow } from './row-source';
import { expectAll } from '../testing/expect-all';

/** Read every row, or the refusal: its code and where reading stopped. */
async function read(file: Buffer | string, format: 'xlsx' | 'csv') {
  const rows: SourceRow[] = [];
  try {
    for await (const r of readRows(file, format)) rows.push(r);
    return { rows };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const at = (err.details as { rows: { row: number | null; column: string | null; message: string }[] }).rows[0]!;
    return { rows, code: err.code, row: at.row, column: at.column, message: at.message };
  }
}

describe('spreadsheet limits', () => {
  it('refuses the reported shape — 16 cells of 4,000 characters a row — at its first data row, naming the column', async () => {
    const file = hostileXlsx({
      header: ['姓名', '证件类型'],
      rows: 300,
      cells: () => Array.from({ length: 16 }, () => 'A'.repeat(4000)),
    });
    const result = await read(file, 'xlsx');
    expect(result).toMatchObject({ code: 'IMPORT_CELL_TOO_LONG', row: 2, column: 'A' });
    expect(result.rows.map((r) => r.row)).toEqual([1]);
  });

  it('refuses a row with more cells than allowed, and a cell over the limit in a later column', async () => {
    const wide = hostileXlsx({
      header: ['a'],
      rows: 3,
      cells: (n) => (n === 3 ? Array(MAX_CELLS_PER_ROW + 1).fill('x') : ['x']),
    });
    expect(await read(wide, 'xlsx')).toMatchObject({ code: 'IMPORT_ROW_TOO_WIDE', row: 3 });
    const long = hostileXlsx({
      header: ['a'],
      rows: 5,
      cells: (n) => (n === 5 ? ['x', 'y', '长'.repeat(MAX_CELL_CHARS + 1)] : ['x']),
    });
    expect(await read(long, 'xlsx')).toMatchObject({ code: 'IMPORT_CELL_TOO_LONG', row: 5, column: 'C' });
    // exactly at the limit is fine
    const edge = hostileXlsx({
      header: ['a'],
      rows: 1,
      cells: () => Array(MAX_CELLS_PER_ROW).fill('长'.repeat(MAX_CELL_CHARS)),
    });
    expect((await read(edge, 'xlsx')).code).toBeUndefined();
  });

  it('stops a single row of megabytes before the XML parser holds it', async () => {
    const file = hostileXlsx({ header: ['a'], rows: 1, cells: () => ['x'.repeat(5 * 1024 * 1024)] });
    expect(await read(file, 'xlsx')).toMatchObject({ code: 'IMPORT_ROW_TOO_WIDE', row: 2 });
  });

  it('refuses a zip bomb once its XML passes 100 times the file size (64 MB at least), with the row reached', async () => {
    const file = hostileXlsx({ header: ['a'], rows: 6000, cells: () => Array(16).fill('B'.repeat(900)) });
    expect(file.length).toBeLessThan(1024 * 1024);
    const result = await read(file, 'xlsx');
    expect(result.code).toBe('IMPORT_TOO_LARGE');
    expect(result.row).toBeGreaterThan(4000);
    expect(result.row).toBeLessThan(5000);
  });

  it('counts the parts it does not read against the same budget: a bomb stored as an image', async () => {
    const zeros = function* () {
      for (let i = 0; i < 100; i++) yield '\0'.repeat(1024 * 1024);
    };
    const file = hostileXlsx({ header: ['a'], rows: 1, cells: () => ['x'] }, 9, [
      { name: 'xl/media/image1.png', pieces: zeros() },
    ]);
    expect(await read(file, 'xlsx')).toMatchObject({ code: 'IMPORT_TOO_LARGE', row: null });
  });

  it('keeps Chinese text whole where the inflated XML is cut into chunks', async () => {
    const names = Array.from({ length: 3000 }, (_, i) => `王${'建国秀英'.slice(i % 3, (i % 3) + 2)}${i}号`);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('s');
    ws.addRow(['姓名', '住址']);
    for (const n of names) ws.addRow([n, `山西省晋中市平遥县古陶镇${n}院`]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const { rows, code } = await read(file, 'xlsx');
    expect(code).toBeUndefined();
    expect(rows.length).toBe(3001);
    expect(rows.slice(1).map((r) => r.cells[0])).toEqual(names);
    expectAll(rows, (r) => r.cells.every((c) => !c.includes('\uFFFD')));
  });

  it('names the record of a CSV quote left open, or one in the middle of a cell', async () => {
    const open = Buffer.from('姓名,备注\n王一,好\n王二,"没有闭合\n王三,好\n');
    expect(await read(open, 'csv')).toMatchObject({ code: 'IMPORT_CSV_QUOTE', row: 3 });
    const middle = Buffer.from('姓名,备注\n王一,好\n王二,好\n王三,长"引号\n');
    expect(await read(middle, 'csv')).toMatchObject({ code: 'IMPORT_CSV_QUOTE', row: 4 });
    // an open quote swallowing the rest of a large file stops at the cell limit, not at the end of the file
    const swallow = Buffer.from('姓名,备注\n王一,"开了\n' + '王二,好\n'.repeat(200_000));
    expect(await read(swallow, 'csv')).toMatchObject({ code: 'IMPORT_CSV_QUOTE', row: 2 });
  });

  it('refuses CSV lines and cells past the limits', async () => {
    const long = Buffer.from(`姓名,备注\n王一,${'x'.repeat(MAX_CELL_CHARS + 1)}\n`);
    expect(await read(long, 'csv')).toMatchObject({ code: 'IMPORT_CELL_TOO_LONG', row: 2, column: 'B' });
    // read from disk in 64 KB pieces: a line without end stops at the line limit, not at the end of the file
    const endless = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'qf-csv-')), 'endless.csv');
    fs.writeFileSync(endless, '姓名,备注\n' + 'x'.repeat(3_000_000));
    expect(await read(endless, 'csv')).toMatchObject({ code: 'IMPORT_ROW_TOO_WIDE', row: 2 });
    fs.rmSync(path.dirname(endless), { recursive: true });
    const wide = Buffer.from(
      'a\n' +
        Array(MAX_CELLS_PER_ROW + 1)
          .fill('x')
          .join(',') +
        '\n',
    );
    expect(await read(wide, 'csv')).toMatchObject({ code: 'IMPORT_ROW_TOO_WIDE', row: 2 });
  });

  it('says a file that is neither .xlsx nor text is not a spreadsheet', async () => {
    expect((await read(randomBytes(2 * 1024 * 1024), 'csv')).code).toBe('IMPORT_NOT_SPREADSHEET');
    const xls = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), randomBytes(4096)]);
    expect((await read(xls, 'csv')).code).toBe('IMPORT_NOT_SPREADSHEET');
    const brokenZip = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(4096)]);
    expect((await read(brokenZip, 'xlsx')).code).toBe('IMPORT_NOT_SPREADSHEET');
  });
});
