import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/database';
import { inScope, type Scope } from '../../access/scope';
import type { EpisodeQuery } from '../../../shared/isolation';
import { personTextMatch } from '../residents';
import type { IsolationEpisodeTable } from './episodes.table';

/**
 * Episodes with what the lists show beside them: the person (name, sex, birth date, ID, phone),
 * the household's address, the region's, site's and room's names and the observer's name —
 * display columns read from residents, regions and users.
 */
function selectEpisodes(db: Db) {
  return db
    .selectFrom('isolation_episodes')
    .innerJoin('persons', 'persons.id', 'isolation_episodes.person_id')
    .leftJoin('households', 'households.id', 'isolation_episodes.household_id')
    .leftJoin('regions', 'regions.id', 'isolation_episodes.region_id')
    .leftJoin('isolation_sites', 'isolation_sites.id', 'isolation_episodes.site_id')
    .leftJoin('isolation_rooms', 'isolation_rooms.id', 'isolation_episodes.room_id')
    .leftJoin('users as observer', 'observer.id', 'isolation_episodes.observer_id')
    .selectAll('isolation_episodes')
    .select([
      'persons.name as person_name',
      'persons.sex',
      'persons.birth_date',
      'persons.id_number',
      'persons.phone',
      'households.address',
      'regions.name as region_name',
      'isolation_sites.name as site_name',
      'isolation_rooms.label as room_label',
      'observer.display_name as observer_name',
    ]);
}
export type EpisodeRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectEpisodes>['executeTakeFirst']>>>;

export async function findEpisodeInScope(db: Db, scope: Scope, id: string): Promise<EpisodeRow | undefined> {
  return inScope(
    selectEpisodes(db).where('isolation_episodes.id', '=', id),
    'isolation_episodes.region_path',
    scope,
  ).executeTakeFirst();
}

export type EpisodeFilter = Omit<EpisodeQuery, 'regionId' | 'cursor'> & {
  /** only episodes in this subtree (a region filter already checked to be in scope) */
  regionPath?: string;
  /** keyset cursor: only episodes with a smaller id */
  before?: string;
};

