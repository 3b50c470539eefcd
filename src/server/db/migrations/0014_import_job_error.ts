import type { Kysely } from 'kysely';

/**
 * An import job that stopped on a file-level refusal (a limit of upload-limits.ts, a broken CSV
 * quote, not a spreadsheet) keeps what and where as JSON — { code, row, column } — so the web can
 * say it in the reader's language instead of a bare "导入失败".
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('import_jobs').addColumn('error', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('import_jobs').dropColumn('error').execute();
}
