import type { Db } from '../../db/database';
import { inScope, type Scope } from '../../access/scope';

/** Volunteers of the jurisdiction counted by village path, status and skill set (the figures' raw counts). */
export async function countVolunteersByPlace(db: Db, scope: Scope) {
  const rows = await inScope(db.selectFrom('volunteers'), 'region_path', scope)
    .select(['region_path', 'status', 'skills', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['region_path', 'status', 'skills'])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}

/** Groups (not disbanded) of the jurisdiction counted by path and status. */
export async function countGroupsByPlace(db: Db, scope: Scope) {
  const rows = await inScope(db.selectFrom('volunteer_groups'), 'region_path', scope)
    .where('disbanded_at', 'is', null)
    .select(['region_path', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['region_path', 'status'])
    .execute();
  return rows.map((r) => ({ ...r, n: Number(r.n) }));
}
