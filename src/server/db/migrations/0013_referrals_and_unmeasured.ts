import type { Kysely } from 'kysely';
import { columnTypes } from './column-types';

/**
 * Field work (issue 13).
 * - `screening_checks.temperature_missing` / `temperature_note`: why a person present at a visit
 *   has no temperature (拒测 refused / 未测量 not measured) and what happened.
 * - `referrals`: a person sent to a fever clinic or hospital (转诊) — from a checkpoint passage, a
 *   screening visit or a follow-up — with where, when and by whom, and the clinic's outcome
 *   (排除 excluded / 疑似 suspected / 确诊 confirmed) with its time and note; a suspected or
 *   confirmed outcome links the tracing case.
 * - `alerts.referral_id`: the one alert of such an event points at its referral.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { id, pathType } = columnTypes(db);
  await db.schema.alterTable('screening_checks').addColumn('temperature_missing', 'text').execute();
  await db.schema.alterTable('screening_checks').addColumn('temperature_note', 'text').execute();

  await db.schema
    .createTable('referrals')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('person_id', id, (c) => c.references('persons.id'))
    .addColumn('person_name', 'text', (c) => c.notNull())
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('source_type', 'text', (c) => c.notNull())
    .addColumn('source_id', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('facility', 'text')
    .addColumn('referred_at', 'text', (c) => c.notNull())
    .addColumn('referred_by', id)
    .addColumn('outcome', 'text')
    .addColumn('outcome_at', 'text')
    .addColumn('outcome_note', 'text')
    .addColumn('outcome_by', id)
    .addColumn('case_id', id)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // a jurisdiction's referrals, newest first; the open ones; a person's referrals
  await db.schema.createIndex('referrals_path').on('referrals').columns(['region_path', 'id']).execute();
  await db.schema.createIndex('referrals_person').on('referrals').column('person_id').execute();
  await db.schema.createIndex('referrals_source').on('referrals').columns(['source_type', 'source_id']).execute();

  await db.schema.alterTable('alerts').addColumn('referral_id', id).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('alerts').dropColumn('referral_id').execute();
  await db.schema.dropTable('referrals').execute();
  await db.schema.alterTable('screening_checks').dropColumn('temperature_note').execute();
  await db.schema.alterTable('screening_checks').dropColumn('temperature_missing').execute();
}
