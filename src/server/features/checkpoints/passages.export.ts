import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import type { Actor } from '../../access/actor';
import { scopeOf } from '../../access/scope';
import { maskIdNumber, maskPhone } from '../../../shared/validators';
import { audit } from '../audit';
import { listPassages, occupantsOf } from './passages.repository';
import { getSite } from './sites.service';

const DECISIONS = { pass: '放行', turned_back: '劝返', referred: '转诊发热门诊', isolated: '送隔离' } as const;
const DIRECTIONS = { in: '进', out: '出' } as const;

/**
 * A site's passages in a time window as .xlsx, one row per occupant (the vehicle's columns repeat),
 * the layout a checkpoint's daily register (登记表) has on paper. Masked unless `reveal`; audited.
 */
export async function exportPassages(
  db: Db,
  clock: Clock,
  actor: Actor,
  f: { siteId: string; from: string; to: string; reveal: boolean },
  out: Writable,
  timeZone: string,
) {
  const scope = scopeOf(actor);
  const site = await getSite(db, scope, f.siteId);
  // Audited before the first row leaves: the record of who took what must not depend on the download finishing.
  await audit(db, clock, actor, {
    action: 'passage.export',
    entityType: 'checkpoint_site',
    entityId: site.id,
    regionPath: site.region_path,
    details: { from: f.from, to: f.to, revealed: f.reveal },
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const ws = wb.addWorksheet(site.name.slice(0, 31));
  ws.columns = [
    { header: '时间', width: 18 },
    { header: '方向', width: 6 },
    { header: '车牌', width: 12 },
    { header: '车型', width: 8 },
    { header: '来自', width: 14 },
    { header: '前往', width: 14 },
    { header: '事由', width: 16 },
    { header: '序号', width: 6 },
    { header: '姓名', width: 10 },
    { header: '证件号码', width: 22 },
    { header: '手机', width: 14 },
    { header: '体温', width: 7 },
    { header: '发热', width: 6 },
    { header: '已消毒', width: 7 },
    { header: '发放告知书', width: 10 },
    { header: '处置', width: 12 },
  ];
  const fmt = new Intl.DateTimeFormat('zh-CN', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  });
  let before: string | undefined;
  let count = 0;
  for (;;) {
    const rows = await listPassages(db, scope, { siteId: site.id, from: f.from, to: f.to, before, limit: 2000 });
    const page = rows.slice(0, 2000);
    const occupants = await occupantsOf(
      db,
      page.map((p) => p.id),
    );
    for (const p of page) {
      for (const o of occupants.filter((x) => x.passage_id === p.id)) {
        ws.addRow([
          fmt.format(new Date(p.at)),
          DIRECTIONS[p.direction],
          p.plate ?? '步行',
          p.vehicle_type,
          p.origin,
          p.destination,
          p.purpose,
          o.seq + 1,
          o.name,
          f.reveal ? o.id_number : maskIdNumber(o.id_number),
          f.reveal ? o.phone : maskPhone(o.phone),
          o.temperature,
          o.fever ? '是' : '',
          p.disinfected ? '是' : '',
          p.leaflet ? '是' : '',
          DECISIONS[p.decision],
        ]).commit();
      }
      count++;
    }
    if (rows.length <= 2000) break;
    before = page[page.length - 1]!.id;
  }
  ws.commit();
  await wb.commit();
  return count;
}
