import type { Db } from '../../../db/database';
import type { Clock } from '../../../clock';
import { uuidv7 } from '../../../ids';
import type { Actor } from '../../../access/actor';
import { pathInScope, scopeOf } from '../../../access/scope';
import type { SourceRow } from '../../../spreadsheets/row-source';
import { MOBILE_PATTERN } from '../../../../shared/validators';
import type { PartyOrgKind, PartyUnitType } from '../../../../shared/party';
import { audit } from '../../audit';
import { findRegionsByCodes, type RegionRow } from '../../regions';
import { personKeys } from '../../residents';
import {
  codesHeldOutside,
  insertOrganisation,
  listOrganisationsForImport,
  repathMembersOf,
  updateOrganisation,
} from '../organisations.repository';
import { KIND_LABELS, lookup, ORGANISATION_COLUMNS, UNIT_TYPE_LABELS } from './party-columns';
import { ImportErrors, RowProblem } from './import-errors';
import type { PartyImportProgress, PartyImportSummary } from './member-import.service';
import { dataRows } from './sheet-rows';

interface ParsedOrg {
  row: number;
  cells: string[];
  code: string | null;
  name: string;
  kind: PartyOrgKind;
  parent: string | null;
  unitName: string;
  unitType: PartyUnitType;
  regionCode: string;
  phone: string | null;
  /** filled while resolving */
  id?: string;
  existing?: ExistingOrg;
  region?: RegionRow;
  parentId?: string | null;
  /** the file row of the parent, when the parent is in the file */
  parentRow?: ParsedOrg;
  problem?: { column: string | null; reason: string };
}

type ExistingOrg = Awaited<ReturnType<typeof listOrganisationsForImport>>[number];

const kindOf = lookup(KIND_LABELS);
const unitTypeOf = lookup(UNIT_TYPE_LABELS);
const cell = (cells: string[], i: number) => (cells[i] ?? '').trim();

function parseOrgRow(source: SourceRow): ParsedOrg {
  const c = source.cells;
  const code = cell(c, 0) || null;
  if (code && code.length > 40) throw new RowProblem('code', '组织代码最多 40 个字符');
  const name = cell(c, 1);
  if (!name) throw new RowProblem('name', '组织名称必填');
  if (name.length > 80) throw new RowProblem('name', '组织名称最多 80 个字');
  const kind = kindOf(cell(c, 2));
  if (!kind) throw new RowProblem('kind', '组织类别应为 党委 / 党总支 / 党支部');
  const parent = cell(c, 3) || null;
  const unitName = cell(c, 4);
  if (!unitName) throw new RowProblem('unitName', '所在单位必填');
  if (unitName.length > 80) throw new RowProblem('unitName', '所在单位最多 80 个字');
  const unitType = unitTypeOf(cell(c, 5));
  if (!unitType) throw new RowProblem('unitType', '单位类型应为 机关 / 事业单位 / 学校 / 村 / 社区 / 企业 / 其他');
  const regionCode = cell(c, 6);
  if (!/^\d{12}$/.test(regionCode)) throw new RowProblem('regionCode', '所属区划代码应为 12 位数字');
  const phone = cell(c, 7) || null;
  if (phone && !MOBILE_PATTERN.test(phone)) throw new RowProblem('phone', '联系电话应为 11 位手机号');
  return { row: source.row, cells: c, code, name, kind, parent, unitName, unitType, regionCode, phone };
}

/** Keys to rows, where a key two rows share finds neither ('ambiguous'). */
function indexBy<T>(items: T[], key: (t: T) => string | null) {
  const map = new Map<string, T | 'ambiguous'>();
  for (const t of items) {
    const k = key(t);
    if (k) map.set(k, map.has(k) ? 'ambiguous' : t);
  }
  return map;
}

/**
 * Import the organisation tree (党组织): every valid row lands, every invalid row is reported with
 * its row, column and reason in Chinese. An organisation is matched by its code, else by its name
 * (one organisation of that name in the jurisdiction), and updated — so importing the same file
 * again changes nothing. A parent is named by code or name, in the file (above or below) or
 * already set up; it cannot be a 党支部, and the tree cannot loop. A row whose parent row is
 * refused is refused too. The region is a division code of the importer's jurisdiction. A county
 * has a few thousand organisations, so the file is read whole and written in one transaction.
 */
