import { sql, type Kysely } from 'kysely';
import { columnTypes } from './column-types';

/** The standard catalogue (issue 17): KN95 (GB 2626) is a different item from N95 (NIOSH). */
const STANDARD_ITEMS: [code: string, name: string, category: string, unit: string, standard: string | null][] = [
  ['MASK-MEDICAL-PROTECTIVE', '医用防护口罩', 'ppe', '只', 'GB 19083'],
  ['MASK-SURGICAL', '医用外科口罩', 'ppe', '只', 'YY 0469'],
  ['MASK-MEDICAL', '一次性使用医用口罩', 'ppe', '只', 'YY/T 0969'],
  ['MASK-KN95', 'KN95 口罩', 'ppe', '只', 'GB 2626'],
  ['MASK-N95', 'N95 口罩', 'ppe', '只', 'NIOSH 42 CFR 84'],
  ['SUIT-PROTECTIVE', '医用防护服', 'ppe', '套', 'GB 19082'],
  ['GOGGLES', '护目镜', 'ppe', '副', null],
  ['GLOVES', '医用手套', 'ppe', '副', null],
  ['DISINFECTANT-84', '84 消毒液', 'disinfectant', 'kg', null],
  ['ALCOHOL-75', '75% 酒精', 'disinfectant', 'L', null],
  ['THERMOMETER-IR', '红外测温枪', 'equipment', '把', null],
  ['VEGETABLES', '蔬菜', 'food', 'kg', null],
  ['EGGS', '鸡蛋', 'food', 'kg', null],
  ['RICE', '大米', 'food', 'kg', null],
  ['MONEY', '捐款', 'money', '元', null],
];

/**
 * Supplies (issue 17), first slice: the item catalogue, warehouses, and the ledger every movement is
 * written to. The ledger is append-only in the database (as the audit log is) and hash-chained;
 * `ledger_head` is the one row every append locks (its UPDATE is the lock, on both engines), so the
 * chain never forks however many server processes write. `stock_balances` is derived from the
 * ledger in the same transaction and can never go below zero.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { id, pathType, pg } = columnTypes(db);
  await db.schema
    .createTable('supply_items')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('unit', 'text', (c) => c.notNull())
    .addColumn('standard', 'text')
    .addColumn('spec_hint', 'text')
    .addColumn('builtin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_by', id)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  const at = '2020-01-01T00:00:00.000Z';
  await db
    .insertInto('supply_items')
    .values(
      STANDARD_ITEMS.map(([code, name, category, unit, standard], i) => ({
        // fixed v7-shaped ids, so every database names the standard items alike
        id: `01700000-0000-7000-8000-${String(i + 1).padStart(12, '0')}`,
        code,
        name,
        category,
        unit,
        standard,
        spec_hint: null,
        builtin: 1,
        status: 'active',
        created_by: null,
        created_at: at,
        updated_at: at,
      })),
    )
    .execute();

  await db.schema
    .createTable('warehouses')
    .addColumn('id', id, (c) => c.primaryKey())
    .addColumn('region_id', id, (c) => c.notNull().references('regions.id'))
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('keeper', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_by', id)
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('warehouses_path').on('warehouses').columns(['region_path', 'id']).execute();

  await db.schema
    .createTable('ledger_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('day', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db
    .insertInto('ledger_head')
    .values({ id: 1, seq: 0, hash: '0'.repeat(64), day: null, updated_at: at })
    .execute();

  await db.schema
    .createTable('ledger_entries')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('id', id, (c) => c.notNull().unique())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('warehouse_id', id, (c) => c.notNull().references('warehouses.id'))
    .addColumn('item_id', id, (c) => c.notNull().references('supply_items.id'))
    .addColumn('spec', 'text', (c) => c.notNull())
    .addColumn('batch', 'text', (c) => c.notNull())
    .addColumn('expiry', 'text')
    .addColumn('quantity', 'integer', (c) => c.notNull())
    .addColumn('counterparty', 'text')
    .addColumn('ref_type', 'text')
    .addColumn('ref_id', 'text')
    .addColumn('reverses_seq', 'integer', (c) => c.unique())
    .addColumn('reason', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('ledger_entries_stock')
    .on('ledger_entries')
    .columns(['warehouse_id', 'item_id', 'seq'])
    .execute();
  await db.schema.createIndex('ledger_entries_ref').on('ledger_entries').columns(['ref_type', 'ref_id']).execute();
  await db.schema.createIndex('ledger_entries_day').on('ledger_entries').columns(['day', 'seq']).execute();

  await db.schema
    .createTable('ledger_digests')
    .addColumn('day', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('stock_balances')
    .addColumn('warehouse_id', id, (c) => c.notNull().references('warehouses.id'))
    .addColumn('item_id', id, (c) => c.notNull().references('supply_items.id'))
    .addColumn('spec', 'text', (c) => c.notNull())
    .addColumn('batch', 'text', (c) => c.notNull())
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('expiry', 'text')
    .addColumn('quantity', 'integer', (c) => c.notNull().check(sql`quantity >= 0`))
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('stock_balances_pk', ['warehouse_id', 'item_id', 'spec', 'batch'])
    .execute();
  await db.schema.createIndex('stock_balances_path').on('stock_balances').columns(['region_path', 'item_id']).execute();

  // The ledger and its digests are append-only: the database itself refuses updates and deletes.
  for (const table of ['ledger_entries', 'ledger_digests']) {
    if (pg) {
      await sql`create function ${sql.raw(table)}_append_only() returns trigger language plpgsql as $$
        begin raise exception '${sql.raw(table)} is append-only'; end $$`.execute(db);
      await sql`create trigger ${sql.raw(table)}_no_change before update or delete on ${sql.raw(table)}
        for each row execute function ${sql.raw(table)}_append_only()`.execute(db);
      await sql`create trigger ${sql.raw(table)}_no_truncate before truncate on ${sql.raw(table)}
        for each statement execute function ${sql.raw(table)}_append_only()`.execute(db);
    } else {
      await sql`create trigger ${sql.raw(table)}_no_update before update on ${sql.raw(table)}
        begin select raise(abort, '${sql.raw(table)} is append-only'); end`.execute(db);
      await sql`create trigger ${sql.raw(table)}_no_delete before delete on ${sql.raw(table)}
        begin select raise(abort, '${sql.raw(table)} is append-only'); end`.execute(db);
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['stock_balances', 'ledger_digests', 'ledger_entries', 'ledger_head', 'warehouses', 'supply_items'])
    await db.schema.dropTable(t).execute();
  if (columnTypes(db).pg) {
    await sql`drop function if exists ledger_entries_append_only()`.execute(db);
    await sql`drop function if exists ledger_digests_append_only()`.execute(db);
  }
}
