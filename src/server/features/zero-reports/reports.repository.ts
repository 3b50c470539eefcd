import { sql, type ExpressionBuilder, type Insertable, type Updateable } from 'kysely';
import { engineOf, type Database, type Db } from '../../db/database';
import type { ZeroReportTable, ZeroReportVersionTable } from './reports.table';
import { inScope, type Scope } from '../../access/scope';
import type { ZeroReport, ZeroReportUnitType } from '../../../shared/zero-reports';

function selectReports(db: Db) {
  return db
    .selectFrom('zero_reports')
    .leftJoin('users', 'users.id', 'zero_reports.submitted_by')
    .selectAll('zero_reports')
    .select('users.display_name as submitter_name');
}
export type ZeroReportRow = ZeroReportTable & { submitter_name: string | null };

/** The current version of a unit's report of a day, or undefined. */
export async function findReport(
  db: Db,
  unitType: ZeroReportUnitType,
  unitId: string,
  day: string,
  lock = false,
): Promise<ZeroReportRow | undefined> {
  if (lock) {
    // PostgreSQL: hold the row for this transaction (FOR UPDATE cannot apply to the outer join below)
    await db
      .selectFrom('zero_reports')
      .select('id')
      .where('unit_type', '=', unitType)
      .where('unit_id', '=', unitId)
      .where('day', '=', day)
      .forUpdate()
      .execute();
  }
  return selectReports(db)
    .where('zero_reports.unit_type', '=', unitType)
    .where('zero_reports.unit_id', '=', unitId)
    .where('zero_reports.day', '=', day)
    .executeTakeFirst();
}

/** A report (its current version) by id, wherever it is (the caller checks jurisdiction). */
export async function findReportById(db: Db, id: string): Promise<ZeroReportRow | undefined> {
  return selectReports(db).where('zero_reports.id', '=', id).executeTakeFirst();
}

/** Every version of a report, oldest first, with who submitted each. */
export async function listVersions(db: Db, reportId: string) {
  return db
    .selectFrom('zero_report_versions')
    .leftJoin('users', 'users.id', 'zero_report_versions.submitted_by')
    .selectAll('zero_report_versions')
    .select('users.display_name as submitter_name')
    .where('zero_report_versions.report_id', '=', reportId)
    .orderBy('zero_report_versions.version')
    .execute();
}

/**
 * Who reported on which of `days` (at most 15), in a jurisdiction: one row per unit with two
 * bitmasks — bit i set when the unit reported on days[i], and when that report was on time. The
 * county's 15 days of reports (thousands of rows) come back as one row per unit; materialising
 * every report row cost more than the rest of the status view together (measured: 7 ms of 12 ms).
 */
export async function reportMasks(
  db: Db,
  scope: Scope,
  days: readonly string[],
): Promise<{ unit_type: ZeroReportUnitType; unit_id: string; reported: number; onTime: number }[]> {
  if (days.length > 15) throw new Error('reportMasks: at most 15 days');
  const bit = (eb: ExpressionBuilder<Database, 'zero_reports'>) => {
    // literal bits: PostgreSQL cannot type a bound parameter inside CASE … THEN
    let c = eb.case('day').when(days[0]!).then(lit(1));
    for (let i = 1; i < days.length; i++) c = c.when(days[i]!).then(lit(2 ** i));
    return c.else(lit(0)).end();
  };
  return inScope(
    db
      .selectFrom('zero_reports')
      // one sum, one CASE per row: the reported bits low, the on-time bits from bit 15 up (days ≤ 15)
      .select((eb) => [
        'unit_type',
        'unit_id',
        eb.fn.sum(sql<number>`(${bit(eb)}) * (1 + ${eb.ref('on_time')} * ${sql.lit(ON_TIME_SHIFT)})`).as('bits'),
      ])
      .where('day', '>=', days[0]!)
      .where('day', '<=', days[days.length - 1]!),
    'region_path',
    scope,
  )
    .groupBy(['unit_type', 'unit_id'])
    .execute()
    .then((rows) =>
      rows.map((r) => {
        const bits = Number(r.bits);
        return {
          unit_type: r.unit_type,
          unit_id: r.unit_id,
          reported: bits % ON_TIME_SHIFT,
          onTime: Math.floor(bits / ON_TIME_SHIFT),
        };
      }),
    );
}
const ON_TIME_SHIFT = 2 ** 15;
/** A number written into the SQL text, typed as a number. */
const lit = (n: number) => sql<number>`${sql.lit(n)}`;

