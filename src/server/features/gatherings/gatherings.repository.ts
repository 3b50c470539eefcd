import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/database';
import { inScope, inSubtree, overlapsScope, type Scope } from '../../access/scope';
import type { GatheringOccasion, GatheringStatus } from '../../../shared/gatherings';
import type { GatheringTable, GatheringVisitTable } from './gatherings.table';

/** Gatherings with their region's name and how many persuasion visits each has had. */
function selectGatherings(db: Db) {
  return db
    .selectFrom('gatherings')
    .leftJoin('regions', 'regions.id', 'gatherings.region_id')
    .selectAll('gatherings')
    .select('regions.name as region_name')
    .select((eb) =>
      eb
        .selectFrom('gathering_visits')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('gathering_visits.gathering_id', '=', 'gatherings.id')
        .as('visits'),
    );
}
export type GatheringRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectGatherings>['executeTakeFirst']>>>;

/** A gathering of the jurisdiction, or undefined. */
export async function findGatheringInScope(db: Db, scope: Scope, id: string): Promise<GatheringRow | undefined> {
  return inScope(
    selectGatherings(db).where('gatherings.id', '=', id),
    'gatherings.region_path',
    scope,
  ).executeTakeFirst();
}

export interface GatheringFilter {
  from?: string;
  to?: string;
  occasion?: GatheringOccasion;
  status?: GatheringStatus;
  /** part of the host's name */
  hostName?: string;
  /** only under this region path */
  underPath?: string;
  /** the (date, id) of the last row of the previous page */
  before?: readonly [string, string];
  limit: number;
}

/** A page of the jurisdiction's gatherings, latest date first (one row more than `limit`: there is a next page). */
export async function listGatheringsInScope(db: Db, scope: Scope, f: GatheringFilter): Promise<GatheringRow[]> {
  let qb = inScope(selectGatherings(db), 'gatherings.region_path', scope)
    .$if(f.from !== undefined, (b) => b.where('gatherings.date', '>=', f.from!))
    .$if(f.to !== undefined, (b) => b.where('gatherings.date', '<=', f.to!))
    .$if(f.occasion !== undefined, (b) => b.where('gatherings.occasion', '=', f.occasion!))
    .$if(f.status !== undefined, (b) => b.where('gatherings.status', '=', f.status!))
    .$if(!!f.hostName, (b) => b.where('gatherings.host_name', 'like', `%${f.hostName!.replace(/[%_]/g, '')}%`))
    .$if(f.before !== undefined, (b) =>
      b.where((eb) =>
        eb.or([
          eb('gatherings.date', '<', f.before![0]),
          eb.and([eb('gatherings.date', '=', f.before![0]), eb('gatherings.id', '<', f.before![1])]),
        ]),
      ),
    );
  if (f.underPath) qb = inSubtree(qb, 'gatherings.region_path', f.underPath);
  return qb
    .orderBy('gatherings.date', 'desc')
    .orderBy('gatherings.id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

export async function insertGathering(db: Db, row: Insertable<GatheringTable>): Promise<void> {
  await db.insertInto('gatherings').values(row).execute();
}

export async function updateGathering(db: Db, id: string, set: Updateable<GatheringTable>): Promise<void> {
  await db.updateTable('gatherings').set(set).where('id', '=', id).execute();
}

export async function insertGatheringVisit(db: Db, row: Insertable<GatheringVisitTable>): Promise<void> {
  await db.insertInto('gathering_visits').values(row).execute();
}

/** A gathering's persuasion visits, in order. */
export async function listGatheringVisits(db: Db, gatheringId: string) {
  return db
    .selectFrom('gathering_visits')
    .selectAll()
    .where('gathering_id', '=', gatheringId)
    .orderBy('visited_at')
    .orderBy('id')
    .execute();
}

/** Gatherings dated in [from, to] in the jurisdiction, by place and status: how many, guests expected and come. */
export async function countGatheringsByStatus(db: Db, scope: Scope, from: string, to: string) {
  return inScope(db.selectFrom('gatherings'), 'gatherings.region_path', scope)
    .where('date', '>=', from)
    .where('date', '<=', to)
    .select((eb) => [
      'region_path',
      'status',
      eb.fn.countAll<number>().as('n'),
      eb.fn.sum<number>('expected_guests').as('expected'),
      eb.fn.sum<number>('actual_guests').as('actual'),
    ])
    .groupBy(['region_path', 'status'])
    .execute();
}

/** Persuasion visits to gatherings dated in [from, to] in the jurisdiction, by place. */
export async function countVisitsByPlace(db: Db, scope: Scope, from: string, to: string) {
  return inScope(
    db.selectFrom('gathering_visits').innerJoin('gatherings', 'gatherings.id', 'gathering_visits.gathering_id'),
    'gatherings.region_path',
    scope,
  )
    .where('gatherings.date', '>=', from)
    .where('gatherings.date', '<=', to)
    .select((eb) => ['gatherings.region_path', eb.fn.countAll<number>().as('n')])
    .groupBy('gatherings.region_path')
    .execute();
}

/** The active townships overlapping the jurisdiction, with their names (read from regions). */
export async function listTownshipsOverlapping(db: Db, scope: Scope) {
  return db
    .selectFrom('regions')
    .select(['id', 'name', 'path'])
    .where('level', '=', 'township')
    .where('status', '=', 'active')
    .where((eb) => overlapsScope(eb, 'path', scope))
    .orderBy('path')
    .execute();
}