export async function importOrganisations(
  db: Db,
  clock: Clock,
  actor: Actor,
  rows: AsyncIterable<SourceRow>,
  progress?: PartyImportProgress,
): Promise<PartyImportSummary> {
  const summary: PartyImportSummary = {
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    invalid: 0,
    errors: new ImportErrors(ORGANISATION_COLUMNS),
  };
  const scope = scopeOf(actor);
  const parsed: ParsedOrg[] = [];
  for await (const source of dataRows(rows, ORGANISATION_COLUMNS, summary.errors, summary)) {
    try {
      parsed.push(parseOrgRow(source));
    } catch (err) {
      if (!(err instanceof RowProblem)) throw err;
      summary.invalid++;
      summary.errors.add(source.row, source.cells, err.column, err.message);
    }
  }
  const fail = (r: ParsedOrg, column: string | null, reason: string) => {
    if (!r.problem) r.problem = { column, reason };
  };

  // the same code or name twice in the file
  const firstByCode = new Map<string, ParsedOrg>();
  const firstByName = new Map<string, ParsedOrg>();
  for (const r of parsed) {
    const byCode = r.code ? firstByCode.get(r.code) : undefined;
    if (byCode) fail(r, 'code', `组织代码与第 ${byCode.row} 行重复`);
    else if (r.code) firstByCode.set(r.code, r);
    const byName = firstByName.get(r.name);
    if (byName && !r.code) fail(r, 'name', `组织名称与第 ${byName.row} 行重复，请填写组织代码`);
    else if (!byName) firstByName.set(r.name, r);
  }

  // regions: division codes of the jurisdiction, active
  const codes = [...new Set(parsed.map((r) => r.regionCode))];
  const regions = new Map<string, RegionRow>();
  for (let i = 0; i < codes.length; i += 500)
    for (const region of await findRegionsByCodes(db, codes.slice(i, i + 500))) regions.set(region.code, region);
  for (const r of parsed) {
    const region = regions.get(r.regionCode);
    if (!region || !pathInScope(region.path, scope) || region.status !== 'active')
      fail(r, 'regionCode', `区划代码 ${r.regionCode} 不存在或不在您的管辖范围内`);
    else r.region = region;
  }

  // match existing organisations: by code, else by a name only one organisation has
  const existing = await listOrganisationsForImport(db, scope);
  const existingByCode = indexBy(existing, (o) => o.code);
  const existingByName = indexBy(existing, (o) => o.name);
  const outside = new Set(
    await codesHeldOutside(
      db,
      scope,
      parsed.flatMap((r) => (r.code ? [r.code] : [])),
    ),
  );
  for (const r of parsed) {
    if (r.code && outside.has(r.code)) {
      fail(r, 'code', '该组织代码已被其他辖区的党组织使用');
      continue;
    }
    const match = r.code ? existingByCode.get(r.code) : existingByName.get(r.name);
    if (match === 'ambiguous') fail(r, 'name', `有多个党组织名为“${r.name}”，请填写组织代码`);
    else if (match) r.existing = match;
    else if (r.code) {
      const sameName = existingByName.get(r.name);
      if (sameName && sameName !== 'ambiguous' && !sameName.code) r.existing = sameName;
    }
    r.id = r.existing?.id ?? uuidv7();
  }

  // parents: in the file first (by code, then name), else already set up
  const fileByCode = indexBy(parsed, (r) => r.code);
  const fileByName = indexBy(parsed, (r) => r.name);
  for (const r of parsed) {
    if (!r.parent) {
      r.parentId = null;
      continue;
    }
    const inFile = fileByCode.get(r.parent) ?? fileByName.get(r.parent);
    const known = existingByCode.get(r.parent) ?? existingByName.get(r.parent);
    if (inFile === 'ambiguous' || (!inFile && known === 'ambiguous')) {
      fail(r, 'parent', `有多个党组织名为“${r.parent}”，请填写上级的组织代码`);
      continue;
    }
    const parentKind = inFile ? inFile.kind : known && known !== 'ambiguous' ? known.kind : null;
    if (!parentKind) {
      fail(r, 'parent', `上级党组织“${r.parent}”不存在或不在您的管辖范围内`);
      continue;
    }
    if (parentKind === 'branch') {
      fail(r, 'parent', `上级“${r.parent}”是党支部，党支部下不能再设党组织`);
      continue;
    }
    r.parentRow = inFile || undefined;
    r.parentId = inFile ? inFile.id! : (known as ExistingOrg).id;
    if (r.parentId === r.id) fail(r, 'parent', '上级党组织不能是本组织');
  }

  // no loops: follow parents through the file's rows and the organisations already set up
  const parentOfId = new Map(existing.map((o) => [o.id, o.parent_id]));
  for (const r of parsed) if (r.id && r.parentId !== undefined) parentOfId.set(r.id, r.parentId);
  for (const r of parsed) {
    if (r.problem || !r.parentId) continue;
    let at: string | null | undefined = r.parentId;
    for (let steps = 0; at && steps <= parentOfId.size; steps++) {
      if (at === r.id) {
        fail(r, 'parent', '上级党组织设置形成循环');
        break;
      }
      at = parentOfId.get(at);
    }
  }

  // a row whose parent row is refused is refused too
  for (let changed = true; changed; ) {
    changed = false;
    for (const r of parsed)
      if (!r.problem && r.parentRow?.problem) {
        fail(r, 'parent', `上级党组织（第 ${r.parentRow.row} 行）有错误，未导入`);
        changed = true;
      }
  }

  for (const r of parsed.filter((x) => x.problem)) {
    summary.invalid++;
    summary.errors.add(r.row, r.cells, r.problem!.column, r.problem!.reason);
  }
  const valid = parsed.filter((r) => !r.problem);
  // new organisations go parents first (each row's file parent before it)
  const written = new Set<ParsedOrg>();
  const ordered: ParsedOrg[] = [];
  const place = (r: ParsedOrg) => {
    if (written.has(r)) return;
    written.add(r);
    if (r.parentRow) place(r.parentRow);
    ordered.push(r);
  };
  for (const r of valid) place(r);

  const now = clock.now().toISOString();
  await db.transaction().execute(async (trx) => {
    for (const r of ordered) {
      const { name_key, pinyin, initials } = personKeys(r.name, null, null);
      const columns = {
        parent_id: r.parentId ?? null,
        code: r.code ?? r.existing?.code ?? null,
        kind: r.kind,
        name: r.name,
        name_key,
        pinyin,
        initials,
        unit_name: r.unitName,
        unit_type: r.unitType,
        region_id: r.region!.id,
        region_path: r.region!.path,
        phone: r.phone,
      };
      const e = r.existing;
      if (!e) {
        await insertOrganisation(trx, {
          id: r.id!,
          ...columns,
          secretary_person_id: null,
          created_by: actor.id,
          created_at: now,
          updated_at: now,
        });
        summary.created++;
        continue;
      }
      const same =
        e.parent_id === columns.parent_id &&
        e.code === columns.code &&
        e.kind === columns.kind &&
        e.name === columns.name &&
        e.unit_name === columns.unit_name &&
        e.unit_type === columns.unit_type &&
        e.region_id === columns.region_id &&
        (e.phone ?? null) === columns.phone;
      if (same) {
        summary.unchanged++;
        continue;
      }
      await updateOrganisation(trx, e.id, { ...columns, updated_at: now });
      if (e.region_path !== columns.region_path)
        await repathMembersOf(trx, e.id, columns.region_id, columns.region_path);
      summary.updated++;
    }
    await audit(trx, clock, actor, {
      action: 'party_org.import',
      entityType: 'party_organisation',
      regionPath: actor.regionPath,
      details: {
        rows: summary.rows,
        created: summary.created,
        updated: summary.updated,
        unchanged: summary.unchanged,
        invalid: summary.invalid,
      },
    });
  });
  progress?.({
    rows: summary.rows,
    created: summary.created,
    updated: summary.updated,
    unchanged: summary.unchanged,
    invalid: summary.invalid,
  });
  return summary;
}
