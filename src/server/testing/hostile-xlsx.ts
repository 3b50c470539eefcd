import zlib from 'node:zlib';

/**
 * Workbooks built byte by byte for tests of the upload limits: a minimal .xlsx (content types,
 * relations, one sheet of inline strings) whose sheet XML is generated row by row and deflated as
 * it goes, so a file that unpacks to gigabytes costs the test only its compressed size in memory.
 */
export interface SheetSpec {
  /** the first row's cells (a header) */
  header: string[];
  /** data rows after the header */
  rows: number;
  /** the cells of data row `n` (2-based, as in Excel) */
  cells: (n: number) => string[];
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const letter = (i: number) =>
  i < 26
    ? String.fromCharCode(65 + i)
    : String.fromCharCode(64 + Math.floor(i / 26)) + String.fromCharCode(65 + (i % 26));

function rowXml(n: number, cells: string[]): string {
  let s = `<row r="${n}">`;
  for (let i = 0; i < cells.length; i++)
    s += `<c r="${letter(i)}${n}" t="inlineStr"><is><t>${esc(cells[i]!)}</t></is></c>`;
  return s + '</row>';
}

interface Part {
  name: string;
  data: Buffer;
  crc: number;
  size: number;
}

/**
 * Deflate piece by piece: each piece is compressed on its own and ended with a full flush (byte
 * aligned, no final bit), so the pieces concatenate into one raw deflate stream, closed by an
 * empty final block.
 */
function deflatePart(name: string, chunks: Iterable<string>, level: number): Part {
  const out: Buffer[] = [];
  let crc = 0;
  let size = 0;
  for (const piece of chunks) {
    const b = Buffer.from(piece, 'utf8');
    crc = zlib.crc32(b, crc);
    size += b.length;
    out.push(zlib.deflateRawSync(b, { level, finishFlush: zlib.constants.Z_FULL_FLUSH }));
  }
  out.push(zlib.deflateRawSync(Buffer.alloc(0)));
  return { name, data: Buffer.concat(out), crc, size };
}

function* sheetPieces(spec: SheetSpec): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  yield rowXml(1, spec.header);
  let batch = '';
  for (let n = 2; n < spec.rows + 2; n++) {
    batch += rowXml(n, spec.cells(n));
    if (batch.length > 1 << 20) {
      yield batch;
      batch = '';
    }
  }
  yield batch + '</sheetData></worksheet>';
}

/**
 * The .xlsx bytes of `spec`: sheet1 with inline strings, no shared strings, no styles; `extra`
 * parts (an "image", say) are stored before the sheet.
 */
export function hostileXlsx(
  spec: SheetSpec,
  level = 9,
  extra: { name: string; pieces: Iterable<string> }[] = [],
): Buffer {
  const parts: Part[] = [
    deflatePart(
      '[Content_Types].xml',
      [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
      ],
      6,
    ),
    deflatePart(
      '_rels/.rels',
      [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
      ],
      6,
    ),
    deflatePart(
      'xl/workbook.xml',
      [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
      ],
      6,
    ),
    deflatePart(
      'xl/_rels/workbook.xml.rels',
      [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
      ],
      6,
    ),
    ...extra.map((e) => deflatePart(e.name, e.pieces, level)),
    deflatePart('xl/worksheets/sheet1.xml', sheetPieces(spec), level),
  ];
  return zip(parts);
}

/** A zip archive of deflated parts (local headers, data, central directory; sizes over 4 GB as 0xffffffff, which unzip streams ignore). */
function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const size = Math.min(p.size, 0xffffffff);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(0, 10);
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, p.data);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(0, 12);
    dir.writeUInt32LE(p.crc >>> 0, 16);
    dir.writeUInt32LE(p.data.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += 30 + name.length + p.data.length;
  }
  const dirSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(dirSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, ...central, end]);
}
