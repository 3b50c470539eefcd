import type SQLite from 'better-sqlite3';
import type { Insertable, Updateable } from 'kysely';
import { sqliteHandle, type Db } from '../../../db/database';
import type { HouseholdTable } from '../households.table';
import type { PersonTable } from '../persons.table';
import type { RegionRow } from '../../regions';
import { latestDayAnywhere, type Clock } from '../../../clock';
import { uuidv7 } from '../../../ids';
import { withBulkWrites } from '../../../db/bulk-writes';
import { AppError } from '../../../errors';
import type { Actor } from '../../../access/actor';
import { pathInScope, scopeOf, type Scope } from '../../../access/scope';
import { audit } from '../../audit';
import { findRegionsByCodes } from '../../regions';
import { codesOfPath } from '../../regions';
import { personKeys } from '../person-keys';
import {
  insertPersons,
  namesakesBornOn,
  personsWithPhones,
  registeredByIdNumbers,
  registeredInHouseholds,
  setPersonColumns,
  type DuplicateCandidate,
  type RegisteredPerson,
} from '../persons.repository';
import { addPersonTags, moveTags } from '../person-tags.repository';
import { householdsInBuildings, insertHouseholds, setHouseholdHead } from '../households.repository';
import { parseResidentRow, RowProblem, type ParsedResident } from './parse-row';
import { registeredPersonProblem } from './row-rules';
import { EXPLANATION_MARK, RESIDENT_COLUMNS, SAMPLE_MARK } from './resident-columns';
import type { SourceRow } from '../../../spreadsheets/row-source';
import { RowSpool, type RowError } from './row-spool';

export type { RowError };

export interface ImportSummary {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
  householdsCreated: number;
  /** the refused rows, spooled to a temporary file for the downloadable report (dispose() it after) */
  errors: RowSpool;
  /** rows that landed as new persons but look like someone already registered (same name and birth date or phone) */
  warnings: RowSpool;
}

/**
 * Called after each batch has committed (and once at the end): the rows read so far, and the
 * summary's counts of what has landed — what a job row shows if the import is then interrupted.
 */
export type ImportProgress = (
  processedRows: number,
  landed: Pick<ImportSummary, 'created' | 'updated' | 'unchanged' | 'invalid'>,
) => void;

/** A batch (one transaction) ends at the first household boundary after this many rows… */
const BATCH = 10_000;
/** …or after this many characters of cells (a batch of wide rows) … */
const BATCH_CHARS = 8_000_000;
/** …and at this many times either (a collective household of a whole compound: 40,000 rows) it is cut inside the household. */
const BATCH_HARD_LIMIT = 4;

/**
 * Import a resident roster (造册): every valid row lands, every invalid row is reported with the
 * reason in Chinese and its original cells. Persons are upserted by ID number (one ID number is
 * one person); a row without one matches a same-named member of the same household. Rows with the
 * same building and room form one household. Re-importing the same file changes nothing. Rows are
 * processed in batches of about 10,000 rows, each batch one transaction, so a file of any length
 * streams through in bounded memory and other writers wait at most one batch (about half a
 * second at a million residents). A batch ends only where the household changes (consecutive rows
 * with the same building and room), so a household's members commit together: an import killed
 * midway leaves whole households, and importing the file again completes it. Refused rows are
 * spooled to a temporary file (RowSpool), not held in memory. On SQLite the import runs in
 * bulk-write mode (withBulkWrites).
 */
export async function importResidents(
  db: Db,
  clock: Clock,
  actor: Actor,
  rows: AsyncIterable<SourceRow>,
  progress?: ImportProgress,
): Promise<ImportSummary> {
  return withBulkWrites(db, () => importRows(db, clock, actor, rows, progress));
}

async function importRows(
  db: Db,
  clock: Clock,
  actor: Actor,
  rows: AsyncIterable<SourceRow>,
  progress?: ImportProgress,
): Promise<ImportSummary> {
  const summary: ImportSummary = {
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    invalid: 0,
    householdsCreated: 0,
    errors: new RowSpool(),
    warnings: new RowSpool(),
  };
  try {
    await readRoster(db, clock, actor, rows, summary, progress);
  } catch (err) {
    summary.errors.dispose();
    summary.warnings.dispose();
    throw err;
  }
  // a large import changes the shape of the registry: refresh the planner's statistics
  sqliteHandle(db)?.pragma('optimize');
  await audit(db, clock, actor, {
    action: 'person.import',
    entityType: 'person',
    regionPath: actor.regionPath,
    details: { ...summary, errors: undefined, warnings: summary.warnings.count },
  });
  return summary;
}

