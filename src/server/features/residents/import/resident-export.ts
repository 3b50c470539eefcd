import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Db } from '../../../db/database';
import type { Clock } from '../../../clock';
import type { Actor } from '../../../access/actor';
import { scopeOf } from '../../../access/scope';
import { maskIdNumber, maskPhone } from '../../../../shared/validators';
import { audit } from '../../audit';
import { searchPersons, type PersonFilter } from '../persons.repository';
import { tagsOf } from '../person-tags.repository';
import { roomsOf } from '../households.repository';
import {
  ID_TYPE_LABELS,
  RELATION_LABELS,
  RESIDENT_COLUMNS,
  SEX_LABELS,
  TAG_LABELS,
  TRANSPORT_LABELS,
} from './resident-columns';

/**
 * Write the filtered person list as .xlsx in the roster layout (so it can be corrected and
 * re-imported), streaming page by page. ID numbers and phones are masked unless `reveal` — which
 * only roles with reveal rights may ask for — and the export itself is audited either way.
 */
export async function exportResidents(
  db: Db,
  clock: Clock,
  actor: Actor,
  filter: Omit<PersonFilter, 'afterId' | 'limit'>,
  reveal: boolean,
  out: Writable,
) {
  const scope = scopeOf(actor);
  // Audited before the first row leaves: the record of who took what must not depend on the download finishing.
  await audit(db, clock, actor, {
    action: 'person.export',
    entityType: 'person',
    regionPath: actor.regionPath,
    details: { revealed: reveal, filter },
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  const ws = wb.addWorksheet('人员花名册');
  ws.columns = [
    { header: '序号', key: 'n', width: 6 },
    ...RESIDENT_COLUMNS.map((c) => ({ header: c.header, key: c.key, width: 16 })),
    { header: '所在区域', key: 'region', width: 20 },
  ];
  const buildingCodes = new Map<string, string>();
  let after: string | undefined;
  let n = 0;
  for (;;) {
    const rows = await searchPersons(db, scope, { ...filter, afterId: after, limit: 2000 });
    const page = rows.slice(0, 2000);
    const tags = await tagsOf(
      db,
      page.map((p) => p.id),
    );
    const householdIds = [...new Set(page.map((p) => p.household_id).filter((x): x is string => !!x))];
    const rooms = await roomsOf(db, householdIds);
    for (const p of page) {
      const code = buildingCodes.get(p.region_path) ?? p.region_path.split('/').filter(Boolean).pop()!;
      buildingCodes.set(p.region_path, code);
      ws.addRow([
        ++n,
        p.name,
        ID_TYPE_LABELS[p.id_type as keyof typeof ID_TYPE_LABELS] ?? p.id_type,
        reveal ? p.id_number : maskIdNumber(p.id_number),
        p.nationality,
        p.sex ? SEX_LABELS[p.sex] : '',
        p.birth_date,
        reveal ? p.phone : maskPhone(p.phone),
        code,
        p.household_id ? (rooms.get(p.household_id) ?? '') : '',
        p.relation ? (RELATION_LABELS[p.relation as keyof typeof RELATION_LABELS] ?? p.relation) : '',
        (tags.get(p.id) ?? []).map((t) => TAG_LABELS[t]).join('、'),
        p.returnee_from,
        p.arrival_date,
        p.transport ? (TRANSPORT_LABELS[p.transport as keyof typeof TRANSPORT_LABELS] ?? p.transport) : '',
        p.transport_no,
        p.note,
        p.region_name,
      ]).commit();
    }
    if (rows.length <= 2000) break;
    after = page[page.length - 1]!.id;
  }
  ws.commit();
  await wb.commit();
  return n;
}
