import ExcelJS from 'exceljs';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import type { Actor } from '../../access/actor';
import { METRIC_LABELS, type Figures, type Metric } from '../../../shared/rollups';
import { REPORT_SECTIONS, coverageOf, type DailyReport, type DailyReportChild } from '../../../shared/daily-reports';
import { audit } from '../audit';
import { reportInScope, toDailyReport } from './report.model';

const STATUS_ZH: Record<DailyReport['status'] | 'none', string> = {
  none: '未报',
  draft: '草稿未报',
  submitted: '已报送',
  reviewed: '已审核',
  returned: '已退回',
};

/** A column of the summary table: a figure, or the screening coverage beside the households screened. */
type Column = { metric: Metric } | { coverage: true };
const COLUMNS: { section: string; columns: Column[] }[] = REPORT_SECTIONS.map((s) => ({
  section: s.zh,
  columns: s.metrics.flatMap((m): Column[] =>
    m === 'roundVisited' ? [{ metric: m }, { coverage: true }] : [{ metric: m }],
  ),
}));
const FLAT = COLUMNS.flatMap((s) => s.columns);
export const EXPORT_HEADERS = [
  '单位',
  ...FLAT.map((c) => ('metric' in c ? METRIC_LABELS[c.metric].zh : '排查覆盖率')),
  '报送情况',
];

function cells(f: Figures | null): (number | null)[] {
  return FLAT.map((c) => (f === null ? null : 'metric' in c ? f[c.metric] : coverageOf(f)));
}

/** The row under 合计 holding the live roll-up of the jurisdiction: a label no unit can have. */
export const LIVE_LABEL = '辖区实时数（参考）';

const versioned = (status: DailyReport['status'] | 'none', version: number) =>
  version > 0 && status !== 'none' ? `${STATUS_ZH[status]}（第${version}版）` : STATUS_ZH[status];

/**
 * The report as the .xlsx a county office files (每日报告汇总表): a title, the day and state, then one
 * row per child unit as it was summed (missing ones marked 未报), the unit's own part (本级), the
 * computed total where corrections were made, the total it reports (合计) and, below it, the live
 * figures of the whole jurisdiction when the draft was taken (辖区实时数, missing units included,
 * greyed: for reference, not part of the sum); columns are the
 * figures under their sections with Chinese headers. Below: 形势研判, 存在问题, 需协调解决的事项, the
 * units missing and the note on them,
 * and a second sheet with each correction and its reason. Drawn from the stored report only, so a
 * past day's report comes out exactly as it was submitted. Audited.
 */
