import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { withStatementCache } from './statement-cache';
import type { RegionTable } from '../features/regions/regions.table';
import type { UserTable } from '../features/users/users.table';
import type { SessionTable } from '../features/auth/sessions.table';
import type { LoginThrottleTable } from '../features/auth/login-throttle.table';
import type { AuditTable } from '../features/audit/audit.table';
import type { ResponsibilityTable } from '../features/responsibility/responsibility.table';
import type { HouseholdTable } from '../features/residents/households.table';
import type { PersonTable, PersonTagTable, PersonMergeTable } from '../features/residents/persons.table';
import type { PersonTransferTable } from '../features/residents/transfers.table';
import type { ImportJobTable } from '../features/residents/import/import-jobs.table';
import type { SettingTable } from '../features/settings/settings.table';
import type { ScreeningRoundTable, ScreeningRoundRegionTable } from '../features/screening/rounds.table';
import type {
  ScreeningVisitTable,
  ScreeningCheckTable,
  ScreeningHouseholdStatusTable,
} from '../features/screening/visits.table';
import type { AlertTable } from '../features/alerts/alerts.table';
import type { ReferralTable } from '../features/alerts/referrals.table';
import type { CheckpointSiteTable, DutyShiftTable, DutyAssignmentTable } from '../features/checkpoints/sites.table';
import type { PassageTable, PassageOccupantTable } from '../features/checkpoints/passages.table';
import type { IsolationSiteTable, IsolationRoomTable } from '../features/isolation/isolation-sites.table';
import type { IsolationEpisodeTable } from '../features/isolation/episodes.table';
import type { FollowUpSlotTable } from '../features/isolation/followups.table';
import type { NecessityRequestTable } from '../features/isolation/necessities.table';
import type { IsolationSiteStaffTable } from '../features/isolation/site-staff.table';
import type { ZeroReportTable, ZeroReportVersionTable } from '../features/zero-reports/reports.table';
import type { CaseTable, CaseHistoryTable } from '../features/tracing/cases.table';
import type { ContactTable } from '../features/tracing/contacts.table';
import type { SeekNoticeTable, SeekFoundTable, SeekReportTable } from '../features/tracing/seek-notices.table';
import type { NoticeTable, NoticeReadTable } from '../features/notices/notices.table';
import type { GatheringTable, GatheringVisitTable } from '../features/gatherings/gatherings.table';
import type {
  CalloutAnswerTable,
  CalloutLinkTable,
  CalloutOrderTable,
  CalloutOutboxTable,
  CalloutTable,
} from '../features/callouts/callouts.table';
import type { CalloutTeamMemberTable, CalloutTeamTable } from '../features/callouts/teams.table';
import type {
  VolunteerAvailabilityTable,
  VolunteerGroupMemberTable,
  VolunteerGroupTable,
  VolunteerSelfLinkTable,
  VolunteerSignupLinkTable,
  VolunteerTable,
} from '../features/volunteers/volunteers.table';
import type { VolunteerTaskAssigneeTable, VolunteerTaskTable } from '../features/volunteer-tasks/tasks.table';
import type { VolunteerCertificateTable, VolunteerHoursTable } from '../features/volunteer-tasks/hours.table';
import type { DispatchTable, DispatchItemTable } from '../features/dispatch/dispatch.table';
import type { RollupTable, SiteRollupTable, RollupStateTable } from '../features/rollups/rollups.table';
import type { SupplyItemTable, WarehouseTable } from '../features/supplies/catalogue.table';
import type { SupplyRequestLineTable, SupplyRequestTable } from '../features/supplies/requests.table';
import type { AllocationTable } from '../features/supplies/allocations.table';
import type {
  LedgerDigestTable,
  LedgerEntryTable,
  LedgerHeadTable,
  StockBalanceTable,
} from '../features/supplies/ledger.table';
import type {
  DonationLineTable,
  DonationReceiptTable,
  DonationTable,
  DonorTable,
} from '../features/donations/donations.table';
import type { DailyReportTable, DailyReportVersionTable } from '../features/daily-reports/reports.table';
import type { PartyOrganisationTable } from '../features/party/organisations.table';
import type {
  CompoundTable,
  TempBranchMemberTable,
  TempBranchTable,
} from '../features/temp-branches/temp-branches.table';
import type { PartyMemberTable } from '../features/party/members.table';
import type { PartyImportJobTable } from '../features/party/import/import-jobs.table';
import type {
  PartyReportHistoryTable,
  PartyReportingLinkTable,
  PartyReportTable,
} from '../features/party/reporting.table';
import type { PledgeTable, PledgeUnitTable } from '../features/pledges/pledges.table';

/**
 * The one source of table types. Instants are ISO-8601 UTC strings on both engines; local days are
 * 'YYYY-MM-DD'. Primary keys are UUID v7 strings. Every row that belongs to a place carries
 * `region_path`, the materialized path of its region, so jurisdiction is one prefix condition.
 */
