import { describe, expect, it } from 'vitest';
import { parseResidentRow, RowProblem } from './parse-row';

/** A roster row holds the same names the API accepts: characters counted, nothing invisible. */
describe('a roster row’s text', () => {
  const row = (name: string, note = '') => [
    name,
    '',
    '',
    '',
    '男',
    '1990-01-01',
    '',
    '140728100200001001',
    '101',
    '户主',
    '',
    '',
    '',
    '',
    '',
    note,
  ];
  const problem = (cells: string[]) => {
    try {
      parseResidentRow(2, cells);
      return null;
    } catch (e) {
      return e instanceof RowProblem ? `${e.column}: ${e.message}` : String(e);
    }
  };

  it('counts a name in characters, not UTF-16 units', () => {
    expect(problem(row('𠮷'.repeat(50)))).toBeNull();
    expect(problem(row('𠮷'.repeat(51)))).toMatch(/^name: 姓名超过 50 字/);
  });

  it('refuses invisible and direction-override characters in a name, and control characters anywhere', () => {
    expect(problem(row('张\u200B三'))).toMatch(/^name: .*不可见/);
    expect(problem(row('张\u202E三'))).toMatch(/^name: .*不可见/);
    expect(problem(row('张三', '备注\u0000'))).toMatch(/^note: .*控制字符/);
    expect(problem(row('张三', '第一行\n第二行'))).toBeNull();
  });
});
