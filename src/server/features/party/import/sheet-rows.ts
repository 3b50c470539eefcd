import { AppError } from '../../../errors';
import type { SourceRow } from '../../../spreadsheets/row-source';
import { EXPLANATION_MARK, SAMPLE_MARK, type PartyColumn } from './party-columns';
import type { ImportErrors } from './import-errors';

/**
 * The data rows of a party spreadsheet: the header must be the template's (else the whole file is
 * refused, IMPORT_INVALID with row 1); empty rows, the explanation row and the sample row are
 * skipped; a row wider than the template (or a CSV line of another width: an unquoted comma) is
 * refused with its row number.
 */
export async function* dataRows(
  rows: AsyncIterable<SourceRow>,
  columns: readonly PartyColumn[],
  errors: ImportErrors,
  counted: { rows: number; invalid: number },
): AsyncGenerator<SourceRow> {
  let headerSeen = false;
  for await (const source of rows) {
    if (!headerSeen) {
      if (columns.some((c, i) => (source.cells[i] ?? '') !== c.header))
        throw new AppError('IMPORT_INVALID', {
          rows: [
            {
              row: source.row,
              column: null,
              code: 'HEADER',
              message: `表头应为：${columns.map((c) => c.header).join('、')}`,
            },
          ],
        });
      headerSeen = true;
      continue;
    }
    if (source.cells.every((c) => !c)) continue;
    if (
      (source.cells[0] ?? '').startsWith(EXPLANATION_MARK) ||
      (source.cells[columns.length - 1] ?? '').startsWith(SAMPLE_MARK)
    )
      continue;
    counted.rows++;
    const n = source.cells.length;
    const tooWide =
      n > columns.length && (source.exactWidth || source.cells.slice(columns.length).some((c) => c !== ''));
    if (tooWide || (source.exactWidth && n < columns.length)) {
      counted.invalid++;
      errors.add(
        source.row,
        source.cells,
        null,
        `本行有 ${n} 列，模板应有 ${columns.length} 列（内容含逗号的单元格须加英文双引号）`,
      );
      continue;
    }
    yield source;
  }
  if (!headerSeen)
    throw new AppError('IMPORT_INVALID', { rows: [{ row: 1, column: null, code: 'EMPTY', message: '文件为空' }] });
}
