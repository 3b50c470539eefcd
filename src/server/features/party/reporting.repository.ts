import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/database';
import { insertMany, type BulkTarget } from '../../db/bulk-writes';
import { inScope, type Scope } from '../../access/scope';
import type { ReportingPost } from '../../../shared/reporting';
import { personTextMatch } from '../residents';
import type { PartyReportHistoryTable, PartyReportingLinkTable, PartyReportTable } from './reporting.table';

/** A community's poster link, with the community's name (display join). */
export async function findLinkBySlug(db: Db, slug: string) {
  return db
    .selectFrom('party_reporting_links as l')
    .innerJoin('regions as r', 'r.id', 'l.region_id')
    .select(['l.id', 'l.region_id', 'l.region_path', 'l.slug', 'r.name as community_name', 'r.level'])
    .where('l.slug', '=', slug)
    .executeTakeFirst();
}

export async function findLinkOfRegion(db: Db, regionId: string) {
  return db.selectFrom('party_reporting_links').selectAll().where('region_id', '=', regionId).executeTakeFirst();
}

export async function insertLink(db: Db, row: Insertable<PartyReportingLinkTable>): Promise<void> {
  await db
    .insertInto('party_reporting_links')
    .values(row)
    .onConflict((oc) => oc.column('region_id').doNothing())
    .execute();
}

/**
 * The party roll's entry for an ID number (a member not removed), with what reporting checks: the
 * registered name and phone (read-only display join on persons) and the branch's unit type.
 */
