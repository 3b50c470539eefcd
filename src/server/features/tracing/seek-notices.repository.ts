import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '../../db/database';
import { inScope, type Scope } from '../../access/scope';
import type { SeekFoundTable, SeekNoticeTable, SeekReportTable } from './seek-notices.table';

/** Seek notices with their region's name and their counts: found, confirmed, public reports, reports awaiting a tracer. */
function selectSeekNotices(db: Db) {
  return db
    .selectFrom('seek_notices')
    .leftJoin('regions', 'regions.id', 'seek_notices.region_id')
    .selectAll('seek_notices')
    .select('regions.name as region_name')
    .select((eb) => [
      eb
        .selectFrom('seek_found')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('seek_found.notice_id', '=', 'seek_notices.id')
        .as('found'),
      eb
        .selectFrom('seek_found')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('seek_found.notice_id', '=', 'seek_notices.id')
        .where('seek_found.confirmed', '=', 1)
        .as('confirmed'),
      eb
        .selectFrom('seek_reports')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('seek_reports.notice_id', '=', 'seek_notices.id')
        .as('reports'),
      eb
        .selectFrom('seek_reports')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('seek_reports.notice_id', '=', 'seek_notices.id')
        .where('seek_reports.status', '=', 'pending')
        .as('pending_reports'),
    ]);
}
export type SeekNoticeRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectSeekNotices>['executeTakeFirst']>>>;

export async function findSeekNoticeInScope(db: Db, scope: Scope, id: string): Promise<SeekNoticeRow | undefined> {
  return inScope(
    selectSeekNotices(db).where('seek_notices.id', '=', id),
    'seek_notices.region_path',
    scope,
  ).executeTakeFirst();
}

/** Seek notices in scope, newest first, of one status or all; at most 500. */
export async function listSeekNoticesInScope(db: Db, scope: Scope, status?: SeekNoticeTable['status']) {
  return inScope(selectSeekNotices(db), 'seek_notices.region_path', scope)
    .$if(status !== undefined, (q) => q.where('seek_notices.status', '=', status!))
    .orderBy('seek_notices.id', 'desc')
    .limit(500)
    .execute();
}

/** The notice behind a public page, whatever its status, with its region's name. */
export async function findSeekNoticeBySlug(db: Db, slug: string) {
  return db
    .selectFrom('seek_notices')
    .leftJoin('regions', 'regions.id', 'seek_notices.region_id')
    .selectAll('seek_notices')
    .select('regions.name as region_name')
    .where('seek_notices.slug', '=', slug)
    .executeTakeFirst();
}

/** A case's notices still open (draft or published). */
export async function listOpenSeekNoticesOfCase(db: Db, caseId: string) {
  return db
    .selectFrom('seek_notices')
    .select(['id', 'plate', 'site_id', 'window_from', 'window_to', 'case_id'])
    .where('case_id', '=', caseId)
    .where('status', '!=', 'closed')
    .execute();
}

export async function insertSeekNotice(db: Db, row: Insertable<SeekNoticeTable>): Promise<void> {
  await db.insertInto('seek_notices').values(row).execute();
}

export async function updateSeekNotice(db: Db, id: string, set: Updateable<SeekNoticeTable>): Promise<void> {
  await db.updateTable('seek_notices').set(set).where('id', '=', id).execute();
}

/** What a notice is looking for: a plate, or a checkpoint site, in a time window. */
export type SeekNoticeTarget = {
  id: string;
  plate: string | null;
  site_id: string | null;
  window_from: string;
  window_to: string;
  case_id: string | null;
};

/** The passages a notice is about (a read of checkpoints' table): the plate's, or else the checkpoint's, within the window. */
function passagesOfTarget(db: Db, target: SeekNoticeTarget) {
  const q = db
    .selectFrom('passages as p')
    .where('p.at', '>=', target.window_from)
    .where('p.at', '<=', target.window_to);
  return target.plate ? q.where('p.plate', '=', target.plate) : q.where('p.site_id', '=', target.site_id!);
}

/** The registered occupants of a notice's passages, with where each person is registered (reads of checkpoints' and residents' tables). */
export async function registeredOccupantsOf(db: Db, target: SeekNoticeTarget) {
  return passagesOfTarget(db, target)
    .innerJoin('passage_occupants as o', 'o.passage_id', 'p.id')
    .innerJoin('persons', 'persons.id', 'o.person_id')
    .select(['o.person_id', 'p.id as passage_id', 'persons.region_path'])
    .execute();
}

