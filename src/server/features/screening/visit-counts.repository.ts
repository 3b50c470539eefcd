import { sql } from 'kysely';
import type { Db } from '../../db/database';
import { inSubtree } from '../../access/scope';
import { FEVER_CELSIUS } from '../../../shared/screening';

/*
 * Screening's figures as others count them: households visited and fevers found at the door, by
 * place — per UTC hour for the roll-ups (the big screen), per period for the zero report.
 */

/**
 * Visits made in a window, read through a v7 id range (`idFrom`: ids begin with their creation time)
 * and a visit-time range [from, to); `null` reads every visit (the roll-ups' first build over history).
 */
type VisitWindow = { from: string; to: string; idFrom: string } | null;

/** The UTC hour 'YYYY-MM-DDTHH' of an ISO time, the same `substr` on both engines. */
const hourOf = (column: string) => sql<string>`substr(${sql.ref(column)}, 1, 13)`;

/**
 * A row's place as a grouping key that no index can serve: grouping by the bare column lets SQLite
 * walk the whole region_path index to avoid a sort, instead of reading the window's short id range.
 */
const byPath = (column: string) => sql<string>`${sql.ref(column)} || ''`;

/** Visits that found someone at home, by place and visit hour. */
export async function countHouseholdVisitsByHour(
  db: Db,
  w: VisitWindow,
): Promise<{ path: string; hour: string; n: unknown }[]> {
  return db
    .selectFrom('screening_visits')
    .select([byPath('region_path').as('path'), hourOf('visited_at').as('hour'), (eb) => eb.fn.countAll().as('n')])
    .where('outcome', '<>', 'not_home')
    .$if(w !== null, (qb) =>
      qb.where('id', '>=', w!.idFrom).where('visited_at', '>=', w!.from).where('visited_at', '<', w!.to),
    )
    .groupBy([byPath('region_path'), hourOf('visited_at')])
    .execute();
}

/** Fevers (≥ 37.3 °C) found at the door, by place and visit hour. */
export async function countDoorFeversByHour(
  db: Db,
  w: VisitWindow,
): Promise<{ path: string; hour: string; n: unknown }[]> {
  return db
    .selectFrom('screening_checks')
    .innerJoin('screening_visits', 'screening_visits.id', 'screening_checks.visit_id')
    .select([
      byPath('screening_checks.region_path').as('path'),
      hourOf('screening_visits.visited_at').as('hour'),
      (eb) => eb.fn.countAll().as('n'),
    ])
    .where('screening_checks.temperature', '>=', FEVER_CELSIUS)
    .$if(w !== null, (qb) =>
      qb
        .where('screening_visits.id', '>=', w!.idFrom)
        .where('screening_visits.visited_at', '>=', w!.from)
        .where('screening_visits.visited_at', '<', w!.to),
    )
    .groupBy([byPath('screening_checks.region_path'), hourOf('screening_visits.visited_at')])
    .execute();
}

/** Households visited and found at home in [from, to) under `prefix`, by place (each household once). */
export async function countHouseholdsScreened(db: Db, prefix: string, from: string, to: string) {
  return inSubtree(
    db
      .selectFrom('screening_visits')
      .select(['region_path as path', (eb) => eb.fn.count('household_id').distinct().as('n')])
      .where('visited_at', '>=', from)
      .where('visited_at', '<', to)
      .where('outcome', '<>', 'not_home'),
    'region_path',
    prefix,
  )
    .groupBy('region_path')
    .execute();
}

/** Fevers found at the door in [from, to) under `prefix`, by the visited household's place. */
export async function countDoorFevers(db: Db, prefix: string, from: string, to: string) {
  return inSubtree(
    db
      .selectFrom('screening_checks')
      .innerJoin('screening_visits', 'screening_visits.id', 'screening_checks.visit_id')
      .select(['screening_visits.region_path as path', (eb) => eb.fn.countAll().as('n')])
      .where('screening_visits.visited_at', '>=', from)
      .where('screening_visits.visited_at', '<', to)
      .where('screening_checks.temperature', '>=', FEVER_CELSIUS),
    'screening_visits.region_path',
    prefix,
  )
    .groupBy('screening_visits.region_path')
    .execute();
}
