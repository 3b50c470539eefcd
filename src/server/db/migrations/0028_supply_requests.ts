import type { Kysely } from 'kysely';
import { columnTypes } from './column-types';

/**
 * Requests, allocation and delivery (申领 / 调拨 / 签收, issue 17): a site's request with its lines
 * (item, quantity, need-by) and the quantity the level above approved; an allocation from a
 * warehouse to a unit's warehouse, with the courier, optionally against a request line, and what
 * the receiving unit signed for (签收) — sent and received kept side by side with the reason. The
 * goods themselves move on the ledger (an `allocation` entry out of the source, a `delivery` entry
 * into the recipient); these rows say why. An allocation of designated (定向) stock to another
 * recipient carries the command centre's recorded decision.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { id, pathType } = columnTypes(db);
  await db.schema
    .createTable('supply_requests')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('region_id', id, (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('warehouse_id', id, (c) => c.notNull().references('warehouses.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('requested_by', id)
    .addColumn('requested_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('supply_requests_queue')
    .on('supply_requests')
    .columns(['status', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('supply_requests_path')
    .on('supply_requests')
    .columns(['region_path', 'created_at'])
    .execute();

  await db.schema
    .createTable('supply_request_lines')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('request_id', id, (c) => c.notNull().references('supply_requests.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('line_no', 'integer', (c) => c.notNull())
    .addColumn('item_id', id, (c) => c.notNull().references('supply_items.id'))
    .addColumn('spec', 'text', (c) => c.notNull())
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('need_by', 'text')
    .addColumn('approved_quantity', 'integer')
    .addColumn('approved_by', id)
    .addColumn('approved_by_name', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('approval_note', 'text')
    .addColumn('allocated_quantity', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('delivered_quantity', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('supply_request_lines_request')
    .on('supply_request_lines')
    .columns(['request_id', 'line_no'])
    .unique()
    .execute();

  await db.schema
    .createTable('allocations')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('from_warehouse_id', id, (c) => c.notNull().references('warehouses.id'))
    .addColumn('to_warehouse_id', id, (c) => c.notNull().references('warehouses.id'))
    .addColumn('request_line_id', id, (c) => c.references('supply_request_lines.id'))
    .addColumn('item_id', id, (c) => c.notNull().references('supply_items.id'))
    .addColumn('spec', 'text', (c) => c.notNull())
    .addColumn('batch', 'text', (c) => c.notNull())
    .addColumn('expiry', 'text')
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('courier', 'text', (c) => c.notNull())
    .addColumn('courier_phone', 'text')
    .addColumn('note', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('out_seq', 'integer')
    .addColumn('designated_to', 'text')
    .addColumn('decision_reason', 'text')
    .addColumn('decision_by_name', 'text')
    .addColumn('sent_by', id)
    .addColumn('sent_by_name', 'text')
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addColumn('received_quantity', 'integer')
    .addColumn('discrepancy_reason', 'text')
    .addColumn('in_seq', 'integer')
    .addColumn('received_by', id)
    .addColumn('received_by_name', 'text')
    .addColumn('received_at', 'text')
    .execute();
  await db.schema.createIndex('allocations_path').on('allocations').columns(['region_path', 'sent_at']).execute();
  await db.schema.createIndex('allocations_to').on('allocations').columns(['to_warehouse_id', 'status']).execute();
  await db.schema
    .createIndex('allocations_stock')
    .on('allocations')
    .columns(['from_warehouse_id', 'item_id', 'spec', 'batch'])
    .execute();
  await db.schema.createIndex('allocations_line').on('allocations').column('request_line_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('allocations').execute();
  await db.schema.dropTable('supply_request_lines').execute();
  await db.schema.dropTable('supply_requests').execute();
}
