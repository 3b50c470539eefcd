import type { Kysely } from 'kysely';

/**
 * 代填 in the daily report: a township may fill in a village's report for it. Who did so is kept on
 * the report (`submitted_proxy_unit`: the township whose cadre submitted it) and on every saved state
 * (`daily_report_versions.proxy_unit`). Both null when the unit acted itself, as in every report
 * written before this migration.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('daily_reports').addColumn('submitted_proxy_unit', 'text').execute();
  await db.schema.alterTable('daily_report_versions').addColumn('proxy_unit', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('daily_report_versions').dropColumn('proxy_unit').execute();
  await db.schema.alterTable('daily_reports').dropColumn('submitted_proxy_unit').execute();
}