export async function findRollEntryByIdNumber(db: Db, idNumber: string) {
  return db
    .selectFrom('party_members as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .innerJoin('party_organisations as o', 'o.id', 'm.organisation_id')
    .select(['m.id as member_id', 'm.person_id', 'p.name', 'p.phone', 'o.unit_type', 'o.unit_name'])
    .where('p.id_number', '=', idNumber)
    .where('m.removed_at', 'is', null)
    .executeTakeFirst();
}

/** The roll entry of a member (not removed) by the member's id. */
export async function findRollEntryByMember(db: Db, memberId: string) {
  return db
    .selectFrom('party_members as m')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .innerJoin('party_organisations as o', 'o.id', 'm.organisation_id')
    .select(['m.id as member_id', 'm.person_id', 'p.name', 'p.phone', 'o.unit_type', 'o.unit_name'])
    .where('m.id', '=', memberId)
    .where('m.removed_at', 'is', null)
    .executeTakeFirst();
}

/** The members (not removed) of these persons, with their branch's unit type. */
export async function rollEntriesOfPersons(db: Db, personIds: readonly string[]) {
  if (!personIds.length) return [];
  return db
    .selectFrom('party_members as m')
    .innerJoin('party_organisations as o', 'o.id', 'm.organisation_id')
    .select(['m.id as member_id', 'm.person_id', 'o.unit_type', 'o.name as organisation_name'])
    .where('m.person_id', 'in', [...personIds])
    .where('m.removed_at', 'is', null)
    .execute();
}

export async function findReportOfMember(db: Db, memberId: string) {
  return db.selectFrom('party_reports').selectAll().where('member_id', '=', memberId).executeTakeFirst();
}

export async function insertReport(db: Db, row: Insertable<PartyReportTable>): Promise<void> {
  await db.insertInto('party_reports').values(row).execute();
}

export async function updateReport(db: Db, id: string, set: Updateable<PartyReportTable>): Promise<void> {
  await db.updateTable('party_reports').set(set).where('id', '=', id).execute();
}

export async function insertReportHistory(db: Db, row: Insertable<PartyReportHistoryTable>): Promise<void> {
  await db.insertInto('party_report_history').values(row).execute();
}

export async function reportHistory(db: Db, reportId: string) {
  return db.selectFrom('party_report_history').selectAll().where('report_id', '=', reportId).orderBy('id').execute();
}

/** Reports with the member's name, ID number, phone and branch, the community's and the site's names (display joins). */
function selectReports(db: Db) {
  return db
    .selectFrom('party_reports as r')
    .innerJoin('persons', 'persons.id', 'r.person_id')
    .innerJoin('party_members as m', 'm.id', 'r.member_id')
    .innerJoin('party_organisations as o', 'o.id', 'm.organisation_id')
    .innerJoin('regions as c', 'c.id', 'r.region_id')
    .leftJoin('checkpoint_sites as s', 's.id', 'r.site_id')
    .selectAll('r')
    .select([
      'persons.name as name',
      'persons.id_number as id_number',
      'persons.phone as phone',
      'o.name as organisation_name',
      'o.unit_name as unit_name',
      'c.name as community_name',
      's.name as site_name',
    ]);
}
export type PartyReportRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectReports>['executeTakeFirst']>>>;

export async function findReportInScope(db: Db, scope: Scope, id: string): Promise<PartyReportRow | undefined> {
  return inScope(selectReports(db).where('r.id', '=', id), 'r.region_path', scope).executeTakeFirst();
}

export interface PartyReportFilter {
  regionPath?: string;
  post?: ReportingPost;
  state?: 'unassigned' | 'assigned' | 'on_post';
  q?: string;
  after?: string;
  limit: number;
}

/** A page of the jurisdiction's reports in id order (one row more than `limit`: there is a next page). */
export async function listReportsInScope(db: Db, scope: Scope, f: PartyReportFilter): Promise<PartyReportRow[]> {
  let qb = inScope(selectReports(db), 'r.region_path', scope);
  if (f.regionPath) qb = inScope(qb, 'r.region_path', { prefix: f.regionPath });
  return qb
    .$if(f.post !== undefined, (b) => b.where('r.post', '=', f.post!))
    .$if(f.state === 'unassigned', (b) => b.where('r.post', 'is', null))
    .$if(f.state === 'assigned', (b) => b.where('r.post', 'is not', null).where('r.on_post_at', 'is', null))
    .$if(f.state === 'on_post', (b) => b.where('r.on_post_at', 'is not', null))
    .$if(!!f.q, (b) => b.where((eb) => personTextMatch(eb, f.q!)))
    .$if(f.after !== undefined, (b) => b.where('r.id', '>', f.after!))
    .orderBy('r.id')
    .limit(f.limit + 1)
    .execute();
}

/**
 * Per unit (the branch's unit name), members of unit branches — not village or community ones —
 * whose branch is in the jurisdiction, how many reported and how many are 已到岗.
 */
export async function unitReportingCounts(db: Db, scope: Scope) {
  const rows = await inScope(
    db
      .selectFrom('party_members as m')
      .innerJoin('party_organisations as o', 'o.id', 'm.organisation_id')
      .leftJoin('party_reports as r', 'r.member_id', 'm.id')
      .select((eb) => [
        'o.unit_name as unit_name',
        eb.fn.count<number>('m.id').as('members'),
        eb.fn.count<number>('r.id').as('reported'),
        eb.fn.count<number>('r.on_post_at').as('on_post'),
      ])
      .where('m.removed_at', 'is', null)
      .where('o.unit_type', 'not in', ['village', 'community'])
      .groupBy('o.unit_name'),
    'm.region_path',
    scope,
  ).execute();
  return rows.map((r) => ({
    unitName: r.unit_name,
    members: Number(r.members),
    reported: Number(r.reported),
    onPost: Number(r.on_post),
  }));
}

/** Per community of the jurisdiction: reports, those with a post, those 已到岗 (with the community's name). */
export async function communityReportingCounts(db: Db, scope: Scope) {
  const rows = await inScope(
    db
      .selectFrom('party_reports as r')
      .innerJoin('regions as c', 'c.id', 'r.region_id')
      .select((eb) => [
        'r.region_id as region_id',
        'c.name as name',
        'c.path as path',
        eb.fn.count<number>('r.id').as('reported'),
        eb.fn.count<number>('r.post').as('assigned'),
        eb.fn.count<number>('r.on_post_at').as('on_post'),
      ])
      .groupBy(['r.region_id', 'c.name', 'c.path']),
    'r.region_path',
    scope,
  )
    .orderBy('c.path')
    .execute();
  return rows.map((r) => ({
    regionId: r.region_id,
    name: r.name,
    path: r.path,
    reported: Number(r.reported),
    assigned: Number(r.assigned),
    onPost: Number(r.on_post),
  }));
}

/** Per community path: reports in all, reported since `since`, with a post, 已到岗 (for the township figures). */
export async function reportCountsByPath(db: Db, scope: Scope, since: string) {
  const rows = await inScope(
    db
      .selectFrom('party_reports as r')
      .select((eb) => [
        'r.region_path as region_path',
        eb.fn.count<number>('r.id').as('reported'),
        eb.fn.count<number>('r.post').as('assigned'),
        eb.fn.count<number>('r.on_post_at').as('on_post'),
        eb.fn.sum<number>(eb.case().when('r.reported_at', '>=', since).then(1).else(0).end()).as('reported_since'),
      ])
      .groupBy('r.region_path'),
    'r.region_path',
    scope,
  ).execute();
  return rows.map((r) => ({
    regionPath: r.region_path,
    reported: Number(r.reported),
    assigned: Number(r.assigned),
    onPost: Number(r.on_post),
    reportedSince: Number(r.reported_since ?? 0),
  }));
}

/** Unit-branch members per branch path (their organisation's region), for the township figures. */
export async function unitMemberCountsByPath(db: Db, scope: Scope) {
  const rows = await inScope(
    db
      .selectFrom('party_members as m')
      .innerJoin('party_organisations as o', 'o.id', 'm.organisation_id')
      .leftJoin('party_reports as r', 'r.member_id', 'm.id')
      .select((eb) => [
        'm.region_path as region_path',
        eb.fn.count<number>('m.id').as('members'),
        eb.fn.count<number>('r.id').as('reported'),
      ])
      .where('m.removed_at', 'is', null)
      .where('o.unit_type', 'not in', ['village', 'community'])
      .groupBy('m.region_path'),
    'm.region_path',
    scope,
  ).execute();
  return rows.map((r) => ({ regionPath: r.region_path, members: Number(r.members), reported: Number(r.reported) }));
}

/**
 * Members of unit branches (not removed), in id order, with where they live (the registry person's
 * path, a read-only join), their unit and its branch's region, and their report if any — for the demo.
 */
export async function unitMembersForDemo(db: Db, limit: number) {
  return db
    .selectFrom('party_members as m')
    .innerJoin('party_organisations as o', 'o.id', 'm.organisation_id')
    .innerJoin('persons as p', 'p.id', 'm.person_id')
    .leftJoin('party_reports as r', 'r.member_id', 'm.id')
    .select([
      'm.id as member_id',
      'm.person_id',
      'p.region_path as home_path',
      'o.unit_name',
      'o.region_id as unit_region_id',
      'o.region_path as unit_region_path',
      'r.id as report_id',
      'r.post as report_post',
    ])
    .where('m.removed_at', 'is', null)
    .where('o.unit_type', 'not in', ['village', 'community'])
    .orderBy('m.id')
    .limit(limit)
    .execute();
}

/** Many reports, their history rows and poster links at once, through the one bulk writer (the demo). */
export async function insertReportingRows(
  to: BulkTarget,
  rows: {
    links: readonly Insertable<PartyReportingLinkTable>[];
    reports: readonly Insertable<PartyReportTable>[];
    history: readonly Insertable<PartyReportHistoryTable>[];
  },
): Promise<void> {
  await insertMany(to, 'party_reporting_links', rows.links);
  await insertMany(to, 'party_reports', rows.reports);
  await insertMany(to, 'party_report_history', rows.history);
}

/** Poster links that exist, by community region id (the demo adds the missing ones). */
export async function linkedRegionIds(db: Db): Promise<Set<string>> {
  return new Set((await db.selectFrom('party_reporting_links').select('region_id').execute()).map((r) => r.region_id));
}
