import { sql, type Kysely } from 'kysely';
import { columnTypes } from './column-types';

/**
 * 迁入申请: a request to move a person registered in another jurisdiction into the requester's
 * household or region. The two sides are regions referenced by id (their paths are read through
 * the regions table, so a region move needs no re-pathing here). At most one request per person
 * is pending at a time (a partial unique index, so two jurisdictions racing cannot both file one).
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { id } = columnTypes(db);
  await db.schema
    .createTable('person_transfers')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('person_id', id, (c) => c.notNull().references('persons.id'))
    .addColumn('from_region_id', id, (c) => c.notNull().references('regions.id'))
    .addColumn('to_region_id', id, (c) => c.notNull().references('regions.id'))
    .addColumn('to_household_id', id, (c) => c.references('households.id'))
    .addColumn('registration', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('requested_by', id, (c) => c.notNull())
    .addColumn('requested_by_name', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('decided_by', id)
    .addColumn('decided_by_name', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .execute();
  await db.schema
    .createIndex('person_transfers_one_pending')
    .on('person_transfers')
    .column('person_id')
    .unique()
    .where(sql<boolean>`status = 'pending'`)
    .execute();
  await db.schema
    .createIndex('person_transfers_person')
    .on('person_transfers')
    .columns(['person_id', 'requested_at'])
    .execute();
  await db.schema
    .createIndex('person_transfers_status')
    .on('person_transfers')
    .columns(['status', 'expires_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('person_transfers').execute();
}
