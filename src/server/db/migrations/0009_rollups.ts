import type { Kysely } from 'kysely';
import { columnTypes } from './column-types';

/**
 * Roll-ups behind the big screen and the daily report. `rollups` holds one row per region node
 * (county … grid) and local day with every figure of shared/rollups.ts as a column: the big screen
 * reads a handful of these rows instead of scanning history. `site_rollups` is the same per
 * checkpoint site. `rollup_state` keeps the refresher's lease and the version the live stream
 * watches. The few indexes added to source tables let a refresh read only the open days' rows.
 */

/**
 * The figures as shared/rollups.ts listed them when this migration was written (FLOW_METRICS, then
 * STOCK_METRICS), frozen here: a figure added later needs a migration of its own adding its column.
 */
const METRIC_COLUMNS = [
  'newPersons',
  'newReturnees',
  'householdsVisited',
  'doorFevers',
  'passages',
  'peopleChecked',
  'checkpointFevers',
  'turnedBack',
  'referred',
  'newIsolations',
  'completedIsolations',
  'followUpsMissed',
  'followUpFevers',
  'newCases',
  'newContacts',
  'residents',
  'households',
  'keyPersons',
  'returnees',
  'inIsolationHome',
  'inIsolationCentralised',
  'inIsolationHospital',
  'activeCases',
  'confirmedCases',
  'roundHouseholds',
  'roundVisited',
  'zeroReportUnits',
  'zeroReportsIn',
  'zeroReportsOnTime',
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  const { pathType } = columnTypes(db);

  let rollups = db.schema
    .createTable('rollups')
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('depth', 'integer', (c) => c.notNull());
  for (const m of METRIC_COLUMNS) rollups = rollups.addColumn(m, 'integer', (c) => c.notNull().defaultTo(0));
  await rollups
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rollups_pk', ['region_path', 'day'])
    .execute();
  await db.schema.createIndex('rollups_day_depth').on('rollups').columns(['day', 'depth', 'region_path']).execute();

  await db.schema
    .createTable('site_rollups')
    .addColumn('site_id', columnTypes(db).id, (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('region_path', pathType, (c) => c.notNull())
    .addColumn('passages', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('people', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fevers', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('turned_back', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('referred', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('site_rollups_pk', ['site_id', 'day'])
    .execute();
  await db.schema.createIndex('site_rollups_day_path').on('site_rollups').columns(['day', 'region_path']).execute();

  await db.schema
    .createTable('rollup_state')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // the open days of each source without a scan of history (tables with v7 ids use an id range instead)
  await db.schema.createIndex('person_tags_created').on('person_tags').columns(['created_at']).execute();
  await db.schema.createIndex('isolation_episodes_ended').on('isolation_episodes').columns(['ended_at']).execute();
  await db.schema.createIndex('follow_up_slots_day_status').on('follow_up_slots').columns(['day', 'status']).execute();
}

export async function down(): Promise<void> {
  throw new Error('Roll-up tables cannot be dropped by a migration; restore a backup instead.');
}
