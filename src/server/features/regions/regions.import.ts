import ExcelJS from 'exceljs';
import type { Db } from '../../db/database';
import type { RegionRow } from './regions.table';
import type { Clock } from '../../clock';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { pathInScope, scopeOf } from '../../access/scope';
import { type RegionLevel, REGION_LEVELS } from '../../../shared/enums';
import { regionCodeProblem, codeFitsParent, significantDigits } from '../../../shared/validators';
import type { RegionImportRowError } from '../../../shared/regions';
import { audit } from '../audit';
import { nameColumns, newRegionRow } from './regions.mapper';
import { findRegionsByCodes, insertRegions, maxChildCode, updateRegionRow } from './regions.repository';
import { codeIsGenerated, levelFits } from './regions.rules';
import { addListValidation } from '../../excel';
import { readRows } from '../../spreadsheets/row-source';

/** Chinese level names as the template's drop-down offers them; English level names work too. */
const LEVEL_LABELS: Record<RegionLevel, string> = {
  province: '省',
  city: '市',
  county: '县区',
  township: '乡镇街道',
  village: '村社区',
  grid: '网格',
  building: '楼栋',
};
const LEVEL_BY_LABEL = new Map<string, RegionLevel>([
  ...REGION_LEVELS.map((l) => [LEVEL_LABELS[l], l] as const),
  ...REGION_LEVELS.map((l) => [l, l] as const),
  ['县', 'county'],
  ['区', 'county'],
  ['乡镇', 'township'],
  ['街道', 'township'],
  ['村', 'village'],
  ['社区', 'village'],
]);

const COLUMNS = [
  { key: 'level', header: '层级', letter: 'A', note: '必填：省/市/县区/乡镇街道/村社区/网格/楼栋' },
  { key: 'code', header: '编码', letter: 'B', note: '行政区划填 12 位统计用区划代码；网格、楼栋可留空自动编码' },
  { key: 'name', header: '名称', letter: 'C', note: '必填，100 字以内' },
  { key: 'parentCode', header: '上级编码', letter: 'D', note: '已有区域或本表中前面行的编码；县区以上可留空' },
  { key: 'remark', header: '备注', letter: 'E', note: '可选' },
] as const;

const EXPLANATION_MARK = '说明';
const SAMPLE_MARK = '示例';

/** The import template: Chinese headers, an explanation row, a sample row, a level drop-down. */
export async function regionImportTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Qunfang 群防';
  const ws = wb.addWorksheet('区域');
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.key === 'name' ? 24 : 20 }));
  ws.getRow(1).font = { bold: true };
  const explanation = ws.addRow(COLUMNS.map((c, i) => (i === 0 ? `${EXPLANATION_MARK}：${c.note}` : c.note)));
  explanation.font = { italic: true, color: { argb: 'FF888888' } };
  const sample = ws.addRow(['网格', '', '东城村第一网格', '140728100200', `${SAMPLE_MARK}行，导入时忽略`]);
  sample.font = { color: { argb: 'FF2F6FDE' } };
  // Drop-downs and text format by range and column, so no empty rows exist in the file.
  addListValidation(
    ws,
    'A4:A5000',
    REGION_LEVELS.map((l) => LEVEL_LABELS[l]),
  );
  ws.getColumn('B').numFmt = '@';
  ws.getColumn('D').numFmt = '@';
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

interface ParsedRow {
  row: number;
  level: RegionLevel;
  code: string;
  name: string;
  parentCode: string;
}

/** Errors listed in the answer at most; a file with more has a last line saying how many. */
const MAX_LISTED_ERRORS = 1_000;

/**
 * Import a region tree from a spreadsheet. Every row is checked first; if any row is wrong the
 * answer lists each error with its row and column (the first 1,000) and nothing is written.
 * Otherwise new codes are created and existing codes renamed, in one transaction. Rows may refer
 * to parents created by earlier rows of the same sheet. The file is read as a stream within the
 * limits of upload-limits.ts (readRows): only the parsed rows are held, never the workbook.
 */