/** Episodes in scope, newest first, one more than `limit` (the page's look-ahead). */
export async function findEpisodesInScope(db: Db, scope: Scope, f: EpisodeFilter): Promise<EpisodeRow[]> {
  let qb = inScope(selectEpisodes(db), 'isolation_episodes.region_path', scope);
  if (f.regionPath) qb = inScope(qb, 'isolation_episodes.region_path', { prefix: f.regionPath });
  if (f.q) qb = qb.where((eb) => personTextMatch(eb, f.q!));
  return qb
    .$if(f.status !== undefined, (q) => q.where('isolation_episodes.status', '=', f.status!))
    .$if(f.kind !== undefined, (q) => q.where('isolation_episodes.kind', '=', f.kind!))
    .$if(f.siteId !== undefined, (q) => q.where('isolation_episodes.site_id', '=', f.siteId!))
    .$if(f.observerId !== undefined, (q) => q.where('isolation_episodes.observer_id', '=', f.observerId!))
    .$if(f.endingBy !== undefined, (q) => q.where('isolation_episodes.planned_end_day', '<=', f.endingBy!))
    .$if(f.unobserved === 'true', (q) =>
      q.where('isolation_episodes.status', '=', 'active').where('isolation_episodes.observer_id', 'is', null),
    )
    .$if(f.before !== undefined, (q) => q.where('isolation_episodes.id', '<', f.before!))
    .orderBy('isolation_episodes.id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

/** The id of the person's active episode, if any (there is at most one). */
export async function findActiveEpisodeId(db: Db, personId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('isolation_episodes')
    .select('id')
    .where('person_id', '=', personId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return row?.id;
}

/** Id, place, status and observer of the episodes in scope among these ids. */
export async function findEpisodeStatesInScope(db: Db, scope: Scope, ids: string[]) {
  const q = db
    .selectFrom('isolation_episodes')
    .select(['id', 'region_path', 'status', 'observer_id'])
    .where('id', 'in', ids);
  return inScope(q, 'region_path', scope).execute();
}

export async function insertEpisode(db: Db, row: Insertable<IsolationEpisodeTable>): Promise<void> {
  await db.insertInto('isolation_episodes').values(row).execute();
}

export async function updateEpisode(db: Db, id: string, set: Updateable<IsolationEpisodeTable>): Promise<void> {
  await db.updateTable('isolation_episodes').set(set).where('id', '=', id).execute();
}

/** The highest certificate serial starting with `prefix` (the day's serials), or null. */
export async function maxCertificateSerial(db: Db, prefix: string): Promise<string | null> {
  const last = await db
    .selectFrom('isolation_episodes')
    .select((eb) => eb.fn.max('certificate_serial').as('m'))
    .where('certificate_serial', '>=', prefix)
    .where('certificate_serial', '<', `${prefix}~`)
    .executeTakeFirst();
  return last?.m ? String(last.m) : null;
}

/** The episode behind a self-report link, with the person's name; any status. */
export async function findEpisodeByToken(db: Db, token: string) {
  return db
    .selectFrom('isolation_episodes')
    .innerJoin('persons', 'persons.id', 'isolation_episodes.person_id')
    .leftJoin('users as observer', 'observer.id', 'isolation_episodes.observer_id')
    .select([
      'isolation_episodes.id',
      'isolation_episodes.status',
      'isolation_episodes.start_day',
      'isolation_episodes.planned_end_day',
      'isolation_episodes.region_path',
      'isolation_episodes.household_id',
      'isolation_episodes.person_id',
      'persons.name',
      'observer.display_name as observer_name',
      'observer.phone as observer_phone',
    ])
    .where('isolation_episodes.token', '=', token)
    .executeTakeFirst();
}

/** What an escalation of missed follow-ups names: the episode's state and place, the person's and the observer's names. */
export async function findEpisodeToEscalate(db: Db, id: string) {
  return db
    .selectFrom('isolation_episodes as e')
    .innerJoin('persons as p', 'p.id', 'e.person_id')
    .leftJoin('users as o', 'o.id', 'e.observer_id')
    .select(['e.id', 'e.status', 'e.region_path', 'e.person_id', 'p.name', 'o.display_name as observer'])
    .where('e.id', '=', id)
    .executeTakeFirstOrThrow();
}

/** The certificate whose QR code carries `code`, with the person's name and ID number. */
export async function findCertificateByCode(db: Db, code: string) {
  return db
    .selectFrom('isolation_episodes')
    .innerJoin('persons', 'persons.id', 'isolation_episodes.person_id')
    .select([
      'isolation_episodes.certificate_serial',
      'isolation_episodes.certificate_issued_at',
      'isolation_episodes.kind',
      'isolation_episodes.start_day',
      'isolation_episodes.ended_at',
      'isolation_episodes.planned_end_day',
      'isolation_episodes.status',
      'isolation_episodes.region_path',
      'persons.name',
      'persons.id_number',
    ])
    .where('isolation_episodes.certificate_code', '=', code)
    .executeTakeFirst();
}

/** The certificate columns of an episode, with what the printed certificate shows of the person. */
export async function findCertificateOfEpisode(db: Db, episodeId: string) {
  return db
    .selectFrom('isolation_episodes')
    .innerJoin('persons', 'persons.id', 'isolation_episodes.person_id')
    .select([
      'isolation_episodes.certificate_serial',
      'isolation_episodes.certificate_code',
      'isolation_episodes.certificate_issued_at',
      'isolation_episodes.kind',
      'isolation_episodes.start_day',
      'isolation_episodes.planned_end_day',
      'isolation_episodes.region_path',
      'isolation_episodes.reason',
      'persons.name',
      'persons.sex',
      'persons.id_number',
      'persons.birth_date',
    ])
    .where('isolation_episodes.id', '=', episodeId)
    .executeTakeFirst();
}

/**
 * Which of these persons lie in scope, with where they live. A read of residents' `persons`:
 * residents exports no look-up of many persons at once (one query per 500 ids here).
 */
export async function findPersonPlacesInScope(db: Db, scope: Scope, personIds: string[]) {
  const rows: { id: string; region_path: string }[] = [];
  for (let i = 0; i < personIds.length; i += 500) {
    const q = db
      .selectFrom('persons')
      .select(['id', 'region_path'])
      .where('id', 'in', personIds.slice(i, i + 500));
    rows.push(...(await inScope(q, 'region_path', scope).execute()));
  }
  return rows;
}

/** The active members of a household, by id. A read of residents' `persons`, which exports no such look-up. */
export async function findActiveHouseholdMemberIds(db: Db, householdId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('persons')
    .select('id')
    .where('household_id', '=', householdId)
    .where('status', '=', 'active')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}
