import ExcelJS from 'exceljs';
import type { Db } from '../../db/database';
import { CursorId, decodeCursor } from '../../http/pagination';
import type { PublicReceipt } from '../../../shared/donations';
import { publicBalances, publicDigests } from '../supplies';
import { listPublicReceipts, type PublicReceiptRow } from './donations.repository';

function toPublicReceipt(r: PublicReceiptRow): PublicReceipt {
  return {
    id: r.id,
    serial: r.serial,
    donor: r.donor,
    item: r.item,
    spec: r.spec,
    quantity: r.quantity,
    unit: r.unit,
    declaredItem: r.declared_item !== r.item ? r.declared_item : null,
    purpose: r.purpose,
    designatedTo: r.designated_to,
    warehouse: r.warehouse,
    receivedOn: r.received_at,
  };
}

/**
 * The public ledger (公开台账) page's data: donations received, newest first (donor or 匿名, item,
 * quantity, warehouse, date), the balance by item, and the chain head with the daily digests.
 */
export async function publicLedger(db: Db, q: { limit: number; cursor?: string }, timeZone: string) {
  const rows = await listPublicReceipts(db, { before: decodeCursor(q.cursor, CursorId), limit: q.limit });
  const page = rows.slice(0, q.limit);
  const digests = await publicDigests(db);
  return {
    receipts: page.map(toPublicReceipt),
    nextCursor:
      rows.length > q.limit ? Buffer.from(JSON.stringify(page[page.length - 1]!.id)).toString('base64url') : null,
    balances: await publicBalances(db),
    head: digests.head,
    digests: digests.days.slice(0, 30),
    timeZone,
  };
}

const HEADER = [
  '证书编号',
  '捐赠方',
  '物资',
  '规格',
  '数量',
  '单位',
  '申报物资（如与实收不同）',
  '用途',
  '接收仓库',
  '接收时间',
];

/** A cell a spreadsheet will not run as a formula (a leading =, +, -, @ is quoted). */
function safeCell(v: string | number | null): string | number {
  if (v === null) return '';
  if (typeof v === 'number') return v;
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

async function* allReceipts(db: Db) {
  let before: string | undefined;
  for (;;) {
    const rows = await listPublicReceipts(db, { before, limit: 2000 });
    const page = rows.slice(0, 2000);
    for (const r of page) yield toPublicReceipt(r);
    if (rows.length <= 2000) return;
    before = page[page.length - 1]!.id;
  }
}

function rowOf(r: PublicReceipt, timeZone: string): (string | number)[] {
  const day = new Intl.DateTimeFormat('zh-CN', { timeZone, dateStyle: 'short', timeStyle: 'short', hour12: false });
  return [
    r.serial,
    r.donor,
    r.item,
    r.spec,
    r.quantity,
    r.unit,
    r.declaredItem,
    r.purpose === 'designated' ? `定向：${r.designatedTo ?? ''}` : '一般',
    r.warehouse,
    day.format(new Date(r.receivedOn)),
  ].map(safeCell);
}

/** Every received donation line as CSV (UTF-8 with BOM, so Excel opens the Chinese correctly). */
export async function publicLedgerCsv(db: Db, timeZone: string): Promise<string> {
  const quote = (v: string | number) => {
    const s = String(v);
    return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
  };
  const lines = [HEADER.map(quote).join(',')];
  for await (const r of allReceipts(db)) lines.push(rowOf(r, timeZone).map(quote).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The same as .xlsx: received donations on one sheet, the balance by item on another. */
export async function publicLedgerXlsx(db: Db, timeZone: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('捐赠接收');
  ws.addRow(HEADER);
  for await (const r of allReceipts(db)) ws.addRow(rowOf(r, timeZone));
  const bs = wb.addWorksheet('库存结余');
  bs.addRow(['物资', '单位', '结余']);
  for (const b of await publicBalances(db)) bs.addRow([safeCell(b.item), b.unit, b.quantity]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