/** The household a parsed row belongs to, as ImportContext.land groups them. */
const householdKey = (r: ParsedResident) => `${r.buildingCode}|${r.room ?? ''}`;

async function readRoster(
  db: Db,
  clock: Clock,
  actor: Actor,
  rows: AsyncIterable<SourceRow>,
  summary: ImportSummary,
  progress?: ImportProgress,
) {
  const ctx = new ImportContext(db, clock, actor, summary);
  const today = latestDayAnywhere(clock);
  let batch: ParsedResident[] = [];
  let batchChars = 0;
  let headerSeen = false;
  for await (const source of rows) {
    if (!headerSeen) {
      if (source.cells[0] !== RESIDENT_COLUMNS[0].header || source.cells[7] !== RESIDENT_COLUMNS[7].header) {
        throw new AppError('IMPORT_INVALID', {
          rows: [
            {
              row: source.row,
              column: null,
              code: 'HEADER',
              message: `表头应为：${RESIDENT_COLUMNS.map((c) => c.header).join('、')}`,
            },
          ],
        });
      }
      headerSeen = true;
      continue;
    }
    if (source.cells.every((c) => !c)) continue;
    if (
      (source.cells[0] ?? '').startsWith(EXPLANATION_MARK) ||
      (source.cells[RESIDENT_COLUMNS.length - 1] ?? '').startsWith(SAMPLE_MARK)
    )
      continue;
    summary.rows++;
    const width = widthProblem(source);
    if (width) {
      ctx.reject(source.row, source.cells, null, width, batch.length > 0);
      continue;
    }
    let parsed: ParsedResident;
    try {
      parsed = parseResidentRow(source.row, source.cells, today);
    } catch (err) {
      if (!(err instanceof RowProblem)) throw err;
      ctx.reject(source.row, source.cells, err.column, err.message, batch.length > 0);
      continue;
    }
    // cut the batch where the household changes once it is full; past the hard limit, anywhere
    const full = batch.length >= BATCH || batchChars >= BATCH_CHARS;
    const overfull = batch.length >= BATCH * BATCH_HARD_LIMIT || batchChars >= BATCH_CHARS * BATCH_HARD_LIMIT;
    if ((full && householdKey(batch[batch.length - 1]!) !== householdKey(parsed)) || overfull) {
      await ctx.land(batch);
      batch = [];
      batchChars = 0;
      progress?.(summary.rows, summary);
    }
    batch.push(parsed);
    for (const c of source.cells) batchChars += c.length;
  }
  if (!headerSeen)
    throw new AppError('IMPORT_INVALID', { rows: [{ row: 1, column: null, code: 'EMPTY', message: '文件为空' }] });
  await ctx.land(batch);
  progress?.(summary.rows, summary);
}

/** A row with more columns than the roster, or a CSV line with fewer (a comma in a cell left unquoted). */
function widthProblem(source: SourceRow): string | null {
  const columns = RESIDENT_COLUMNS.length;
  const n = source.cells.length;
  if (n > columns && (source.exactWidth || source.cells.slice(columns).some((c) => c !== '')))
    return `本行有 ${n} 列，花名册只有 ${columns} 列（内容含逗号的单元格须加英文双引号）`;
  if (source.exactWidth && n < columns) return `本行只有 ${n} 列，花名册应有 ${columns} 列（空单元格也要保留逗号）`;
  return null;
}

