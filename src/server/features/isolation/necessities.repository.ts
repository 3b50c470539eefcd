import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/database';
import { inScope, type Scope } from '../../access/scope';
import type { NecessityRequestTable } from './necessities.table';

export async function insertNecessityRequest(db: Db, row: Insertable<NecessityRequestTable>): Promise<void> {
  await db.insertInto('necessity_requests').values(row).execute();
}

/** How many requests of an episode are still open or assigned. */
export async function countOpenRequests(db: Db, episodeId: string): Promise<number> {
  const row = await db
    .selectFrom('necessity_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('episode_id', '=', episodeId)
    .where('status', 'in', ['open', 'assigned'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Requests with the person's name and the household's address (display columns read from residents). */
function selectRequests(db: Db) {
  return db
    .selectFrom('necessity_requests')
    .leftJoin('persons', 'persons.id', 'necessity_requests.person_id')
    .leftJoin('households', 'households.id', 'necessity_requests.household_id')
    .selectAll('necessity_requests')
    .select(['persons.name as person_name', 'households.address']);
}
export type NecessityRow = Awaited<ReturnType<ReturnType<typeof selectRequests>['execute']>>[number];

export interface NecessityFilter {
  status?: string;
  episodeId?: string;
  limit: number;
  /** keyset cursor: only requests with a smaller id */
  before?: string;
}

/** Requests in scope, newest first, one more than `limit` (the page's look-ahead). */
export async function findNecessitiesInScope(db: Db, scope: Scope, f: NecessityFilter): Promise<NecessityRow[]> {
  return inScope(selectRequests(db), 'necessity_requests.region_path', scope)
    .$if(f.status !== undefined, (q) => q.where('necessity_requests.status', '=', f.status as 'open'))
    .$if(f.episodeId !== undefined, (q) => q.where('necessity_requests.episode_id', '=', f.episodeId!))
    .$if(f.before !== undefined, (q) => q.where('necessity_requests.id', '<', f.before!))
    .orderBy('necessity_requests.id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

export async function findNecessity(db: Db, id: string): Promise<NecessityRow> {
  return selectRequests(db).where('necessity_requests.id', '=', id).executeTakeFirstOrThrow();
}

export async function findRequestInScope(db: Db, scope: Scope, id: string) {
  return inScope(
    db.selectFrom('necessity_requests').selectAll().where('id', '=', id),
    'region_path',
    scope,
  ).executeTakeFirst();
}

export async function updateRequest(db: Db, id: string, set: Updateable<NecessityRequestTable>): Promise<void> {
  await db.updateTable('necessity_requests').set(set).where('id', '=', id).execute();
}

/** The 20 newest requests of an episode (the self-report page lists them). */
export async function findRecentRequestsOfEpisode(db: Db, episodeId: string) {
  return db
    .selectFrom('necessity_requests')
    .select(['kind', 'status', 'requested_at'])
    .where('episode_id', '=', episodeId)
    .orderBy('requested_at', 'desc')
    .limit(20)
    .execute();
}
