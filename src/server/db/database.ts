import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, type Generated, type Selectable, type Insertable } from 'kysely';
import pg from 'pg';
import type { Locale, RegionLevel, RegionStatus, Role, UserStatus } from '../../shared/enums';

/**
 * The one source of table types. Instants are ISO-8601 UTC strings on both engines; local days are
 * 'YYYY-MM-DD'. Primary keys are UUID v7 strings. Every row that belongs to a place carries
 * `region_path`, the materialized path of its region, so jurisdiction is one prefix condition.
 */
export interface Database {
  regions: RegionTable;
  users: UserTable;
  sessions: SessionTable;
  audit_log: AuditTable;
  responsibilities: ResponsibilityTable;
  households: HouseholdTable;
  persons: PersonTable;
  person_tags: PersonTagTable;
  person_merges: PersonMergeTable;
  settings: SettingTable;
  screening_rounds: ScreeningRoundTable;
  screening_round_regions: ScreeningRoundRegionTable;
  screening_visits: ScreeningVisitTable;
  screening_checks: ScreeningCheckTable;
  screening_household_status: ScreeningHouseholdStatusTable;
  alerts: AlertTable;
  import_jobs: ImportJobTable;
  checkpoint_sites: CheckpointSiteTable;
  duty_shifts: DutyShiftTable;
  duty_assignments: DutyAssignmentTable;
  passages: PassageTable;
  passage_occupants: PassageOccupantTable;
}

export interface CheckpointSiteTable {
  id: string;
  name: string;
  kind: string;
  region_id: string;
  region_path: string;
  address: string | null;
  responsible_unit: string | null;
  lead_name: string | null;
  lead_phone: string | null;
  hours: string;
  status: 'active' | 'closed';
  created_at: string;
  updated_at: string;
}

export interface DutyShiftTable {
  id: string;
  site_id: string;
  region_path: string;
  starts_at: string;
  ends_at: string;
  created_at: string;
}

export interface DutyAssignmentTable {
  id: string;
  shift_id: string;
  region_path: string;
  user_id: string | null;
  person_id: string | null;
  name: string;
  checked_in_at: string | null;
  checked_out_at: string | null;
  created_at: string;
}

export interface PassageTable {
  id: string;
  site_id: string;
  region_path: string;
  at: string;
  direction: 'in' | 'out';
  plate: string | null;
  vehicle_type: string;
  origin: string | null;
  destination: string | null;
  purpose: string | null;
  disinfected: number;
  leaflet: number;
  decision: 'pass' | 'turned_back' | 'referred' | 'isolated';
  occupant_count: number;
  fever_count: number;
  recorder_id: string | null;
  created_at: string;
}

export interface PassageOccupantTable {
  passage_id: string;
  seq: number;
  person_id: string | null;
  region_path: string;
  name: string;
  id_number: string | null;
  phone: string | null;
  temperature: number;
  symptoms: string | null;
  fever: number;
}

/** A roster import running in the background, with its error report once finished. */
export interface ImportJobTable {
  id: string;
  kind: 'residents';
  file_name: string;
  region_path: string;
  actor_id: string;
  status: 'running' | 'done' | 'failed' | 'interrupted';
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  invalid: number;
  warnings: number;
  message: string | null;
  report: Buffer | null;
  started_at: string;
  finished_at: string | null;
}

export interface ScreeningRoundTable {
  id: string;
  name: string;
  start_date: string;
  end_date: string;
  status: 'open' | 'closed';
  /** the jurisdiction of the user who opened it: who may see and close it */
  region_path: string;
  created_by: string | null;
  created_at: string;
  closed_at: string | null;
}

export interface ScreeningRoundRegionTable {
  round_id: string;
  region_id: string;
  region_path: string;
}

export interface ScreeningVisitTable {
  id: string;
  round_id: string;
  household_id: string;
  region_id: string;
  region_path: string;
  visited_at: string;
  worker_id: string;
  outcome: 'no_risk' | 'key_person' | 'refer' | 'not_home';
  note: string | null;
  created_at: string;
}