export interface Database {
  regions: RegionTable;
  users: UserTable;
  sessions: SessionTable;
  login_throttle: LoginThrottleTable;
  audit_log: AuditTable;
  responsibilities: ResponsibilityTable;
  households: HouseholdTable;
  persons: PersonTable;
  person_tags: PersonTagTable;
  person_merges: PersonMergeTable;
  person_transfers: PersonTransferTable;
  settings: SettingTable;
  screening_rounds: ScreeningRoundTable;
  screening_round_regions: ScreeningRoundRegionTable;
  screening_visits: ScreeningVisitTable;
  screening_checks: ScreeningCheckTable;
  screening_household_status: ScreeningHouseholdStatusTable;
  alerts: AlertTable;
  referrals: ReferralTable;
  import_jobs: ImportJobTable;
  checkpoint_sites: CheckpointSiteTable;
  duty_shifts: DutyShiftTable;
  duty_assignments: DutyAssignmentTable;
  passages: PassageTable;
  passage_occupants: PassageOccupantTable;
  isolation_sites: IsolationSiteTable;
  isolation_rooms: IsolationRoomTable;
  isolation_episodes: IsolationEpisodeTable;
  isolation_site_staff: IsolationSiteStaffTable;
  follow_up_slots: FollowUpSlotTable;
  necessity_requests: NecessityRequestTable;
  zero_reports: ZeroReportTable;
  cases: CaseTable;
  case_history: CaseHistoryTable;
  contacts: ContactTable;
  seek_notices: SeekNoticeTable;
  seek_found: SeekFoundTable;
  seek_reports: SeekReportTable;
  zero_report_versions: ZeroReportVersionTable;
  notices: NoticeTable;
  notice_reads: NoticeReadTable;
  gatherings: GatheringTable;
  gathering_visits: GatheringVisitTable;
  dispatches: DispatchTable;
  dispatch_items: DispatchItemTable;
  rollups: RollupTable;
  site_rollups: SiteRollupTable;
  volunteer_availability: VolunteerAvailabilityTable;
  supply_items: SupplyItemTable;
  warehouses: WarehouseTable;
  ledger_head: LedgerHeadTable;
  ledger_entries: LedgerEntryTable;
  ledger_digests: LedgerDigestTable;
  stock_balances: StockBalanceTable;
  supply_requests: SupplyRequestTable;
  supply_request_lines: SupplyRequestLineTable;
  allocations: AllocationTable;
  donors: DonorTable;
  donations: DonationTable;
  donation_lines: DonationLineTable;
  donation_receipts: DonationReceiptTable;
  volunteer_signup_links: VolunteerSignupLinkTable;
  volunteer_self_links: VolunteerSelfLinkTable;
  rollup_state: RollupStateTable;
  daily_reports: DailyReportTable;
  daily_report_versions: DailyReportVersionTable;
  callout_teams: CalloutTeamTable;
  callout_team_members: CalloutTeamMemberTable;
  callouts: CalloutTable;
  callout_orders: CalloutOrderTable;
  callout_answers: CalloutAnswerTable;
  compounds: CompoundTable;
  temp_branches: TempBranchTable;
  temp_branch_members: TempBranchMemberTable;
  callout_links: CalloutLinkTable;
  callout_outbox: CalloutOutboxTable;
  volunteers: VolunteerTable;
  volunteer_groups: VolunteerGroupTable;
  volunteer_group_members: VolunteerGroupMemberTable;
  volunteer_tasks: VolunteerTaskTable;
  volunteer_task_assignees: VolunteerTaskAssigneeTable;
  volunteer_hours: VolunteerHoursTable;
  volunteer_certificates: VolunteerCertificateTable;
  party_organisations: PartyOrganisationTable;
  party_members: PartyMemberTable;
  party_import_jobs: PartyImportJobTable;
  party_reporting_links: PartyReportingLinkTable;
  party_reports: PartyReportTable;
  party_report_history: PartyReportHistoryTable;
  pledge_units: PledgeUnitTable;
  pledges: PledgeTable;
}

export type Db = Kysely<Database>;
export type Engine = 'sqlite' | 'postgres';

export interface OpenDbOptions {
  databaseUrl?: string;
  sqlitePath?: string;
  /** pg pool size; several stateless server processes each keep their own pool */
  poolSize?: number;
}

/**
 * Opens the database: PostgreSQL when a URL is given, else embedded SQLite in WAL mode with
 * synchronous=FULL, so a write acknowledged to a client survives kill -9 and power loss.
 */
export function openDb(options: OpenDbOptions): Db {
  if (options.databaseUrl) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.poolSize ?? 10 });
    return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  }
  const file = options.sqlitePath ?? './data/qunfang.db';
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  // A 64 MB page cache instead of the default 2 MB: at a million residents the person indexes are
  // hundreds of MB, and a roster import or a checkpoint's writer touches pages all over them.
  // Memory is taken only as pages are read. (Measured: the 1,000,000-row import +13%.)
  sqlite.pragma('cache_size = -65536');
  // Copy the WAL back into the database every 10,000 pages (~40 MB) instead of every 1,000: a
  // checkpoint runs inside the commit that crosses the mark, and the checkpoint's page copies and
  // fsyncs were ~15% of the passage writer's time. Durability is unchanged (each commit is synced
  // to the WAL); only the WAL file grows larger between checkpoints.
  sqlite.pragma('wal_autocheckpoint = 10000');
  // Keep planner statistics current (cheap: it only analyzes what changed a lot). Without them a
  // county-wide person search reads the whole jurisdiction range instead of the name index.
  sqlite.pragma('optimize = 0x10002');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  sqliteOf.set(db, sqlite);
  return db;
}

const sqliteOf = new WeakMap<object, SQLite.Database>();

/** The better-sqlite3 handle behind a Kysely instance (backup, bulk loads), or null on PostgreSQL. */
export function sqliteHandle(db: Kysely<any>): SQLite.Database | null {
  return sqliteOf.get(db) ?? null;
}

export function engineOf(db: Kysely<any>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
