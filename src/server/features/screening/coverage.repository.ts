import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { inScope, inSubtree, subtreeCondition, type Scope } from '../../access/scope';

/**
 * Households of a round in scope, grouped by building: how many, how many visited, how many only
 * "not home". One pass over households with an indexed lookup into the round's status table; the
 * caller rolls buildings up to grids, villages and townships.
 */
export async function coverageByBuilding(
  db: Db,
  scope: Scope,
  roundId: string,
  roundPaths: string[],
  underPath?: string,
) {
  let qb = db
    .selectFrom('households as h')
    .leftJoin('screening_household_status as s', (join) =>
      join.onRef('s.household_id', '=', 'h.id').on('s.round_id', '=', roundId),
    )
    .select([
      'h.region_path as path',
      (eb) => eb.fn.countAll<number>().as('total'),
      sql<number>`sum(case when s.status = 'visited' then 1 else 0 end)`.as('visited'),
      sql<number>`sum(case when s.status = 'not_home' then 1 else 0 end)`.as('not_home'),
    ])
    .where('h.vacant', '=', 0)
    .where((eb) => eb.or(roundPaths.map((p) => subtreeCondition(eb, 'h.region_path', p))));
  qb = inScope(qb, 'h.region_path', scope);
  if (underPath) qb = inSubtree(qb, 'h.region_path', underPath);
  return qb.groupBy('h.region_path').execute();
}

/** The gaps (不留死角): households of the round never visited, or only found "not home". */
export async function gapHouseholds(
  db: Db,
  scope: Scope,
  roundId: string,
  roundPaths: string[],
  f: { underPath?: string; afterId?: string; limit: number },
) {
  let qb = db
    .selectFrom('households as h')
    .leftJoin('screening_household_status as s', (join) =>
      join.onRef('s.household_id', '=', 'h.id').on('s.round_id', '=', roundId),
    )
    .leftJoin('persons as head', 'head.id', 'h.head_person_id')
    .select(['h.id', 'h.address', 'h.region_path', 'head.name as head_name', 's.status', 's.last_visit_at'])
    .where('h.vacant', '=', 0)
    .where((eb) => eb.or([eb('s.status', 'is', null), eb('s.status', '=', 'not_home')]))
    .where((eb) => eb.or(roundPaths.map((p) => subtreeCondition(eb, 'h.region_path', p))));
  qb = inScope(qb, 'h.region_path', scope);
  if (f.underPath) qb = inSubtree(qb, 'h.region_path', f.underPath);
  return qb
    .$if(f.afterId !== undefined, (q) => q.where('h.id', '>', f.afterId!))
    .orderBy('h.id')
    .limit(f.limit + 1)
    .execute();
}

/** Per-worker progress in a round: visits made, distinct households, "not home" calls, last visit. */
export async function workerProgress(db: Db, scope: Scope, roundId: string) {
  return inScope(
    db
      .selectFrom('screening_visits as v')
      .leftJoin('users as u', 'u.id', 'v.worker_id')
      .select([
        'v.worker_id',
        'u.username',
        'u.display_name',
        (eb) => eb.fn.countAll<number>().as('visits'),
        (eb) => eb.fn.count<number>('v.household_id').distinct().as('households'),
        sql<number>`sum(case when v.outcome = 'not_home' then 1 else 0 end)`.as('not_home'),
        (eb) => eb.fn.max('v.visited_at').as('last_visit_at'),
      ])
      .where('v.round_id', '=', roundId),
    'v.region_path',
    scope,
  )
    .groupBy(['v.worker_id', 'u.username', 'u.display_name'])
    .orderBy('visits', 'desc')
    .execute();
}

/** The active regions of one level in the jurisdiction (and under `underPath`), in path order. */
export async function listRegionUnits(
  db: Db,
  scope: Scope,
  level: 'township' | 'village' | 'grid',
  underPath?: string,
) {
  let qb = inScope(
    db
      .selectFrom('regions')
      .select(['id', 'name', 'code', 'level', 'path'])
      .where('level', '=', level)
      .where('status', '=', 'active'),
    'path',
    scope,
  );
  if (underPath) qb = inSubtree(qb, 'path', underPath);
  return qb.orderBy('path').execute();
}
