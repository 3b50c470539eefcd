import type ExcelJS from 'exceljs';

/**
 * A drop-down list over a cell range (e.g. "A4:A5000"). ExcelJS supports ranged data validations
 * but its type definitions omit them; a range keeps the template free of thousands of empty rows.
 */
export function addListValidation(ws: ExcelJS.Worksheet, range: string, values: readonly string[]): void {
  (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(
    range,
    {
      type: 'list',
      allowBlank: true,
      formulae: [`"${values.join(',')}"`],
    },
  );
}