/** Occupants of a notice's passages recorded by name only, in scope, in the order they passed; at most 500 (reads of checkpoints' tables). */
export async function unregisteredOccupantsOf(db: Db, scope: Scope, target: SeekNoticeTarget) {
  return inScope(
    passagesOfTarget(db, target)
      .innerJoin('passage_occupants as o', 'o.passage_id', 'p.id')
      .innerJoin('checkpoint_sites as s', 's.id', 'p.site_id')
      .select(['o.passage_id', 'o.seq', 'o.name', 'o.phone', 'p.at', 's.name as site_name'])
      .where('o.person_id', 'is', null),
    'o.region_path',
    scope,
  )
    .orderBy('p.at')
    .orderBy('o.seq')
    .limit(500)
    .execute();
}

/** Who is on a notice's found list already. */
export async function foundPersonIdsOf(db: Db, noticeId: string): Promise<string[]> {
  return (await db.selectFrom('seek_found').select('person_id').where('notice_id', '=', noticeId).execute()).map(
    (r) => r.person_id,
  );
}

export async function findFoundId(db: Db, noticeId: string, personId: string): Promise<string | undefined> {
  return (
    await db
      .selectFrom('seek_found')
      .select('id')
      .where('notice_id', '=', noticeId)
      .where('person_id', '=', personId)
      .executeTakeFirst()
  )?.id;
}

export async function insertSeekFound(db: Db, row: Insertable<SeekFoundTable>): Promise<void> {
  await db.insertInto('seek_found').values(row).execute();
}

export async function confirmSeekFound(db: Db, id: string, confirmedBy: string): Promise<void> {
  await db.updateTable('seek_found').set({ confirmed: 1, confirmed_by: confirmedBy }).where('id', '=', id).execute();
}

/** A notice's found list in the order found, with each person's name, numbers and region path (a read-only join of persons). */
export async function listFoundOf(db: Db, noticeId: string) {
  return db
    .selectFrom('seek_found')
    .innerJoin('persons', 'persons.id', 'seek_found.person_id')
    .select([
      'seek_found.id',
      'seek_found.person_id',
      'seek_found.source',
      'seek_found.confirmed',
      'seek_found.created_at',
      'persons.name',
      'persons.id_number',
      'persons.phone',
      'persons.region_path',
    ])
    .where('seek_found.notice_id', '=', noticeId)
    .orderBy('seek_found.created_at')
    .orderBy('seek_found.id')
    .execute();
}

/** A notice's public reports, oldest first, with the matched person's name (a read-only join of persons). */
export async function listReportsOf(db: Db, noticeId: string) {
  return db
    .selectFrom('seek_reports')
    .leftJoin('persons', 'persons.id', 'seek_reports.match_person_id')
    .selectAll('seek_reports')
    .select('persons.name as match_name')
    .where('seek_reports.notice_id', '=', noticeId)
    .orderBy('seek_reports.created_at')
    .execute();
}

/** The report already sent to a notice from this phone, if any. */
export async function findReportByPhone(db: Db, noticeId: string, phone: string) {
  return db
    .selectFrom('seek_reports')
    .select(['id', 'status', 'id_number', 'seat'])
    .where('notice_id', '=', noticeId)
    .where('phone', '=', phone)
    .executeTakeFirst();
}

export async function findReportOfNotice(db: Db, noticeId: string, reportId: string) {
  return db
    .selectFrom('seek_reports')
    .selectAll()
    .where('id', '=', reportId)
    .where('notice_id', '=', noticeId)
    .executeTakeFirst();
}

export async function insertSeekReport(db: Db, row: Insertable<SeekReportTable>): Promise<void> {
  await db.insertInto('seek_reports').values(row).execute();
}

export async function updateSeekReport(db: Db, id: string, set: Updateable<SeekReportTable>): Promise<void> {
  await db.updateTable('seek_reports').set(set).where('id', '=', id).execute();
}

/*
 * Matching a public report to the registry: reads of residents' persons by the indexes the
 * registry keeps (ID number; reversed phone and name key), active persons only.
 */

export async function findActivePersonIdByIdNumber(db: Db, idNumber: string): Promise<string | undefined> {
  return (
    await db
      .selectFrom('persons')
      .select('id')
      .where('id_number', '=', idNumber)
      .where('status', '=', 'active')
      .executeTakeFirst()
  )?.id;
}

/** One active person with this phone (reversed, as indexed) and name key; one registered by ID number first. */
export async function findActivePersonIdByPhoneAndName(
  db: Db,
  phoneRev: string,
  nameKey: string,
): Promise<string | undefined> {
  return (
    await db
      .selectFrom('persons')
      .select('id')
      .where('phone_rev', '=', phoneRev)
      .where('name_key', '=', nameKey)
      .where('status', '=', 'active')
      .orderBy(sql`id_number is null`)
      .orderBy('id')
      .limit(1)
      .executeTakeFirst()
  )?.id;
}

/** Where a person is registered (any status, any jurisdiction): the found list keeps the path for scope. */
export async function findPersonRegionPath(db: Db, personId: string): Promise<string | undefined> {
  return (await db.selectFrom('persons').select('region_path').where('id', '=', personId).executeTakeFirst())
    ?.region_path;
}
