import type { Kysely } from 'kysely';
import { columnTypes } from './column-types';

/**
 * Donations in (issue 17): donors (company, organisation, individual, anonymous), donations with
 * their declared lines (goods, or money as a line of the money item), and receiving (验收): one
 * receipt per line, with what was actually counted, the verdict and the reasons for any
 * difference, next to the declaration it never overwrites. A donation's certificate (捐赠证书)
 * has a serial and a public code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { id, pathType } = columnTypes(db);
  await db.schema
    .createTable('donors')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('region_id', id, (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('public_name', 'text', (c) => c.notNull())
    .addColumn('contact_name', 'text')
    .addColumn('phone', 'text')
    .addColumn('person_id', id, (c) => c.references('persons.id'))
    .addColumn('note', 'text')
    .addColumn('created_by', id)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('donors_path').on('donors').columns(['region_path', 'id']).execute();

  await db.schema
    .createTable('donations')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('region_id', id, (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('donor_id', id, (c) => c.notNull().references('donors.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('designated_to', 'text')
    .addColumn('money_channel', 'text')
    .addColumn('donated_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('certificate_serial', 'text', (c) => c.unique())
    .addColumn('certificate_code', 'text', (c) => c.unique())
    .addColumn('certificate_issued_at', 'text')
    .addColumn('created_by', id)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('donations_path').on('donations').columns(['region_path', 'id']).execute();
  await db.schema.createIndex('donations_donor').on('donations').column('donor_id').execute();

  await db.schema
    .createTable('donation_lines')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('donation_id', id, (c) => c.notNull().references('donations.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('item_id', id, (c) => c.notNull().references('supply_items.id'))
    .addColumn('spec', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('declared_value', 'integer')
    .execute();
  await db.schema
    .createIndex('donation_lines_donation')
    .on('donation_lines')
    .columns(['donation_id', 'line_no'])
    .unique()
    .execute();

  await db.schema
    .createTable('donation_receipts')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('line_id', id, (c) => c.notNull().unique().references('donation_lines.id'))
    .addColumn('donation_id', id, (c) => c.notNull().references('donations.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('warehouse_id', id, (c) => c.notNull().references('warehouses.id'))
    .addColumn('item_id', id, (c) => c.notNull().references('supply_items.id'))
    .addColumn('spec', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('batch', 'text', (c) => c.notNull())
    .addColumn('expiry', 'text')
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('verdict_reason', 'text')
    .addColumn('discrepancy_reason', 'text')
    .addColumn('ledger_seq', 'integer')
    .addColumn('received_by', id)
    .addColumn('received_by_name', 'text')
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('donation_receipts_donation').on('donation_receipts').column('donation_id').execute();
  await db.schema.createIndex('donation_receipts_at').on('donation_receipts').columns(['received_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['donation_receipts', 'donation_lines', 'donations', 'donors'])
    await db.schema.dropTable(t).execute();
}
