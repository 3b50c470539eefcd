import type { Database } from './database';

/**
 * Every table whose rows belong to a region: each has `region_id` and `region_path` (a copy of the
 * region's path, so jurisdiction is a prefix range on the row itself). A region referenced here
 * holds data and cannot be deleted, only retired. Each later feature appends its tables.
 */
export const SCOPED_TABLES = [
  'users',
  'responsibilities',
  'households',
  'persons',
  'screening_round_regions',
  'screening_visits',
  'checkpoint_sites',
  'isolation_sites',
  'isolation_episodes',
  'seek_notices',
  'notices',
  'gatherings',
  'dispatches',
  'daily_reports',
  'callout_teams',
  'callouts',
  'party_organisations',
  'party_members',
  'volunteers',
  'volunteer_groups',
  'warehouses',
  'donors',
  'donations',
  'volunteer_signup_links',
  'compounds',
  'temp_branches',
  'volunteer_tasks',
  'party_reporting_links',
  'party_reports',
  'pledge_units',
  'pledges',
] as const satisfies readonly (keyof Database)[];

/**
 * Every table that carries a copy of a region path (with or without `region_id`): moving a region
 * re-paths all of them in the move's transaction. The audit log is deliberately absent: an entry
 * records where something was when it happened.
 */
export const PATH_COPY_TABLES = [
  ...SCOPED_TABLES,
  'person_tags',
  'person_merges',
  'screening_checks',
  'screening_household_status',
  'alerts',
  'screening_rounds',
  'duty_shifts',
  'duty_assignments',
  'passages',
  'passage_occupants',
  'isolation_rooms',
  'follow_up_slots',
  'necessity_requests',
  'zero_reports',
  'cases',
  'case_history',
  'contacts',
  'seek_found',
  'seek_reports',
  'zero_report_versions',
  'gathering_visits',
  'dispatch_items',
  'stock_balances',
  'donation_lines',
  'donation_receipts',
  'rollups',
  'volunteer_availability',
  'site_rollups',
  'daily_report_versions',
  'temp_branch_members',
  'callout_team_members',
  'volunteer_task_assignees',
  'volunteer_hours',
  'callout_orders',
  'callout_answers',
  'callout_outbox',
  'volunteer_group_members',
  'party_report_history',
  'isolation_site_staff',
] as const satisfies readonly (keyof Database)[];
