import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './database';
import * as m0001 from './migrations/0001_foundation';
import * as m0002 from './migrations/0002_registry';
import * as m0003 from './migrations/0003_checkpoints';
import * as m0004 from './migrations/0004_isolation';
import * as m0005 from './migrations/0005_zero_reports';
import * as m0006 from './migrations/0006_tracing';
import * as m0007 from './migrations/0007_notices';
import * as m0008 from './migrations/0008_dispatch';
import * as m0009 from './migrations/0009_rollups';
import * as m0010 from './migrations/0010_daily_reports';
import * as m0011 from './migrations/0011_persons_name_index';
import * as m0012 from './migrations/0012_daily_report_proxy';
import * as m0013 from './migrations/0013_referrals_and_unmeasured';
import * as m0014 from './migrations/0014_import_job_error';
import * as m0015 from './migrations/0015_login_throttle_and_audit_owner';
import * as m0016 from './migrations/0016_person_transfers';
import * as m0017 from './migrations/0017_party';
import * as m0018 from './migrations/0018_callouts';
import * as m0019 from './migrations/0019_volunteers';
import * as m0025 from './migrations/0025_supplies';
import * as m0026 from './migrations/0026_donations';
import * as m0023 from './migrations/0023_callouts_more';
import * as m0022 from './migrations/0022_temp_branches';
import * as m0024 from './migrations/0024_volunteer_tasks';
import * as m0027 from './migrations/0027_mobilisation_rollups';
import * as m0028 from './migrations/0028_supply_requests';
import * as m0030 from './migrations/0030_supply_consumption';
import * as m0034 from './migrations/0034_dispatch_bulk';
import * as m0020 from './migrations/0020_party_reporting';
import * as m0021 from './migrations/0021_pledges';
import * as m0031 from './migrations/0031_volunteer_self';
import * as m0032 from './migrations/0032_isolation_staff';
import * as m0029 from './migrations/0029_donation_members';

/** Migrations in order. Each later feature appends its own file here. */
const MIGRATIONS: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_registry': m0002,
  '0003_checkpoints': m0003,
  '0004_isolation': m0004,
  '0005_zero_reports': m0005,
  '0006_tracing': m0006,
  '0007_notices': m0007,
  '0008_dispatch': m0008,
  '0009_rollups': m0009,
  '0010_daily_reports': m0010,
  '0011_persons_name_index': m0011,
  '0012_daily_report_proxy': m0012,
  '0013_referrals_and_unmeasured': m0013,
  '0025_supplies': m0025,
  '0026_donations': m0026,
  '0014_import_job_error': m0014,
  '0023_callouts_more': m0023,
  '0015_login_throttle_and_audit_owner': m0015,
  '0022_temp_branches': m0022,
  '0016_person_transfers': m0016,
  '0024_volunteer_tasks': m0024,
  '0017_party': m0017,
  '0018_callouts': m0018,
  '0019_volunteers': m0019,
  '0027_mobilisation_rollups': m0027,
  '0028_supply_requests': m0028,
  '0030_supply_consumption': m0030,
  '0020_party_reporting': m0020,
  '0021_pledges': m0021,
  '0031_volunteer_self': m0031,
  '0032_isolation_staff': m0032,
  '0029_donation_members': m0029,
  '0034_dispatch_bulk': m0034,
};

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

/** Brings the schema up to date; safe to run on every start and from several processes in turn. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'qf_migrations',
    migrationLockTableName: 'qf_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
