import type { Db } from '../../../db/database';
import { latestDayAnywhere, type Clock } from '../../../clock';
import { uuidv7 } from '../../../ids';
import { bulkTarget, withBulkWrites } from '../../../db/bulk-writes';
import type { Actor } from '../../../access/actor';
import { pathInScope, scopeOf } from '../../../access/scope';
import type { SourceRow } from '../../../spreadsheets/row-source';
import { idCardProblem, isCalendarDate, MOBILE_PATTERN } from '../../../../shared/validators';
import type { PartyMemberCategory, PartyMemberStatus } from '../../../../shared/party';
import { audit } from '../../audit';
import { identifyPersons, personKeys } from '../../residents';
import { insertMembers, membersByPersons, updateMember } from '../members.repository';
import { partyRollPlace } from '../members.service';
import { listOrganisationsForImport } from '../organisations.repository';
import { CATEGORY_LABELS, lookup, MEMBER_COLUMNS, STATUS_LABELS } from './party-columns';
import { ImportErrors, RowProblem } from './import-errors';
import { dataRows } from './sheet-rows';

export interface PartyImportSummary {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
  errors: ImportErrors;
}

/** Called after each committed batch: the rows read so far and what has landed. */
export type PartyImportProgress = (summary: Omit<PartyImportSummary, 'errors'>) => void;

/** Rows a batch (one transaction) holds: other writers wait at most one batch. */
const BATCH = 10_000;

interface ParsedMember {
  row: number;
  cells: string[];
  name: string;
  idNumber: string;
  phone: string | null;
  organisationId: string;
  category: PartyMemberCategory;
  status: PartyMemberStatus;
  post: string | null;
  joinedOn: string | null;
}

type OrgRef = { id: string; region_id: string; region_path: string; name: string };

const categoryOf = lookup(CATEGORY_LABELS);
const statusOf = lookup(STATUS_LABELS);
const cell = (cells: string[], i: number) => (cells[i] ?? '').trim();

/** Organisations of the jurisdiction by code and by name; a name two organisations share finds neither. */
class OrganisationIndex {
  private readonly byCode = new Map<string, OrgRef>();
  private readonly byName = new Map<string, OrgRef | 'ambiguous'>();
  constructor(orgs: (OrgRef & { code: string | null })[]) {
    for (const o of orgs) {
      if (o.code) this.byCode.set(o.code, o);
      this.byName.set(o.name, this.byName.has(o.name) ? 'ambiguous' : o);
    }
  }
  find(text: string): OrgRef {
    const found = this.byCode.get(text) ?? this.byName.get(text);
    if (found === 'ambiguous') throw new RowProblem('organisation', `有多个党组织名为“${text}”，请填写组织代码`);
    if (!found) throw new RowProblem('organisation', `党组织“${text}”不存在或不在您的管辖范围内`);
    return found;
  }
}

function parseMemberRow(source: SourceRow, orgs: OrganisationIndex, today: string): ParsedMember {
  const c = source.cells;
  const name = cell(c, 0);
  if (!name) throw new RowProblem('name', '姓名必填');
  if (name.length > 50) throw new RowProblem('name', '姓名最多 50 个字');
  const idNumber = cell(c, 1).toUpperCase();
  if (!idNumber) throw new RowProblem('idNumber', '身份证号码必填');
  if (idNumber.length !== 18 || idCardProblem(idNumber))
    throw new RowProblem('idNumber', '身份证号码无效（位数、出生日期或校验位错误）');
  const phone = cell(c, 2) || null;
  if (phone && !MOBILE_PATTERN.test(phone)) throw new RowProblem('phone', '手机号码应为 11 位手机号');
  const orgText = cell(c, 3);
  if (!orgText) throw new RowProblem('organisation', '所在党组织必填');
  const org = orgs.find(orgText);
  const category = categoryOf(cell(c, 4));
  if (!category) throw new RowProblem('category', '党员类别应为“正式党员”或“预备党员”');
  const statusText = cell(c, 5);
  const status = statusText ? statusOf(statusText) : 'normal';
  if (!status) throw new RowProblem('status', '党员状态应为 正常 / 流动 / 失联');
  const post = cell(c, 6) || null;
  if (post && post.length > 50) throw new RowProblem('post', '党内职务最多 50 个字');
  const joinedOn = cell(c, 7) || null;
  if (joinedOn && !isCalendarDate(joinedOn)) throw new RowProblem('joinedOn', '入党日期应为 YYYY-MM-DD');
  if (joinedOn && joinedOn > today) throw new RowProblem('joinedOn', '入党日期晚于今天');
  return { row: source.row, cells: c, name, idNumber, phone, organisationId: org.id, category, status, post, joinedOn };
}