export async function importRegions(db: Db, clock: Clock, actor: Actor, file: Buffer) {
  const errors: RegionImportRowError[] = [];
  let unlisted = 0;
  const fail = (row: number, col: (typeof COLUMNS)[number] | null, code: string, message: string) => {
    if (errors.length < MAX_LISTED_ERRORS)
      errors.push({ row, column: col ? `${col.letter} ${col.header}` : null, code, message });
    else unlisted++;
  };
  const [cLevel, cCode, cName, cParent] = COLUMNS;

  const rows: ParsedRow[] = [];
  let headerSeen = false;
  for await (const { row: n, cells } of readRows(file, 'xlsx')) {
    if (!headerSeen) {
      if (n !== 1 || cells[0] !== cLevel.header || cells[2] !== cName.header || cells[3] !== cParent.header) {
        fail(1, null, 'HEADER', `表头应为：${COLUMNS.map((c) => c.header).join('、')} / unexpected header row`);
        throw new AppError('IMPORT_INVALID', { rows: errors });
      }
      headerSeen = true;
      continue;
    }
    const [levelText = '', code = '', name = '', parentCode = '', remark = ''] = cells;
    if (levelText.startsWith(EXPLANATION_MARK) || remark.startsWith(SAMPLE_MARK)) continue;
    if (!levelText && !code && !name && !parentCode) continue;
    const level = LEVEL_BY_LABEL.get(levelText);
    if (!level) {
      fail(n, cLevel, 'LEVEL', `层级“${levelText}”无效 / unknown level`);
      continue;
    }
    if (!name) {
      fail(n, cName, 'REQUIRED', '名称必填 / name is required');
      continue;
    }
    if (name.length > 100) {
      fail(n, cName, 'TOO_LONG', '名称过长 / name too long');
      continue;
    }
    if (!code && !codeIsGenerated(level)) {
      fail(n, cCode, 'REQUIRED', '行政区划必须填写编码 / code required');
      continue;
    }
    if (code) {
      const problem = regionCodeProblem(level, code);
      if (problem) {
        fail(n, cCode, 'CODE_FORMAT', `编码格式错误：${problem}`);
        continue;
      }
    }
    rows.push({ row: n, level, code, name, parentCode });
  }
  if (!headerSeen)
    throw new AppError('IMPORT_INVALID', {
      rows: [
        { row: 1, column: null, code: 'NO_SHEET', message: '表格中没有工作表或为空 / no worksheet or an empty one' },
      ],
    });

  const scope = scopeOf(actor);
  const referenced = [...new Set(rows.flatMap((r) => [r.code, r.parentCode]).filter(Boolean))];
  const known = new Map<string, RegionRow>();
  for (let i = 0; i < referenced.length; i += 500) {
    for (const r of await findRegionsByCodes(db, referenced.slice(i, i + 500))) known.set(r.code, r);
  }

  const now = clock.now().toISOString();
  const planned = new Map<string, RegionRow>();
  const fresh: RegionRow[] = [];
  const renames: { id: string; name: string; code: string }[] = [];
  const nextSeq = new Map<string, number>();

  for (const r of rows) {
    const parent = r.parentCode ? (planned.get(r.parentCode) ?? known.get(r.parentCode)) : null;
    if (r.parentCode && !parent) {
      fail(r.row, cParent, 'PARENT_NOT_FOUND', `上级编码 ${r.parentCode} 不存在 / parent not found`);
      continue;
    }
    if (parent && !pathInScope(parent.path, scope)) {
      fail(r.row, cParent, 'OUT_OF_SCOPE', '上级区域超出您的管辖范围 / parent outside your jurisdiction');
      continue;
    }
    if (!parent && scope.prefix !== '/') {
      fail(r.row, cParent, 'REQUIRED', '请填写上级编码 / parent code required');
      continue;
    }
    if (!levelFits(r.level, parent?.level ?? null)) {
      fail(
        r.row,
        cLevel,
        'LEVEL_PARENT',
        `${LEVEL_LABELS[r.level]}不能挂在${parent ? LEVEL_LABELS[parent.level] : '顶层'}之下 / level does not fit its parent`,
      );
      continue;
    }
    if (parent && parent.status !== 'active') {
      fail(r.row, cParent, 'PARENT_RETIRED', '上级区域已撤销 / parent is retired');
      continue;
    }
    let code = r.code;
    if (!code) {
      const prefix = parent!.code.slice(0, significantDigits(parent!.level));
      const seq = nextSeq.get(prefix) ?? Number((await maxChildCode(db, prefix))?.slice(prefix.length) ?? 0) + 1;
      let candidate = seq;
      while (planned.has(prefix + String(candidate).padStart(3, '0'))) candidate++;
      if (candidate > 999) {
        fail(r.row, cCode, 'CODE_EXHAUSTED', '该上级下编码已用完 / no free code');
        continue;
      }
      nextSeq.set(prefix, candidate + 1);
      code = prefix + String(candidate).padStart(3, '0');
    } else if (parent && !codeFitsParent(parent.level, parent.code, code)) {
      fail(
        r.row,
        cCode,
        'CODE_PARENT_MISMATCH',
        `编码应以上级编码 ${parent.code.slice(0, significantDigits(parent.level))} 开头 / code does not fit its parent`,
      );
      continue;
    }
    if (planned.has(code)) {
      fail(r.row, cCode, 'DUPLICATE_IN_FILE', `编码 ${code} 在表中重复 / duplicate code in file`);
      continue;
    }
    const existing = known.get(code);
    if (existing) {
      if (existing.parent_id !== (parent?.id ?? null) || existing.level !== r.level) {
        fail(r.row, cCode, 'CODE_TAKEN', `编码 ${code} 已用于其他位置的区域 / code already used elsewhere`);
        continue;
      }
      if (!pathInScope(existing.path, scope) || existing.path === scope.prefix) {
        fail(r.row, cCode, 'OUT_OF_SCOPE', '超出您的管辖范围 / outside your jurisdiction');
        continue;
      }
      if (existing.name !== r.name) renames.push({ id: existing.id, name: r.name, code });
      planned.set(code, existing);
      continue;
    }
    const row = newRegionRow(parent ?? null, r.level, code, r.name, now);
    planned.set(code, row);
    fresh.push(row);
  }

  if (errors.length > 0) {
    errors.sort((a, b) => a.row - b.row);
    if (unlisted)
      errors.push({
        row: errors[errors.length - 1]!.row,
        column: null,
        code: 'MORE',
        message: `另有 ${unlisted} 处错误未列出 / ${unlisted} more errors not listed`,
      });
    throw new AppError('IMPORT_INVALID', { rows: errors });
  }

  await db.transaction().execute(async (trx) => {
    await insertRegions(trx, fresh);
    for (const r of renames) {
      await updateRegionRow(trx, r.id, { ...nameColumns(r.name, r.code), updated_at: now });
    }
    await audit(trx, clock, actor, {
      action: 'region.import',
      entityType: 'region',
      regionPath: actor.regionPath,
      details: { created: fresh.length, updated: renames.length },
    });
  });
  return { created: fresh.length, updated: renames.length };
}
