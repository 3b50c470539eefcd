import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/database';
import { inScope, type Scope } from '../../access/scope';
import type { IsolationSiteStaffTable } from './site-staff.table';

/** Staff rows with the person's name and phone (display columns read from persons) and whether they are on party's roll. */
function selectStaff(db: Db) {
  return db
    .selectFrom('isolation_site_staff as s')
    .innerJoin('persons as p', 'p.id', 's.person_id')
    .selectAll('s')
    .select(['p.name as person_name', 'p.phone as person_phone'])
    .select((eb) =>
      eb
        .selectFrom('party_members as m')
        .select('m.id')
        .whereRef('m.person_id', '=', 's.person_id')
        .where('m.removed_at', 'is', null)
        .limit(1)
        .as('party_member_id'),
    );
}
export type IsolationStaffRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectStaff>['executeTakeFirst']>>>;

/** A site's roster by first day; with `fromDay`, only the periods not ended before that day. */
export async function findStaffOfSite(db: Db, siteId: string, fromDay?: string): Promise<IsolationStaffRow[]> {
  return selectStaff(db)
    .where('s.site_id', '=', siteId)
    .$if(fromDay !== undefined, (q) =>
      q.where((eb) => eb.or([eb('s.to_day', 'is', null), eb('s.to_day', '>=', fromDay!)])),
    )
    .orderBy('s.from_day')
    .orderBy('s.id')
    .limit(2000)
    .execute();
}

export async function findStaffInScope(db: Db, scope: Scope, id: string): Promise<IsolationStaffRow | undefined> {
  return inScope(selectStaff(db).where('s.id', '=', id), 's.region_path', scope).executeTakeFirst();
}

/** The person's periods at the site that are still open on or after `day` (one person, one open period a site). */
export async function findOpenPeriod(db: Db, siteId: string, personId: string, day: string) {
  return db
    .selectFrom('isolation_site_staff')
    .select(['id', 'from_day', 'to_day'])
    .where('site_id', '=', siteId)
    .where('person_id', '=', personId)
    .where((eb) => eb.or([eb('to_day', 'is', null), eb('to_day', '>=', day)]))
    .executeTakeFirst();
}

export async function insertStaff(db: Db, rows: readonly Insertable<IsolationSiteStaffTable>[]): Promise<void> {
  // 12 columns a row: 200 rows a statement stays under both engines' bound-parameter limits
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('isolation_site_staff')
      .values(rows.slice(i, i + 200))
      .execute();
  }
}

export async function updateStaff(db: Db, id: string, set: Updateable<IsolationSiteStaffTable>): Promise<void> {
  await db.updateTable('isolation_site_staff').set(set).where('id', '=', id).execute();
}

/** A site's roster follows it when it moves to another region. */
export async function repathStaffOfSite(db: Db, siteId: string, regionPath: string): Promise<void> {
  await db.updateTable('isolation_site_staff').set({ region_path: regionPath }).where('site_id', '=', siteId).execute();
}

/**
 * Who is on the staff rosters of the jurisdiction's open isolation sites on some day of
 * [fromDay, toDay]: one row per site and person (the site's name a display column). What other
 * features read of the rosters (who is on duty where).
 */
export async function staffOnOpenSites(db: Db, scope: Scope, fromDay: string, toDay: string) {
  return inScope(
    db
      .selectFrom('isolation_site_staff as s')
      .innerJoin('isolation_sites as site', 'site.id', 's.site_id')
      .select(['s.site_id', 'site.name as site_name', 'site.region_path', 's.person_id'])
      .select((eb) =>
        eb
          .selectFrom('party_members as m')
          .select('m.id')
          .whereRef('m.person_id', '=', 's.person_id')
          .where('m.removed_at', 'is', null)
          .limit(1)
          .as('party_member_id'),
      )
      .where('s.from_day', '<=', toDay)
      .where((eb) => eb.or([eb('s.to_day', 'is', null), eb('s.to_day', '>=', fromDay)]))
      .where('site.status', '=', 'active')
      .groupBy(['s.site_id', 'site.name', 'site.region_path', 's.person_id']),
    's.region_path',
    scope,
  ).execute();
}
