import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import {
  EXPLANATION_MARK,
  ID_TYPE_LABELS,
  RELATION_LABELS,
  RESIDENT_COLUMNS,
  SAMPLE_MARK,
  SEX_LABELS,
  TAG_LABELS,
  TRANSPORT_LABELS,
} from './resident-columns';
import type { RowSpool } from './row-spool';
import { addListValidation } from '../../../excel';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const letterOf = (key: string) => LETTERS[RESIDENT_COLUMNS.findIndex((c) => c.key === key)]!;

/** The roster template: Chinese headers, an explanation row, a sample row, drop-downs for enumerations. */
export async function residentTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Qunfang 群防';
  const ws = wb.addWorksheet('人员花名册');
  ws.columns = RESIDENT_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.key === 'idNumber' || c.key === 'buildingCode' ? 22 : c.key === 'tags' ? 26 : 14,
  }));
  ws.getRow(1).font = { bold: true };
  const explanation = ws.addRow(RESIDENT_COLUMNS.map((c, i) => (i === 0 ? `${EXPLANATION_MARK}：${c.note}` : c.note)));
  explanation.font = { italic: true, color: { argb: 'FF888888' } };
  explanation.alignment = { wrapText: true, vertical: 'top' };
  const sample = ws.addRow([
    '张三',
    '居民身份证',
    '11010519491231002X',
    '',
    '男',
    '1949-12-31',
    '13800001111',
    '140728100200001001',
    '2单元301',
    '户主',
    '返乡人员、湖北旅居史',
    '湖北省武汉市',
    '2020-01-20',
    '客车',
    '晋C60695',
    `${SAMPLE_MARK}行，导入时忽略`,
  ]);
  sample.font = { color: { argb: 'FF2F6FDE' } };
  const lists: [string, string[]][] = [
    ['idType', Object.values(ID_TYPE_LABELS)],
    ['sex', Object.values(SEX_LABELS)],
    ['relation', Object.values(RELATION_LABELS)],
    ['transport', Object.values(TRANSPORT_LABELS)],
  ];
  // Drop-downs and text format by range and column, so no empty rows exist in the file.
  for (const [key, values] of lists) {
    addListValidation(ws, `${letterOf(key)}4:${letterOf(key)}20000`, values);
  }
  for (const key of ['idNumber', 'phone', 'buildingCode', 'room', 'birthDate', 'arrivalDate'])
    ws.getColumn(letterOf(key)).numFmt = '@';
  ws.getCell(`${letterOf('tags')}2`).note = `可选标签：${Object.values(TAG_LABELS).join('、')}`;
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * The bad rows of an import, as the user sent them, with the row number and the reason added; a
 * second sheet lists rows that landed but look like an already registered person. Rows are read
 * back from their spools one at a time; past the report's limit a last line says how many more.
 */
export async function errorReport(errors: RowSpool, warnings: RowSpool): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => out.on('end', resolve));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const sheets: [string, string, RowSpool][] = [
    ['导入错误', '错误原因', errors],
    ['疑似重复', '提示', warnings],
  ];
  for (const [title, reasonHeader, spool] of sheets) {
    const ws = wb.addWorksheet(title);
    ws.columns = [
      { header: '原行号', key: 'row', width: 8 },
      { header: '错误列', key: 'column', width: 12 },
      { header: reasonHeader, key: 'reason', width: 40 },
      ...RESIDENT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: 14 })),
    ];
    for await (const e of spool.rows())
      ws.addRow([e.row, e.column ?? '', e.reason, ...e.cells.slice(0, RESIDENT_COLUMNS.length)]).commit();
    if (spool.unlisted)
      ws.addRow([
        '',
        '',
        `另有 ${spool.unlisted} 行未列出（报告最多列 10 万行、64 MB） / ${spool.unlisted} more rows not listed`,
      ]).commit();
    ws.commit();
  }
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