class ImportContext {
  private readonly scope: Scope;
  /** the better-sqlite3 handle behind `db` (null on PostgreSQL), for the bulk inserts and lookups */
  private readonly sqlite: SQLite.Database | null;
  private readonly buildings = new Map<string, RegionRow | null>();
  private readonly placeNames = new Map<string, string>();
  /** building id → its address up to the building's name (township, village, building) */
  private readonly buildingAddresses = new Map<string, string>();
  /** `${buildingId}|${room}` → the household and its head, filled per building on first use */
  private readonly households = new Map<string, { id: string; head: string | null }>();
  private readonly loadedBuildings = new Set<string>();
  /** ID number → the row that first carried it in this file */
  private readonly seenIds = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    actor: Actor,
    private readonly summary: ImportSummary,
  ) {
    this.scope = scopeOf(actor);
    this.sqlite = sqliteHandle(db);
  }

  /** rows refused since the last batch landed, spooled in row order when it has */
  private refused: RowError[] = [];

  /**
   * Refuse a row. It waits for the batch it falls in, to be spooled in row order with the rows
   * the batch refuses when it lands (an unknown building, a duplicate ID number); with no batch
   * pending, or a thousand waiting, it is spooled at once — a file of refused rows is never held.
   */
  reject(row: number, cells: string[], column: string | null, reason: string, batchPending = true) {
    this.summary.invalid++;
    const header = column ? (RESIDENT_COLUMNS.find((c) => c.key === column)?.header ?? column) : null;
    this.refused.push({ row, column: header, reason, cells: cells.slice(0, RESIDENT_COLUMNS.length) });
    if (!batchPending || this.refused.length >= 1000) this.spoolRefused();
  }

  private spoolRefused() {
    this.refused.sort((a, b) => a.row - b.row);
    for (const e of this.refused) this.summary.errors.add(e);
    this.refused = [];
  }

  /** Resolve building codes of a batch; unknown, retired, non-building or out-of-scope codes become row errors. */
  private async resolveBuildings(rows: ParsedResident[]) {
    const missing = [...new Set(rows.map((r) => r.buildingCode))].filter((c) => !this.buildings.has(c));
    for (let i = 0; i < missing.length; i += 500) {
      const found = await findRegionsByCodes(this.db, missing.slice(i, i + 500));
      for (const r of found) this.buildings.set(r.code, r);
      const ancestorCodes = [...new Set(found.flatMap((r) => codesOfPath(r.path)))].filter(
        (c) => !this.placeNames.has(c),
      );
      for (const a of await findRegionsByCodes(this.db, ancestorCodes))
        if (a.level === 'township' || a.level === 'village') this.placeNames.set(a.code, a.name);
    }
    for (const c of missing) if (!this.buildings.has(c)) this.buildings.set(c, null);
    return rows.filter((r) => {
      const b = this.buildings.get(r.buildingCode);
      const problem =
        !b || !pathInScope(b.path, this.scope)
          ? `楼栋编码 ${r.buildingCode} 不存在或不在您的管辖范围内`
          : b.level !== 'building'
            ? `编码 ${r.buildingCode} 不是楼栋（院落）`
            : b.status !== 'active'
              ? `楼栋 ${b.name} 已撤销`
              : null;
      if (problem) this.reject(r.row, r.cells, 'buildingCode', problem);
      return problem === null;
    });
  }

  private address(building: RegionRow, room: string | null) {
    let prefix = this.buildingAddresses.get(building.id);
    if (prefix === undefined) {
      prefix =
        codesOfPath(building.path)
          .map((c) => this.placeNames.get(c))
          .filter(Boolean)
          .join('') + building.name;
      this.buildingAddresses.set(building.id, prefix);
    }
    return `${prefix}${room ? ' ' + room : ''}`;
  }

  /**
   * New persons that look like someone already registered in the importer's jurisdiction — the
   * same name with the same birth date or phone — land (the roster is the grid worker's word) but
   * are listed in the report's second sheet for a human to check and merge.
   */
  private async warnLikelyDuplicates(
    db: Db,
    inserts: { name_key: string; birth_date: string | null; phone: string | null; household_id: string }[],
    rows: ParsedResident[],
  ) {
    if (inserts.length === 0) return;
    // Look up exactly the pairs that can match — (name, birth date) on persons_name_birth, phones on
    // persons_phone_rev — instead of every namesake: at a million residents a common name has
    // hundreds of namesakes and fetching them all made this 2/3 of the import's time.
    const known = new Map<string, DuplicateCandidate[]>();
    const add = (p: DuplicateCandidate) => {
      const same = known.get(p.name_key!);
      if (same) same.push(p);
      else known.set(p.name_key!, [p]);
    };
    const pairs = [
      ...new Map(
        inserts
          .filter((p) => p.birth_date !== null)
          .map((p) => [`${p.name_key}|${p.birth_date}`, { name_key: p.name_key, birth_date: p.birth_date! }]),
      ).values(),
    ];
    for (const c of await namesakesBornOn(db, this.sqlite, this.scope, pairs)) add(c);
    const phones = [...new Set(inserts.map((p) => p.phone).filter((x): x is string => x !== null))];
    for (const c of await personsWithPhones(db, this.sqlite, this.scope, phones)) add(c);
    inserts.forEach((p, i) => {
      const match = (known.get(p.name_key) ?? []).find(
        (k) =>
          k.household_id !== p.household_id &&
          ((p.birth_date !== null && k.birth_date === p.birth_date) || (p.phone !== null && k.phone === p.phone)),
      );
      if (!match) return;
      const r = rows[i]!;
      const same =
        p.birth_date !== null && match.birth_date === p.birth_date ? `出生日期 ${match.birth_date}` : '手机号码';
      this.summary.warnings.add({
        row: r.row,
        column: null,
        reason: `疑似与已登记人员重复：${match.name}（${same}相同，${match.address ?? '住址不详'}），请核对后合并`,
        cells: r.cells,
      });
    });
  }

  /** Write one batch in one transaction, then spool the rows refused since the last one. */
  async land(parsed: ParsedResident[]) {
    await this.write(parsed);
    this.spoolRefused();
  }

  private async write(parsed: ParsedResident[]) {
    const rows: ParsedResident[] = [];
    for (const r of parsed) {
      if (r.idNumber) {
        const first = this.seenIds.get(r.idNumber);
        if (first !== undefined) {
          this.reject(r.row, r.cells, 'idNumber', `证件号码与第 ${first} 行重复`);
          continue;
        }
        this.seenIds.set(r.idNumber, r.row);
      }
      rows.push(r);
    }
    const resolved = await this.resolveBuildings(rows);
    if (resolved.length === 0) return;
    const now = this.clock.now().toISOString();
    await this.db.transaction().execute(async (trx) => {
      // Persons already registered under the rows' ID numbers; a row that may not update its person is refused (row-rules.ts).
      const ids = resolved.map((r) => r.idNumber).filter((x): x is string => x !== null);
      const byId = new Map<string, RegisteredPerson>();
      for (const p of await registeredByIdNumbers(trx, this.sqlite, ids)) byId.set(p.id_number!, p);
      const valid = resolved.filter((r) => {
        const registered = r.idNumber ? byId.get(r.idNumber) : undefined;
        const problem = registered ? registeredPersonProblem(registered, r.name, this.scope) : null;
        if (problem) this.reject(r.row, r.cells, 'idNumber', problem);
        return problem === null;
      });
      if (valid.length === 0) return;
      // Households: load each new building's households once, create the missing ones.
      const newBuildingIds = [...new Set(valid.map((r) => this.buildings.get(r.buildingCode)!.id))].filter(
        (id) => !this.loadedBuildings.has(id),
      );
      for (const h of await householdsInBuildings(trx, newBuildingIds))
        this.households.set(`${h.region_id}|${h.room ?? ''}`, { id: h.id, head: h.head_person_id });
      for (const id of newBuildingIds) this.loadedBuildings.add(id);
      // New households are inserted after the persons loop below, with their head already set.
      const freshHouseholds: (Insertable<HouseholdTable> & { id: string })[] = [];
      const freshById = new Map<string, (typeof freshHouseholds)[number]>();
      /** each valid row's household, in the same order */
      const householdOf = valid.map((r) => {
        const b = this.buildings.get(r.buildingCode)!;
        const key = `${b.id}|${r.room ?? ''}`;
        const known = this.households.get(key);
        if (known) return known;
        const id = uuidv7();
        const household: { id: string; head: string | null } = { id, head: null };
        this.households.set(key, household);
        const fresh = {
          id,
          region_id: b.id,
          region_path: b.path,
          address: this.address(b, r.room),
          room: r.room,
          head_person_id: null,
          phone: r.relation === 'head' ? r.phone : null,
          vacant: 0,
          note: null,
          created_at: now,
          updated_at: now,
        };
        freshHouseholds.push(fresh);
        freshById.set(id, fresh);
        return household;
      });
      this.summary.householdsCreated += freshHouseholds.length;

      // Existing persons: by ID number (byId, above), else by name within the household.
      const householdIds = [...new Set(valid.flatMap((r, i) => (r.idNumber ? [] : [householdOf[i]!.id])))].filter(
        (id) => !freshById.has(id),
      );
      const byHouseholdName = new Map<string, RegisteredPerson>();
      for (const p of await registeredInHouseholds(trx, householdIds))
        byHouseholdName.set(`${p.household_id}|${p.name}`, p);

      const inserts = [];
      const insertRows: ParsedResident[] = [];
      const tagRows = [];
      /** changed registered persons, written once their (possibly new) households exist */
      const updates: { id: string; values: Updateable<PersonTable>; movedTo: string | null }[] = [];
      /** existing households whose head changes: household id → person id */
      const headChanges = new Map<string, string>();
      for (let i = 0; i < valid.length; i++) {
        const r = valid[i]!;
        const b = this.buildings.get(r.buildingCode)!;
        const household = householdOf[i]!;
        const householdId = household.id;
        const existing = r.idNumber ? byId.get(r.idNumber) : byHouseholdName.get(`${householdId}|${r.name}`);
        let personId: string;
        if (!existing) {
          personId = uuidv7();
          const keys = personKeys(r.name, r.idNumber, r.phone);
          // one literal, not spreads of `values` and the keys: this runs for every new person
          inserts.push({
            id: personId,
            name: r.name,
            id_type: r.idType,
            id_number: r.idNumber,
            nationality: r.nationality,
            sex: r.sex,
            birth_date: r.birthDate,
            phone: r.phone,
            household_id: householdId,
            relation: r.relation,
            region_id: b.id,
            region_path: b.path,
            returnee_from: r.returneeFrom,
            arrival_date: r.arrivalDate,
            transport: r.transport,
            transport_no: r.transportNo,
            note: r.note,
            away: 0,
            status: 'active' as const,
            name_key: keys.name_key,
            pinyin: keys.pinyin,
            initials: keys.initials,
            id_rev: keys.id_rev,
            phone_rev: keys.phone_rev,
            search_key: keys.search_key,
            created_at: now,
            updated_at: now,
          });
          insertRows.push(r);
          this.summary.created++;
        } else {
          const values = {
            name: r.name,
            id_type: r.idType,
            id_number: r.idNumber,
            nationality: r.nationality,
            sex: r.sex,
            birth_date: r.birthDate,
            phone: r.phone,
            household_id: householdId,
            relation: r.relation,
            region_id: b.id,
            region_path: b.path,
            returnee_from: r.returneeFrom,
            arrival_date: r.arrivalDate,
            transport: r.transport,
            transport_no: r.transportNo,
            note: r.note,
          };
          personId = existing.id;
          const changed =
            (Object.keys(values) as (keyof typeof values)[]).some(
              (k) => (existing[k] ?? null) !== (values[k] ?? null),
            ) || existing.status !== 'active';
          if (changed) {
            updates.push({
              id: personId,
              values: {
                ...values,
                status: 'active',
                merged_into: null,
                ...personKeys(r.name, r.idNumber, r.phone),
                updated_at: now,
              },
              movedTo: existing.region_path !== b.path ? b.path : null,
            });
            this.summary.updated++;
          } else {
            this.summary.unchanged++;
          }
        }
        for (const tag of r.tags)
          tagRows.push({ person_id: personId, tag, region_path: b.path, source: 'import', created_at: now });
        if (r.relation === 'head' && household.head !== personId) {
          household.head = personId;
          const fresh = freshById.get(householdId);
          if (fresh) fresh.head_person_id = personId;
          else headChanges.set(householdId, personId);
        }
      }
      await this.warnLikelyDuplicates(trx, inserts, insertRows);
      const bulk = { db: trx, sqlite: this.sqlite };
      await insertHouseholds(bulk, freshHouseholds);
      await insertPersons(bulk, inserts);
      for (const u of updates) {
        await setPersonColumns(trx, u.id, u.values);
        if (u.movedTo) await moveTags(trx, u.id, u.movedTo);
      }
      await addPersonTags(bulk, tagRows);
      for (const [householdId, personId] of headChanges) await setHouseholdHead(trx, householdId, personId);
    });
  }
}
