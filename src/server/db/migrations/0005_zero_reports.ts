import type { Kysely } from 'kysely';
import { columnTypes } from './column-types';

/**
 * Every version of a daily zero report (零报告). `zero_reports` (0004) holds the current version of
 * each unit's report of a day; a resubmission replaces it there and adds a row here, so what a unit
 * first reported — and each later correction, by whom and when — stays on record.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { id, pathType } = columnTypes(db);
  await db.schema
    .createTable('zero_report_versions')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('report_id', id, (c) => c.notNull().references('zero_reports.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('computed', 'text', (c) => c.notNull())
    .addColumn('corrections', 'text')
    .addColumn('remarks', 'text')
    .addColumn('submitted_by', id)
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('zero_report_versions_report_version', ['report_id', 'version'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Zero report versions cannot be dropped by a migration; restore a backup instead.');
}
