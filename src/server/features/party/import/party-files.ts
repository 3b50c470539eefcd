import ExcelJS from 'exceljs';
import { addListValidation } from '../../../excel';
import { columnLetter } from '../../../spreadsheets/refused';
import {
  CATEGORY_LABELS,
  EXPLANATION_MARK,
  KIND_LABELS,
  MEMBER_COLUMNS,
  ORGANISATION_COLUMNS,
  SAMPLE_MARK,
  STATUS_LABELS,
  UNIT_TYPE_LABELS,
  type PartyColumn,
} from './party-columns';
import type { ImportErrors } from './import-errors';

async function template(
  sheet: string,
  columns: readonly PartyColumn[],
  sample: string[],
  lists: [string, string[]][],
  text: string[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Qunfang 群防';
  const ws = wb.addWorksheet(sheet);
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.key === 'idNumber' ? 22 : 18 }));
  ws.getRow(1).font = { bold: true };
  const explanation = ws.addRow(columns.map((c, i) => (i === 0 ? `${EXPLANATION_MARK}：${c.note}` : c.note)));
  explanation.font = { italic: true, color: { argb: 'FF888888' } };
  explanation.alignment = { wrapText: true, vertical: 'top' };
  const row = ws.addRow([...sample, `${SAMPLE_MARK}行，导入时忽略`]);
  row.font = { color: { argb: 'FF2F6FDE' } };
  const letterOf = (key: string) => columnLetter(columns.findIndex((c) => c.key === key) + 1);
  for (const [key, values] of lists) addListValidation(ws, `${letterOf(key)}4:${letterOf(key)}20000`, values);
  for (const key of text) ws.getColumn(letterOf(key)).numFmt = '@';
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The organisation template: headers, an explanation row, a sample row, drop-downs for the enumerations. */
export function organisationTemplate(): Promise<Buffer> {
  return template(
    '党组织',
    ORGANISATION_COLUMNS,
    ['GT0101', '中共东城村支部委员会', '党支部', '中共古陶镇委员会', '东城村', '村', '140728100200', '13800001111'],
    [
      ['kind', Object.values(KIND_LABELS)],
      ['unitType', Object.values(UNIT_TYPE_LABELS)],
    ],
    ['code', 'regionCode', 'phone'],
  );
}

/** The member template (党员花名册). */
export function memberTemplate(): Promise<Buffer> {
  return template(
    '党员花名册',
    MEMBER_COLUMNS,
    ['张三', '11010519491231002X', '13800001111', '中共东城村支部委员会', '正式党员', '正常', '支部书记', '1975-07-01'],
    [
      ['category', Object.values(CATEGORY_LABELS)],
      ['status', Object.values(STATUS_LABELS)],
    ],
    ['idNumber', 'phone', 'joinedOn'],
  );
}

/** The refused rows of an import as the user sent them, with the row number, the column and the reason in Chinese. */
export async function partyErrorReport(columns: readonly PartyColumn[], errors: ImportErrors): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入错误');
  ws.columns = [
    { header: '原行号', key: 'row', width: 8 },
    { header: '错误列', key: 'column', width: 14 },
    { header: '错误原因', key: 'reason', width: 40 },
    ...columns.map((c) => ({ header: c.header, key: c.key, width: 16 })),
  ];
  for (const e of errors.listed) ws.addRow([e.row, e.column ?? '', e.reason, ...e.cells.slice(0, columns.length)]);
  if (errors.unlisted) ws.addRow(['', '', `另有 ${errors.unlisted} 行未列出（报告最多列 ${errors.listed.length} 行）`]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
