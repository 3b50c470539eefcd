import type { Insertable } from 'kysely';
import type { Db } from '../../db/database';
import { inScope, inSubtree, overlapsScope, type Scope } from '../../access/scope';
import type { AlertTable } from './alerts.table';

export async function insertAlert(db: Db, row: Insertable<AlertTable>): Promise<void> {
  await db.insertInto('alerts').values(row).execute();
}

/** Alerts in scope with the person's name, newest first, or — for the live stream — those after a given id, oldest first. */
export async function listAlerts(
  db: Db,
  scope: Scope,
  f: { open?: boolean; kind?: string; region?: string; before?: string; after?: string; limit: number },
) {
  return inScope(
    db
      .selectFrom('alerts')
      .leftJoin('persons', 'persons.id', 'alerts.person_id')
      .selectAll('alerts')
      .select('persons.name as person_name'),
    'alerts.region_path',
    scope,
  )
    .$if(f.open === true, (q) => q.where('alerts.acknowledged_at', 'is', null))
    .$if(f.kind !== undefined, (q) => q.where('alerts.kind', '=', f.kind!))
    .$if(f.region !== undefined, (q) => inSubtree(q, 'alerts.region_path', f.region!))
    .$if(f.before !== undefined, (q) => q.where('alerts.id', '<', f.before!))
    .$if(f.after !== undefined, (q) => q.where('alerts.id', '>', f.after!))
    .orderBy('alerts.id', f.after !== undefined ? 'asc' : 'desc')
    .limit(f.limit + 1)
    .execute();
}

/** How many alerts (open ones, or all) lie at each place and of each kind in scope — folded into groups by the service. */
export async function countAlertsByKindAndPlace(db: Db, scope: Scope, f: { open?: boolean }) {
  return inScope(
    db
      .selectFrom('alerts')
      .select(['alerts.kind', 'alerts.region_path'])
      .select((eb) => eb.fn.countAll<number>().as('n')),
    'alerts.region_path',
    scope,
  )
    .$if(f.open === true, (q) => q.where('alerts.acknowledged_at', 'is', null))
    .groupBy(['alerts.kind', 'alerts.region_path'])
    .execute();
}

/** The alerts among `ids` in scope (fewer than asked when some are not). */
export async function findAlertsInScope(db: Db, scope: Scope, ids: readonly string[]) {
  return inScope(db.selectFrom('alerts').selectAll(), 'alerts.region_path', scope)
    .where('alerts.id', 'in', [...ids])
    .execute();
}

export async function findAlert(db: Db, id: string) {
  return db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function acknowledgeAlertRow(db: Db, id: string, by: string, at: string): Promise<void> {
  await db.updateTable('alerts').set({ acknowledged_at: at, acknowledged_by: by }).where('id', '=', id).execute();
}

/** Point an alert at the referral made from it. */
export async function linkAlertToReferral(db: Db, id: string, referralId: string): Promise<void> {
  await db.updateTable('alerts').set({ referral_id: referralId }).where('id', '=', id).execute();
}

/** Acknowledge the still-open alerts that announce a referral (the clinic's finding has come in). */
export async function acknowledgeAlertsOfReferral(db: Db, referralId: string, by: string, at: string): Promise<void> {
  await db
    .updateTable('alerts')
    .set({ acknowledged_at: at, acknowledged_by: by })
    .where('referral_id', '=', referralId)
    .where('acknowledged_at', 'is', null)
    .execute();
}

export type AlertListRow = Awaited<ReturnType<typeof listAlerts>>[number];

/** The townships/streets the jurisdiction lies in or contains (read-only, for grouping alerts by township). */
export async function townshipsForAlerts(db: Db, scope: Scope) {
  return db
    .selectFrom('regions')
    .select(['id', 'name', 'path'])
    .where('level', '=', 'township')
    .where((eb) => overlapsScope(eb, 'path', scope))
    .orderBy('path')
    .execute();
}