export async function exportDailyReport(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  timeZone: string,
): Promise<{ buffer: Buffer; filename: string }> {
  const report = toDailyReport(await reportInScope(db, actor, id), actor);
  await audit(db, clock, actor, {
    action: 'daily_report.export',
    entityType: 'daily_report',
    entityId: id,
    regionPath: report.regionPath,
    details: { day: report.day, version: report.version, status: report.status },
  });

  const fmt = new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  const when = (iso: string | null) => (iso ? fmt.format(new Date(iso)) : '');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Qunfang 群防';
  const ws = wb.addWorksheet('日报', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const last = EXPORT_HEADERS.length;
  const thin = { style: 'thin' as const };
  const border = { top: thin, left: thin, bottom: thin, right: thin };

  ws.mergeCells(1, 1, 1, last);
  ws.getCell(1, 1).value = `${report.regionName}疫情防控工作日报`;
  ws.getCell(1, 1).font = { bold: true, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, last);
  ws.getCell(2, 1).value = [
    `报告日期：${report.day}`,
    `状态：${versioned(report.status, report.version)}`,
    report.submittedByName
      ? `报送人：${report.submittedByName}${report.submittedProxyUnit ? `（${report.submittedProxyUnit}代填）` : ''}`
      : '',
    report.submittedAt ? `报送时间：${when(report.submittedAt)}` : '',
    report.reviewedByName ? `审核人：${report.reviewedByName}（${when(report.reviewedAt)}）` : '',
  ]
    .filter(Boolean)
    .join('　　');

  // two header rows: sections over their figures; 单位 and 报送情况 span both
  ws.mergeCells(3, 1, 4, 1);
  ws.getCell(3, 1).value = EXPORT_HEADERS[0];
  let col = 2;
  for (const s of COLUMNS) {
    ws.mergeCells(3, col, 3, col + s.columns.length - 1);
    ws.getCell(3, col).value = s.section;
    col += s.columns.length;
  }
  ws.mergeCells(3, last, 4, last);
  ws.getCell(3, last).value = EXPORT_HEADERS[last - 1];
  EXPORT_HEADERS.slice(1, -1).forEach((h, i) => {
    ws.getCell(4, i + 2).value = h;
  });
  for (const r of [3, 4]) {
    for (let c = 1; c <= last; c++) {
      const cell = ws.getCell(r, c);
      cell.font = { bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.border = border;
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
    }
  }
  ws.getRow(4).height = 42;

  const rows: (string | number | null)[][] = [];
  const standing = (c: DailyReportChild) =>
    `${versioned(c.status, c.version)}${c.proxyUnit ? `，${c.proxyUnit}代填` : ''}`;
  const child = (c: DailyReportChild) => [c.name, ...cells(c.figures), standing(c)];
  if (report.children) {
    for (const c of report.children.included) rows.push(child(c));
    for (const c of report.children.missing) rows.push(child(c));
    rows.push([`${report.regionName}本级`, ...cells(report.children.own), '']);
  }
  const corrected = Object.keys(report.corrections).length > 0;
  if (corrected) rows.push([report.children ? '系统汇总' : '系统计算', ...cells(report.computed), '']);
  rows.push(['合计', ...cells(report.figures), versioned(report.status, report.version)]);
  const total = rows.length - 1;
  // 辖区实时数 beside the sum: what the roll-ups held for the whole jurisdiction, missing units included
  const live = report.children?.live;
  if (live) rows.push([LIVE_LABEL, ...cells(live), `截至${when(report.computedAt)}，含未报单位`]);
  rows.forEach((values, i) => {
    const row = ws.getRow(5 + i);
    row.values = values;
    for (let c = 1; c <= last; c++) {
      const cell = row.getCell(c);
      cell.border = border;
      if (c > 1 && c < last && FLAT[c - 2] && 'coverage' in FLAT[c - 2]!) cell.numFmt = '0.0%';
    }
    if (i === total) row.font = { bold: true };
    if (i > total) row.font = { italic: true, color: { argb: 'FF595959' } };
  });

  let r = 5 + rows.length + 1;
  const narrative: [string, string | null][] = [
    ['形势研判', report.assessment],
    ['存在问题', report.problems],
    ['需协调解决的事项', report.requests],
  ];
  const missing = report.children?.missing ?? [];
  if (missing.length > 0) narrative.push([`未报单位（${missing.length}个）`, missing.map((c) => c.name).join('、')]);
  if (report.missingNote) narrative.push(['未报单位说明', report.missingNote]);
  if (report.reviewNote) narrative.push([report.status === 'returned' ? '退回意见' : '审核意见', report.reviewNote]);
  for (const [label, text] of narrative) {
    ws.getCell(r, 1).value = label;
    ws.getCell(r, 1).font = { bold: true };
    ws.mergeCells(r, 2, r, last);
    ws.getCell(r, 2).value = text ?? '';
    ws.getCell(r, 2).alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(r).height = Math.max(30, Math.ceil((text ?? '').length / 80) * 16);
    r++;
  }
  ws.getColumn(1).width = 18;
  for (let c = 2; c < last; c++) ws.getColumn(c).width = 9;
  ws.getColumn(last).width = 14;
  ws.views = [{ state: 'frozen', xSplit: 1, ySplit: 4 }];

  const notes = wb.addWorksheet('更正说明');
  notes.columns = [
    { header: '指标', width: 22 },
    { header: '系统计算', width: 10 },
    { header: '报送数', width: 10 },
    { header: '更正原因', width: 60 },
  ];
  for (const [m, c] of Object.entries(report.corrections))
    if (c) notes.addRow([METRIC_LABELS[m as Metric].zh, c.from, c.to, c.reason]);
  notes.getRow(1).font = { bold: true };

  return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), filename: `${report.regionName}日报${report.day}.xlsx` };
}
