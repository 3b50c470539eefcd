import type { Kysely } from 'kysely';

/**
 * Call-outs, second half (issue 16): each call-out gets a code for its meeting point's QR (a person
 * scanning it at the point checks in), the skill a "everyone with skill X in region Y" call-out
 * targeted, and the SMS outbox becomes a queue several server processes drain safely — a row is
 * claimed (claimed_by / claimed_until) before it is sent, and a failed send waits until
 * next_attempt_at (backoff).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('callouts').addColumn('point_code', 'text').execute();
  await db.schema.alterTable('callouts').addColumn('target_skill', 'text').execute();
  await db.schema.createIndex('callouts_point_code').on('callouts').column('point_code').unique().execute();
  await db.schema.createIndex('callouts_team').on('callouts').columns(['team_id', 'ordered_at']).execute();

  await db.schema.alterTable('callout_outbox').addColumn('next_attempt_at', 'text').execute();
  await db.schema.alterTable('callout_outbox').addColumn('claimed_by', 'text').execute();
  await db.schema.alterTable('callout_outbox').addColumn('claimed_until', 'text').execute();
  await db.schema
    .createIndex('callout_outbox_due')
    .on('callout_outbox')
    .columns(['status', 'next_attempt_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('callout_outbox_due').execute();
  for (const column of ['claimed_until', 'claimed_by', 'next_attempt_at'])
    await db.schema.alterTable('callout_outbox').dropColumn(column).execute();
  await db.schema.dropIndex('callouts_team').execute();
  await db.schema.dropIndex('callouts_point_code').execute();
  for (const column of ['target_skill', 'point_code'])
    await db.schema.alterTable('callouts').dropColumn(column).execute();
}
