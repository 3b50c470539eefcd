import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { StringDecoder } from 'node:string_decoder';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import {
  MAX_ROW_XML_BYTES,
  MAX_SHARED_STRINGS_XML_BYTES,
  MAX_XLSX_PART_BYTES,
  MAX_XLSX_RATIO,
  MAX_XLSX_XML_BYTES,
  XLSX_FREE_BYTES,
} from '../../shared/upload-limits';
import { refused } from './refused';

const require = createRequire(import.meta.url);

interface ZipEntry extends Readable {
  path: string;
}
/** ExcelJS's own zip reader (a dependency of exceljs): entries as a stream, in file order. */
const unzipper = require('unzipper') as {
  Parse(options: { forceStream: boolean }): NodeJS.WritableStream & AsyncIterable<ZipEntry> & { destroy?(): void };
};

/** The WorkbookReader internals this module drives part by part (ExcelJS 4.4's `parse()`, with guards). */
interface ReaderInternals {
  sharedStrings?: unknown[];
  workbookRels?: unknown;
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(
    iterator: AsyncIterable<unknown>,
    sheetNo: string,
  ): Generator<{ eventType: string; value: ExcelJS.stream.xlsx.WorksheetReader }>;
}

/** What all parts of one workbook may unpack to: see the limits in src/shared/upload-limits.ts. */
class Budget {
  used = 0;
  constructor(readonly limit: number) {}
}

/**
 * One part of the zip as it inflates: counts its bytes against the workbook's budget and the
 * part's own limit, and — for a sheet (`<row`) or the shared strings (`<si`) — the bytes of each
 * record, so that no single row or string can grow ExcelJS's parser without bound. The XML passes
 * on as text decoded across chunk boundaries (ExcelJS decodes each 16 KB chunk on its own, which
 * broke a Chinese character cut by a boundary into two U+FFFD).
 */
class PartGuard extends Transform {
  private bytes = 0;
  private sinceRecord = 0;
  /** the current record's number: a row's `r` attribute, or the count of shared strings */
  private record = 0;
  private tail = '';
  private readonly decoder = new StringDecoder('utf8');

  constructor(
    private readonly budget: Budget,
    private readonly limit: number,
    private readonly marker: '<row' | '<si' | null,
  ) {
    super({ readableObjectMode: true });
  }

  _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
    this.bytes += chunk.length;
    this.budget.used += chunk.length;
    const row = this.marker === '<row' ? Math.max(this.record, 1) : null;
    if (this.budget.used > this.budget.limit || this.bytes > this.limit) {
      return done(
        refused(
          'IMPORT_TOO_LARGE',
          row,
          null,
          `表格解压后超过 ${Math.round(Math.min(this.budget.limit, this.limit) / 1024 / 1024)} MB`,
        ),
      );
    }
    const text = this.decoder.write(chunk);
    if (this.marker) this.scan(text, chunk.length);
    if (this.marker && this.sinceRecord > MAX_ROW_XML_BYTES) {
      return done(
        this.marker === '<row'
          ? refused('IMPORT_ROW_TOO_WIDE', row, null, `第 ${row} 行的内容超过 ${MAX_ROW_XML_BYTES / 1024 / 1024} MB`)
          : refused(
              'IMPORT_CELL_TOO_LONG',
              null,
              null,
              `第 ${this.record} 个文本单元格超过 ${MAX_ROW_XML_BYTES / 1024 / 1024} MB`,
            ),
      );
    }
    done(null, text);
  }

  _flush(done: TransformCallback) {
    const rest = this.decoder.end();
    done(null, rest || undefined);
  }

  /** Find record openings in `text` (and the few characters before it, for a marker cut in two). */
  private scan(text: string, byteLength: number) {
    const marker = this.marker!;
    const hay = this.tail + text;
    let at = hay.indexOf(marker);
    let last = -1;
    while (at !== -1) {
      const next = hay[at + marker.length];
      if (next === ' ' || next === '>' || next === undefined) {
        last = at;
        if (marker === '<si') this.record++;
        else {
          const r = /^ [^>]*?\br="(\d+)"/.exec(hay.slice(at + marker.length, at + marker.length + 64));
          this.record = r ? Number(r[1]) : this.record + 1;
        }
      }
      at = hay.indexOf(marker, at + marker.length);
    }
    // characters and bytes differ; the record's size is counted in characters after its opening, which is close enough for a 4 MB bound
    this.sinceRecord = last === -1 ? this.sinceRecord + byteLength : hay.length - last;
    this.tail = hay.slice(-(marker.length + 64));
  }
}