export interface ScreeningCheckTable {
  visit_id: string;
  person_id: string;
  region_path: string;
  present: number;
  temperature: number | null;
  symptoms: string | null;
  hubei_travel: number;
  contact_history: number;
  travel_note: string | null;
}

/** Where each household of a round stands: visited, or not home (awaiting a revisit). */
export interface ScreeningHouseholdStatusTable {
  round_id: string;
  household_id: string;
  region_path: string;
  status: 'visited' | 'not_home';
  visits: number;
  last_visit_at: string;
  worker_id: string;
}

/** Something the command centre must see at once: a fever, a key person, a referral. */
export interface AlertTable {
  id: string;
  kind: string;
  person_id: string | null;
  region_path: string;
  source_type: string;
  source_id: string | null;
  message: string;
  created_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
}

export interface RegionTable {
  id: string;
  parent_id: string | null;
  level: RegionLevel;
  code: string;
  name: string;
  /** '/<code>/<code>/…/' from the top of the tree down to and including this node. */
  path: string;
  depth: number;
  status: RegionStatus;
  pinyin: string;
  initials: string;
  /** Lower-case simplified name, pinyin, initials and code, for one LIKE. */
  search_key: string;
  created_at: string;
  updated_at: string;
  retired_at: string | null;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  role: Role;
  /** null only for a global admin, whose jurisdiction is everything. */
  region_id: string | null;
  region_path: string;
  phone: string | null;
  password_hash: string;
  status: UserStatus;
  locale: Locale;
  failed_logins: number;
  locked_until: string | null;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionTable {
  /** sha256 of the cookie token: a stolen database does not yield live sessions. */
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  ip: string | null;
  user_agent: string | null;
}

export interface AuditTable {
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  region_path: string | null;
  ip: string | null;
  user_agent: string | null;
  details: string | null;
}

export interface ResponsibilityTable {
  id: string;
  region_id: string;
  region_path: string;
  person_name: string;
  post: string;
  phone: string | null;
  user_id: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

/** A household at an address (building + room); the registry issue extends it. */
export interface HouseholdTable {
  id: string;
  region_id: string;
  region_path: string;
  address: string;
  room: string | null;
  head_person_id: string | null;
  phone: string | null;
  vacant: Generated<number>;
  note: string | null;
  created_at: string;
  updated_at: string;
}

/** A person, registered once; one ID number is one person across the system. */
export interface PersonTable {
  id: string;
  household_id: string | null;
  region_id: string;
  region_path: string;
  name: string;
  sex: 'M' | 'F' | null;
  birth_date: string | null;
  id_type: string;
  id_number: string | null;
  phone: string | null;
  relation: string | null;
  search_key: string;
  nationality: string | null;
  status: Generated<'active' | 'merged'>;
  merged_into: string | null;
  away: Generated<number>;
  returnee_from: string | null;
  arrival_date: string | null;
  transport: string | null;
  transport_no: string | null;
  note: string | null;
  name_key: string | null;
  pinyin: string | null;
  initials: string | null;
  id_rev: string | null;
  phone_rev: string | null;
  created_at: string;
  updated_at: string;
}

export interface PersonTagTable {
  person_id: string;
  tag: string;
  region_path: string;
  source: string | null;
  created_at: string;
}

/** A merge of two records of one person, kept whole so it can be undone. */
export interface PersonMergeTable {
  id: string;
  kept_id: string;
  merged_id: string;
  region_path: string;
  snapshot: string;
  actor_id: string | null;
  at: string;
  undone_at: string | null;
}

export interface SettingTable {
  key: string;
  value: string;
}

export type RegionRow = Selectable<RegionTable>;
export type UserRow = Selectable<UserTable>;
export type NewRegion = Insertable<RegionTable>;

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
  // Keep planner statistics current (cheap: it only analyzes what changed a lot). Without them a
  // county-wide person search reads the whole jurisdiction range instead of the name index.
  sqlite.pragma('optimize = 0x10002');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
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
