import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/database';
import type { DailyReportTable, DailyReportVersionTable } from './reports.table';
import { engineOf } from '../../db/database';
import { inSubtree } from '../../access/scope';
import type { RegionLevel } from '../../../shared/enums';

export type DailyReportRow = Selectable<DailyReportTable> & { region_name: string };

function selectReports(db: Db) {
  return db
    .selectFrom('daily_reports')
    .innerJoin('regions', 'regions.id', 'daily_reports.region_id')
    .selectAll('daily_reports')
    .select('regions.name as region_name');
}

/** A report by id, wherever it is (the caller checks jurisdiction). */
export async function findReportById(db: Db, id: string, lock = false): Promise<DailyReportRow | undefined> {
  // PostgreSQL: hold the row for this transaction, so two saves of one report take turns
  if (lock && engineOf(db) === 'postgres')
    await db.selectFrom('daily_reports').select('id').where('id', '=', id).forUpdate().execute();
  return selectReports(db).where('daily_reports.id', '=', id).executeTakeFirst();
}

/** A unit's report of a day (by the unit's region path), or undefined. */
export async function findReportOfUnit(
  db: Db,
  regionPath: string,
  day: string,
  lock = false,
): Promise<DailyReportRow | undefined> {
  if (lock && engineOf(db) === 'postgres')
    await db
      .selectFrom('daily_reports')
      .select('id')
      .where('region_path', '=', regionPath)
      .where('day', '=', day)
      .forUpdate()
      .execute();
  return selectReports(db)
    .where('daily_reports.region_path', '=', regionPath)
    .where('daily_reports.day', '=', day)
    .executeTakeFirst();
}

/** The reports of a day of the given units (by path): one unique-index probe per unit. */
export async function reportsOfPaths(
  db: Db,
  paths: readonly string[],
  day: string,
): Promise<Selectable<DailyReportTable>[]> {
  const out: Selectable<DailyReportTable>[] = [];
  for (let i = 0; i < paths.length; i += 500) {
    out.push(
      ...(await db
        .selectFrom('daily_reports')
        .selectAll()
        .where('day', '=', day)
        .where('region_path', 'in', paths.slice(i, i + 500) as string[])
        .execute()),
    );
  }
  return out;
}

/** A day's reports of some levels within a subtree — the standing of a list's units and their children. */
export async function reportStandings(db: Db, prefix: string, day: string, levels: readonly RegionLevel[]) {
  if (levels.length === 0) return [];
  return inSubtree(
    db
      .selectFrom('daily_reports')
      .select([
        'id',
        'region_path',
        'level',
        'status',
        'version',
        'submitted_at',
        'submitted_by_name',
        'submitted_proxy_unit',
      ])
      .where('day', '=', day)
      .where('level', 'in', levels as RegionLevel[]),
    'region_path',
    prefix,
  ).execute();
}

export async function insertReport(db: Db, row: Insertable<DailyReportTable>): Promise<void> {
  await db.insertInto('daily_reports').values(row).execute();
}

export async function updateReport(db: Db, id: string, set: Updateable<DailyReportTable>): Promise<void> {
  await db.updateTable('daily_reports').set(set).where('id', '=', id).execute();
}

export async function insertVersion(db: Db, row: Insertable<DailyReportVersionTable>): Promise<void> {
  await db.insertInto('daily_report_versions').values(row).execute();
}

/** Every saved state of a report, oldest first. */
export async function listVersions(db: Db, reportId: string) {
  return db.selectFrom('daily_report_versions').selectAll().where('report_id', '=', reportId).orderBy('seq').execute();
}
