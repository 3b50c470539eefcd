import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, SqliteDialect, type Generated, type Selectable, type Insertable } from 'kysely';
import pg from 'pg';
import type { Locale, RegionLevel, RegionStatus, Role, UserStatus } from '../../shared/enums';
import { withStatementCache } from './statement-cache';
import type { Metric } from '../../shared/rollups';

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
  rollup_state: RollupStateTable;
  daily_reports: DailyReportTable;
  daily_report_versions: DailyReportVersionTable;
}

/** One region node's figures (shared/rollups.ts) on one local day; depth is the node's depth in the tree. */
export type RollupTable = { region_path: string; day: string; depth: number; updated_at: string } & Record<Metric, number>;

/** One checkpoint site's flows on one local day. */
export interface SiteRollupTable {
  site_id: string;
  day: string;
  region_path: string;
  passages: number;
  people: number;
  fevers: number;
  turned_back: number;
  referred: number;
  updated_at: string;
}

/** The roll-up refresher's lease, the version the live stream watches, and when stocks were last recounted. */
export interface RollupStateTable {
  key: string;
  value: string;
  updated_at: string;
}

/** A suspected, confirmed or asymptomatic case (病例), one per person, with its history in case_history. */
export interface CaseTable {
  id: string;
  person_id: string;
  region_path: string;
  classification: 'suspected' | 'confirmed' | 'asymptomatic' | 'excluded';
  outcome: 'under_treatment' | 'cured' | 'deceased';
  onset_date: string | null;
  report_date: string;
  treated_at: string | null;
  note: string | null;
  /** the case whose contact this person was, when they became a case (second generation) */
  source_case_id: string | null;
  generation: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface CaseHistoryTable {
  id: string;
  case_id: string;
  region_path: string;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  /** JSON: { field: { from, to } } */
  changes: string;
}

/** A tracer's decision on a person as a contact of a case. */
export interface ContactTable {
  id: string;
  case_id: string;
  person_id: string;
  region_path: string;
  exposure_type: string;
  exposure_date: string | null;
  closeness: 'close' | 'casual';
  decision: 'accepted' | 'rejected';
  source_type: string | null;
  source_id: string | null;
  note: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** 寻人通告: find everyone who was in a vehicle or a place in a time window. */
export interface SeekNoticeTable {
  id: string;
  slug: string;
  title: string;
  body: string;
  hotline: string;
  region_id: string;
  region_path: string;
  kind: 'vehicle' | 'place';
  plate: string | null;
  site_id: string | null;
  place: string | null;
  window_from: string;
  window_to: string;
  expected: number | null;
  case_id: string | null;
  status: 'draft' | 'published' | 'closed';
  created_by: string | null;
  created_at: string;
  published_at: string | null;
  closed_at: string | null;
}

export interface SeekFoundTable {
  id: string;
  notice_id: string;
  person_id: string;
  region_path: string;
  source: 'data' | 'self_report' | 'manual';
  source_id: string | null;
  confirmed: number;
  confirmed_by: string | null;
  created_at: string;
}

/** "I was there", sent by a member of the public through a notice's public page. */
export interface SeekReportTable {
  id: string;
  notice_id: string;
  region_path: string;
  name: string;
  phone: string;
  id_number: string | null;
  where_now: string;
  seat: string | null;
  status: 'pending' | 'confirmed' | 'rejected';
  match_person_id: string | null;
  match_by: 'id_number' | 'phone' | 'tracer' | null;
  /** a hash of the sender's address, for rate limits and abuse review — never the address itself */
  client_hash: string;
  created_at: string;
  updated_at: string;
}

/**
 * 通知 / 通告: an internal notice to the users of a region subtree (and some roles), or a public
 * announcement with a no-login page. region_path is whom it reaches and who may manage it.
 */
export interface NoticeTable {
  id: string;
  kind: 'internal' | 'public';
  title: string;
  body: string;
  urgency: 'routine' | 'urgent' | 'immediate';
  region_id: string;
  region_path: string;
  /** JSON array of roles it is addressed to; [] is every role */
  audience_roles: string;
  state: 'draft' | 'published' | 'withdrawn';
  /** the public page's address (public announcements only) */
  slug: string | null;
  created_by: string | null;
  author_name: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
  withdrawn_at: string | null;
}

/**
 * 一日两调度: the morning or evening dispatch sheet of a jurisdiction (region_path; region_id is null
 * for a global admin), drawn from what changed since `since` (the previous sheet, or 24 h before).
 */
export interface DispatchTable {
  id: string;
  region_id: string | null;
  region_path: string;
  slot: 'morning' | 'evening';
  /** local day, YYYY-MM-DD */
  day: string;
  since: string;
  drawn_at: string;
  drawn_by: string | null;
  drawn_by_name: string | null;
  note: string | null;
}

/** One line of a dispatch sheet: a thing to act on, where it is, who does it by when, and whether it is done. */
export interface DispatchItemTable {
  id: string;
  dispatch_id: string;
  region_path: string;
  kind: 'new_case' | 'new_fever' | 'missed_follow_up' | 'zero_report_missing' | 'roster_gap' | 'open_notice';
  source_type: string;
  source_id: string;
  title: string;
  assignee_user_id: string | null;
  assignee_name: string | null;
  due_at: string | null;
  status: 'open' | 'done';
  done_at: string | null;
  done_by: string | null;
  done_note: string | null;
  updated_at: string;
}

/** A read receipt: an addressee opened the notice. */
export interface NoticeReadTable {
  notice_id: string;
  user_id: string;
  read_at: string;
}

/** A wedding, funeral, banquet, market … registered by its village, and what became of it. */
export interface GatheringTable {
  id: string;
  region_id: string;
  region_path: string;
  occasion: 'wedding' | 'funeral' | 'banquet' | 'birthday' | 'market' | 'temple_fair' | 'other';
  host_name: string;
  host_phone: string | null;
  /** local day, YYYY-MM-DD */
  date: string;
  place: string | null;
  expected_guests: number;
  status: 'planned' | 'cancelled' | 'postponed' | 'scaled_down' | 'held';
  new_date: string | null;
  actual_guests: number | null;
  outcome_note: string | null;
  outcome_at: string | null;
  outcome_by: string | null;
  note: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A persuasion visit (劝导) to a gathering's host. */
export interface GatheringVisitTable {
  id: string;
  gathering_id: string;
  region_path: string;
  visited_at: string;
  visitor_id: string | null;
  visitor_name: string | null;
  present: string | null;
  result: string;
  agreed: number;
  created_at: string;
}

/** A centralised isolation site (集中隔离点: a hotel or similar) with rooms. */
export interface IsolationSiteTable {
  id: string;
  name: string;
  region_id: string;
  region_path: string;
  address: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  status: 'active' | 'closed';
  created_at: string;
  updated_at: string;
}

export interface IsolationRoomTable {
  id: string;
  site_id: string;
  region_path: string;
  label: string;
  capacity: number;
  status: 'available' | 'closed';
  created_at: string;
}

/** One person's isolation (home, centralised room, hospital) under one observer. */
export interface IsolationEpisodeTable {
  id: string;
  person_id: string;
  household_id: string | null;
  region_id: string;
  region_path: string;
  kind: 'home' | 'centralised' | 'hospital';
  site_id: string | null;
  room_id: string | null;
  reason: string;
  reason_detail: string | null;
  source_type: string | null;
  source_id: string | null;
  /** local days, YYYY-MM-DD; the episode runs start_day … planned_end_day inclusive */
  start_day: string;
  planned_end_day: string;
  slots_per_day: number;
  observer_id: string | null;
  status: 'active' | 'completed' | 'hospital' | 'lost' | 'ended_early';
  ended_at: string | null;
  end_reason: string | null;
  /** the self-report link's secret; it stops working when the episode ends */
  token: string;
  certificate_serial: string | null;
  certificate_code: string | null;
  certificate_issued_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** One due temperature check of an episode (morning, evening …). */
export interface FollowUpSlotTable {
  id: string;
  episode_id: string;
  person_id: string;
  region_path: string;
  observer_id: string | null;
  day: string;
  seq: number;
  due_from: string;
  due_to: string;
  status: 'pending' | 'filled' | 'missed' | 'cancelled';
  temperature: number | null;
  /** JSON array of symptom codes */
  symptoms: string | null;
  condition: 'well' | 'unwell' | 'not_seen' | 'refused' | null;
  note: string | null;
  via: 'observer' | 'self' | null;
  filled_by: string | null;
  filled_at: string | null;
  missed_at: string | null;
  /** 1 while the episode is active, 0 once it has ended */
  episode_open: Generated<number>;
}

/** Food, medicine, gas … asked for by an isolated household (隔离不隔心). */
export interface NecessityRequestTable {
  id: string;
  episode_id: string;
  person_id: string;
  household_id: string | null;
  region_path: string;
  kind: 'food' | 'medicine' | 'gas' | 'other';
  detail: string | null;
  status: 'open' | 'assigned' | 'fulfilled' | 'cancelled';
  via: 'observer' | 'self';
  requested_at: string;
  assignee_name: string | null;
  assignee_user_id: string | null;
  assigned_at: string | null;
  fulfilled_at: string | null;
  note: string | null;
  created_by: string | null;
}

/** A unit's daily zero report (零报告) for one local day; figures are JSON. */
export interface ZeroReportTable {
  id: string;
  unit_type: 'village' | 'checkpoint_site' | 'isolation_site';
  unit_id: string;
  region_path: string;
  day: string;
  /** JSON: the figures as submitted */
  figures: string;
  /** JSON: the figures Qunfang computed when the unit submitted */
  computed: string;
  /** JSON: [{ field, computed, value, reason }] */
  corrections: string | null;
  remarks: string | null;
  on_time: number;
  version: number;
  submitted_by: string | null;
  submitted_at: string;
}

/** Each submitted version of a zero report; the current one is also in zero_reports. */
export interface ZeroReportVersionTable {
  id: string;
  report_id: string;
  version: number;
  region_path: string;
  figures: string;
  computed: string;
  corrections: string | null;
  remarks: string | null;
  submitted_by: string | null;
  submitted_at: string;
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
  /** a file-level refusal as JSON { code, row, column } (migration 0015) */
  error: string | null;
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
  /** no temperature for a person present: 'refused' (拒测) or 'not_measured' (未测量), with a note */
  temperature_missing: 'refused' | 'not_measured' | null;
  temperature_note: string | null;
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
  /** the referral this alert announces (a checkpoint fever sent to the clinic is one alert) */
  referral_id: string | null;
}

/** 转诊: a person sent to a fever clinic or hospital, and what the clinic found. */
export interface ReferralTable {
  id: string;
  person_id: string | null;
  person_name: string;
  region_path: string;
  source_type: 'passage' | 'screening_visit' | 'follow_up' | 'manual';
  source_id: string | null;
  reason: string;
  facility: string | null;
  referred_at: string;
  referred_by: string | null;
  outcome: 'excluded' | 'suspected' | 'confirmed' | null;
  outcome_at: string | null;
  outcome_note: string | null;
  outcome_by: string | null;
  case_id: string | null;
  created_at: string;
  updated_at: string;
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
  /** superseded by login_throttle (0017): kept for old rows, cleared on a successful login or an unlock */
  failed_logins: number;
  locked_until: string | null;
  /** 1 when someone else chose the password (a reset, a new account): the next login must change it. */
  must_change_password?: number;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * Failed-login counters (auth/login-throttle.ts), in the database so every server process sees
 * them. key: `address:<ip>`, `account:<username>` or `pair:<username>|<ip>`; the username as
 * typed, known or not, so an unknown name is throttled exactly like a real one.
 */
export interface LoginThrottleTable {
  key: string;
  kind: 'address' | 'account' | 'pair';
  username: string | null;
  address: string | null;
  /** failures since window_start (reset when the window has passed or a lock was applied) */
  failures: number;
  window_start: string;
  /** locks applied since the window began: each doubles the next one (pairs only) */
  locks: number;
  locked_until: string | null;
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

/**
 * 迁入申请: move a person registered elsewhere into `to_region_id` (and household). `registration`
 * is the requester's registration (JSON, PersonInput without the ID number), applied on acceptance.
 */
export interface PersonTransferTable {
  id: string;
  person_id: string;
  from_region_id: string;
  to_region_id: string;
  to_household_id: string | null;
  registration: string;
  reason: string | null;
  status: Generated<'pending' | 'accepted' | 'refused' | 'withdrawn' | 'expired'>;
  requested_by: string;
  requested_by_name: string;
  requested_at: string;
  expires_at: string;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: string | null;
  decision_note: string | null;
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

/** What a daily report holds (JSON figures, corrections, children; the three texts), as it stands and in each version. */
export interface DailyReportContent {
  figures: string;
  computed: string;
  corrections: string;
  children: string | null;
  assessment: string | null;
  problems: string | null;
  requests: string | null;
  missing_note: string | null;
}

/**
 * One administrative unit's daily report (一日一汇报) of a local day, in its current state.
 * JSON columns: figures/computed are Figures (shared/rollups.ts); corrections is
 * { metric: { from, to, reason } }; children (township and up) is DailyReportChildren.
 */
export interface DailyReportTable extends DailyReportContent {
  id: string;
  region_id: string;
  region_path: string;
  level: RegionLevel;
  /** local day, YYYY-MM-DD */
  day: string;
  status: 'draft' | 'submitted' | 'reviewed' | 'returned';
  /** how many times submitted */
  version: number;
  /** how many states saved (the last daily_report_versions.seq) */
  revision: number;
  computed_at: string;
  created_by: string | null;
  created_at: string;
  submitted_by: string | null;
  submitted_by_name: string | null;
  /** 代填: the name of the unit above whose cadre submitted the report for the unit; null when the unit did (0013) */
  submitted_proxy_unit: string | null;
  submitted_at: string | null;
  reviewed_by: string | null;
  reviewed_by_name: string | null;
  reviewed_at: string | null;
  review_note: string | null;
  updated_at: string;
}

/** Every saved state of a daily report: what it held, the action that made it, who, when, and what changed. */
export interface DailyReportVersionTable extends DailyReportContent {
  id: string;
  report_id: string;
  region_path: string;
  seq: number;
  version: number;
  action: 'draft' | 'refresh' | 'save' | 'submit' | 'review' | 'return';
  status: DailyReportTable['status'];
  note: string | null;
  /** JSON: [{ field, from, to }] */
  changes: string;
  actor_id: string | null;
  actor_name: string | null;
  /** 代填: the name of the unit above whose cadre made this state for the report's unit; null when the unit did (0013) */
  proxy_unit: string | null;
  at: string;
}