/**
 * The worksheets of an .xlsx file, read as it streams with ExcelJS's streaming reader, but every
 * part of the zip guarded as it inflates (see PartGuard and the limits in upload-limits.ts): a
 * "zip bomb" is refused after at most 100 times the file's size of XML, never all of it. A sheet
 * stored before the shared strings (which ExcelJS needs first — Excel itself stores them after the
 * sheets) is spooled, guarded, to a temporary file and read after them; a workbook whose content
 * types list no shared strings has its sheet read as it streams.
 */
export async function* worksheetsOf(
  input: Readable,
  fileSize: number,
  options: Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>,
): AsyncGenerator<ExcelJS.stream.xlsx.WorksheetReader> {
  const budget = new Budget(Math.min(MAX_XLSX_XML_BYTES, Math.max(XLSX_FREE_BYTES, MAX_XLSX_RATIO * fileSize)));
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, options) as unknown as ReaderInternals;
  const zip = unzipper.Parse({ forceStream: true });
  input.on('error', (err) => (zip as unknown as NodeJS.EventEmitter).emit('error', err));
  input.pipe(zip);
  const guarded = (entry: ZipEntry, limit: number, marker: '<row' | '<si' | null) => {
    const guard = new PartGuard(budget, limit, marker);
    entry.on('error', (err) => guard.destroy(err));
    return entry.pipe(guard);
  };
  let spool: string | null = null;
  const waiting: { sheetNo: string; file: string }[] = [];
  try {
    for await (const entry of zip) {
      const sheetNo = /^xl\/worksheets\/sheet(\d+)\.xml$/.exec(entry.path)?.[1];
      if (entry.path === '[Content_Types].xml') {
        // a workbook without a shared-string table (inline strings, as many generated files have)
        // can have its sheet read as it streams instead of spooled until the table was seen
        let types = '';
        await drained(guarded(entry, MAX_XLSX_PART_BYTES, null), async (part) => {
          for await (const text of part) types += text;
        });
        if (!types.includes('sharedStrings')) reader.sharedStrings = [];
      } else if (entry.path === 'xl/_rels/workbook.xml.rels')
        await drained(guarded(entry, MAX_XLSX_PART_BYTES, null), (part) => reader._parseRels(part));
      else if (entry.path === 'xl/workbook.xml')
        await drained(guarded(entry, MAX_XLSX_PART_BYTES, null), (part) => reader._parseWorkbook(part));
      else if (entry.path === 'xl/styles.xml')
        await drained(guarded(entry, MAX_XLSX_PART_BYTES, null), (part) => reader._parseStyles(part));
      else if (entry.path === 'xl/sharedStrings.xml') {
        await drained(guarded(entry, MAX_SHARED_STRINGS_XML_BYTES, '<si'), async (part) => {
          for await (const _ of reader._parseSharedStrings(part));
        });
      } else if (sheetNo !== undefined) {
        const sheet = guarded(entry, Infinity, '<row');
        if (reader.sharedStrings && reader.workbookRels) {
          for (const { value } of reader._parseWorksheet(sheet, sheetNo)) yield value;
          // a sheet the caller did not read to its end still has to pass through the guard
          for await (const _ of sheet);
        } else {
          spool ??= fs.mkdtempSync(path.join(os.tmpdir(), 'qf-xlsx-'));
          const file = path.join(spool, `sheet${sheetNo}.xml`);
          await pipeline(sheet, fs.createWriteStream(file));
          waiting.push({ sheetNo, file });
        }
      } else {
        // parts not read (images, themes, properties) still count against the budget as they inflate
        await drained(guarded(entry, Infinity, null), async () => undefined);
      }
    }
    for (const { sheetNo, file } of waiting) {
      for (const { value } of reader._parseWorksheet(fs.createReadStream(file, { encoding: 'utf8' }), sheetNo))
        yield value;
    }
  } finally {
    input.unpipe(zip);
    input.destroy();
    zip.destroy?.();
    if (spool) fs.rmSync(spool, { recursive: true, force: true });
  }
}

/** Read a part, then pass what the reader left (all of it for styles not asked for) through the guard. */
async function drained(part: Readable, read: (part: Readable) => Promise<void>) {
  await read(part);
  for await (const _ of part);
}
