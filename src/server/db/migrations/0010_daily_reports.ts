import type { CreateTableBuilder, Kysely } from 'kysely';
import { columnTypes } from './column-types';

/**
 * The daily report (一日一汇报). `daily_reports` holds the current state of each administrative
 * unit's report of a local day (one per region node and day): the figures it reports, what Qunfang
 * computed, the corrections with their reasons, the narrative, and — for a township or higher — the
 * snapshot of which children were summed with the figures they submitted, so a past report can be
 * regenerated exactly as it went up. `daily_report_versions` keeps every saved state (draft,
 * correction, submission, review, return), who made it and what changed.
 */
/** What a report holds, as it stands and in each version (DailyReportContent): JSON figures, corrections, children; the texts. */
function contentColumns(t: CreateTableBuilder<any, any>) {
  return t
    .addColumn('figures', 'text', (c) => c.notNull())
    .addColumn('computed', 'text', (c) => c.notNull())
    .addColumn('corrections', 'text', (c) => c.notNull())
    .addColumn('children', 'text')
    .addColumn('assessment', 'text')
    .addColumn('problems', 'text')
    .addColumn('requests', 'text')
    .addColumn('missing_note', 'text');
}

export async function up(db: Kysely<any>): Promise<void> {
  const { id, pathType } = columnTypes(db);

  await db.schema
    .createTable('daily_reports')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('region_id', id, (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .$call(contentColumns)
    .addColumn('computed_at', 'text', (c) => c.notNull())
    .addColumn('created_by', id)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('submitted_by', id)
    .addColumn('submitted_by_name', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('reviewed_by', id)
    .addColumn('reviewed_by_name', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('review_note', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('daily_reports_path_day', ['region_path', 'day'])
    .execute();
  // a day's list of a jurisdiction: one index range per level
  await db.schema
    .createIndex('daily_reports_day_level_path')
    .on('daily_reports')
    .columns(['day', 'level', 'region_path'])
    .execute();
  // a region holding reports cannot be deleted (regionHoldsData looks by region_id)
  await db.schema.createIndex('daily_reports_region').on('daily_reports').columns(['region_id', 'day']).execute();

  await db.schema
    .createTable('daily_report_versions')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('report_id', id, (c) => c.notNull().references('daily_reports.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .$call(contentColumns)
    .addColumn('note', 'text')
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('actor_id', id)
    .addColumn('actor_name', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addUniqueConstraint('daily_report_versions_report_seq', ['report_id', 'seq'])
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('Daily report tables cannot be dropped by a migration; restore a backup instead.');
}