/**
 * Import a party roll (党员花名册): every valid row lands, every invalid row is reported with its
 * row, column and reason in Chinese. Each member is the registry person of their ID number
 * (registered if new — one ID number, one person); a person appearing twice, in the file or
 * already registered as a member, is one record (the later row updates it), so importing the same
 * file again changes nothing. Rows go in batches of 10,000, one transaction each, through the one
 * bulk writer; on SQLite the whole import runs in bulk-write mode (withBulkWrites).
 */
export async function importMembers(
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
    errors: new ImportErrors(MEMBER_COLUMNS),
  };
  const scope = scopeOf(actor);
  await withBulkWrites(db, async () => {
    const orgRows = await listOrganisationsForImport(db, scope);
    const orgs = new OrganisationIndex(orgRows);
    const orgById = new Map(orgRows.map((o) => [o.id, o]));
    const today = latestDayAnywhere(clock);
    let batch: ParsedMember[] = [];
    const flush = async () => {
      await landMembers(db, clock, actor, batch, orgById, summary);
      batch = [];
      progress?.(countsOf(summary));
    };
    for await (const source of dataRows(rows, MEMBER_COLUMNS, summary.errors, summary)) {
      try {
        batch.push(parseMemberRow(source, orgs, today));
      } catch (err) {
        if (!(err instanceof RowProblem)) throw err;
        summary.invalid++;
        summary.errors.add(source.row, source.cells, err.column, err.message);
        continue;
      }
      if (batch.length >= BATCH) await flush();
    }
    await flush();
  });
  await audit(db, clock, actor, {
    action: 'party_member.import',
    entityType: 'party_member',
    regionPath: actor.regionPath,
    details: countsOf(summary),
  });
  return summary;
}

function countsOf(s: PartyImportSummary) {
  return { rows: s.rows, created: s.created, updated: s.updated, unchanged: s.unchanged, invalid: s.invalid };
}

/** One batch in one transaction: persons identified at once, new members bulk-inserted, changed ones updated. */
async function landMembers(
  db: Db,
  clock: Clock,
  actor: Actor,
  parsed: ParsedMember[],
  orgById: Map<string, OrgRef>,
  summary: PartyImportSummary,
) {
  if (!parsed.length) return;
  const scope = scopeOf(actor);
  const refuse = (r: ParsedMember, column: string, reason: string) => {
    summary.invalid++;
    summary.errors.add(r.row, r.cells, column, reason);
  };
  const nameKey = (name: string) => personKeys(name, null, null).name_key;
  // the same ID number twice in a batch is one member: the later row wins — under the same name only
  const last = new Map<string, ParsedMember>();
  for (const r of parsed) {
    const before = last.get(r.idNumber);
    if (before && nameKey(before.name) !== nameKey(r.name)) {
      refuse(r, 'idNumber', `身份证号码与第 ${before.row} 行相同而姓名不同`);
      continue;
    }
    if (before) summary.updated++;
    last.set(r.idNumber, r);
  }
  const rows = [...last.values()];
  await db.transaction().execute(async (trx) => {
    const persons = await identifyPersons(
      trx,
      clock,
      rows.map((r) => {
        const org = orgById.get(r.organisationId)!;
        return { name: r.name, idNumber: r.idNumber, phone: r.phone, place: partyRollPlace(org) };
      }),
    );
    const existing = new Map(
      (
        await membersByPersons(
          trx,
          persons.flatMap((p) => (p ? [p.id] : [])),
        )
      ).map((m) => [m.person_id, m]),
    );
    const now = clock.now();
    const at = now.toISOString();
    const inserts = [];
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      const person = persons[i];
      if (!person) {
        refuse(r, 'idNumber', '身份证号码无效');
        continue;
      }
      if (nameKey(person.name) !== nameKey(r.name)) {
        refuse(r, 'idNumber', '该身份证号码已登记为另一姓名的人员，请核对姓名或号码');
        continue;
      }
      const org = orgById.get(r.organisationId)!;
      const columns = {
        organisation_id: org.id,
        region_id: org.region_id,
        region_path: org.region_path,
        category: r.category,
        status: r.status,
        post: r.post,
        joined_on: r.joinedOn,
        removed_at: null,
      };
      const member = existing.get(person.id);
      if (!member) {
        inserts.push({
          id: uuidv7(now.getTime()),
          person_id: person.id,
          ...columns,
          created_by: actor.id,
          created_at: at,
          updated_at: at,
        });
        summary.created++;
        continue;
      }
      if (!member.removed_at && !pathInScope(member.region_path, scope)) {
        refuse(r, 'idNumber', '此人已是其他辖区党组织的党员，须由原组织办理组织关系转接');
        continue;
      }
      const same =
        member.organisation_id === columns.organisation_id &&
        member.category === columns.category &&
        member.status === columns.status &&
        (member.post ?? null) === columns.post &&
        (member.joined_on ?? null) === columns.joined_on &&
        member.removed_at === null;
      if (same) summary.unchanged++;
      else {
        await updateMember(trx, member.id, { ...columns, updated_at: at });
        summary.updated++;
      }
    }
    await insertMembers(bulkTarget(db, trx), inserts);
  });
}