/** The latest submissions of a day in a jurisdiction, newest first. */
export async function latestReports(db: Db, scope: Scope, day: string, limit: number) {
  return inScope(
    db
      .selectFrom('zero_reports')
      .select(['id', 'unit_type', 'unit_id', 'on_time', 'version', 'submitted_at'])
      .where('day', '=', day),
    'region_path',
    scope,
  )
    .orderBy('submitted_at', 'desc')
    .limit(limit)
    .execute();
}

/** The reports of units on one day, keyed `unitType:unitId`. */
export async function reportsOfUnits(db: Db, day: string, unitIds: string[]) {
  if (unitIds.length === 0) return [];
  return db
    .selectFrom('zero_reports')
    .select(['id', 'unit_type', 'unit_id', 'on_time', 'version', 'submitted_at'])
    .where('day', '=', day)
    .where('unit_id', 'in', unitIds)
    .execute();
}

/** Every report of the given days (the roll-ups' completeness figures). */
export async function listReportsOfDays(db: Db, days: readonly string[]) {
  if (days.length === 0) return [];
  return db
    .selectFrom('zero_reports')
    .select(['unit_type', 'unit_id', 'day', 'on_time'])
    .where('day', 'in', [...days])
    .execute();
}

/** The days on which some unit reported. */
export async function daysWithZeroReports(db: Db): Promise<string[]> {
  return (await db.selectFrom('zero_reports').select('day').distinct().execute()).map((r) => r.day);
}

/** Stores a unit's first report of a day. */
export async function insertReport(db: Db, row: Insertable<ZeroReportTable>): Promise<void> {
  await db.insertInto('zero_reports').values(row).execute();
}

/** Replaces a report's current version (its day, unit and on-time standing stay). */
export async function updateReport(db: Db, id: string, set: Updateable<ZeroReportTable>): Promise<void> {
  await db.updateTable('zero_reports').set(set).where('id', '=', id).execute();
}

/** Keeps a version of a report (every submission that changed something). */
export async function insertVersion(db: Db, row: Insertable<ZeroReportVersionTable>): Promise<void> {
  await db.insertInto('zero_report_versions').values(row).execute();
}

/**
 * PostgreSQL: makes sweeps of late reports take turns, each seeing what the one before raised
 * (held until the transaction ends). SQLite serialises writers by itself.
 */
export async function lockSweep(trx: Db): Promise<void> {
  if (engineOf(trx) === 'postgres')
    await sql`select pg_advisory_xact_lock(hashtext('qunfang.zero_report_sweep'))`.execute(trx);
}

/** Which of the escalation source ids (`unitType:unitId:day`) already have their alert (read from alerts). */
export async function findEscalatedSourceIds(db: Db, sourceIds: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < sourceIds.length; i += 500) {
    const rows = await db
      .selectFrom('alerts')
      .select('source_id')
      .where('source_type', '=', 'zero_report')
      .where('source_id', 'in', sourceIds.slice(i, i + 500))
      .execute();
    for (const r of rows) if (r.source_id) out.add(r.source_id);
  }
  return out;
}

const parse = <T>(text: string | null, fallback: T): T => (text ? (JSON.parse(text) as T) : fallback);

/** A report row as the API shows it: figures, computed figures and corrections parsed from their JSON. */
export function toZeroReport(r: ZeroReportRow): ZeroReport {
  return {
    id: r.id,
    unitType: r.unit_type,
    unitId: r.unit_id,
    regionPath: r.region_path,
    day: r.day,
    figures: parse(r.figures, {}),
    computed: parse(r.computed, {}),
    corrections: parse(r.corrections, []),
    remarks: r.remarks,
    onTime: Boolean(Number(r.on_time)),
    version: Number(r.version),
    submittedBy: r.submitted_by,
    submittedByName: r.submitter_name,
    submittedAt: r.submitted_at,
  };
}
