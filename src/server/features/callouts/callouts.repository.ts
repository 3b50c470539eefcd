import { sql, type Insertable, type Updateable } from 'kysely';
import { engineOf, type Db } from '../../db/database';
import { inScope, inSubtree, type Scope } from '../../access/scope';
import type { CalloutStatus } from '../../../shared/callouts';
import type {
  CalloutAnswerTable,
  CalloutLinkTable,
  CalloutOrderTable,
  CalloutOutboxTable,
  CalloutTable,
} from './callouts.table';

/** Call-outs with their region's and team's names and how many persons were ordered. */
function selectCallouts(db: Db) {
  return db
    .selectFrom('callouts')
    .leftJoin('regions', 'regions.id', 'callouts.region_id')
    .leftJoin('callout_teams', 'callout_teams.id', 'callouts.team_id')
    .selectAll('callouts')
    .select(['regions.name as region_name', 'callout_teams.name as team_name'])
    .select((eb) =>
      eb
        .selectFrom('callout_orders')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('callout_orders.callout_id', '=', 'callouts.id')
        .as('orders'),
    );
}
export type CalloutRow = NonNullable<Awaited<ReturnType<ReturnType<typeof selectCallouts>['executeTakeFirst']>>>;

export async function findCalloutInScope(db: Db, scope: Scope, id: string): Promise<CalloutRow | undefined> {
  return inScope(selectCallouts(db).where('callouts.id', '=', id), 'callouts.region_path', scope).executeTakeFirst();
}

/** A page of the jurisdiction's call-outs, latest first (one row more than `limit`). */
export async function listCalloutsInScope(
  db: Db,
  scope: Scope,
  f: { status?: CalloutStatus; before?: string; limit: number },
): Promise<CalloutRow[]> {
  return inScope(selectCallouts(db), 'callouts.region_path', scope)
    .$if(f.status !== undefined, (b) => b.where('callouts.status', '=', f.status!))
    .$if(f.before !== undefined, (b) => b.where('callouts.id', '<', f.before!))
    .orderBy('callouts.id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

export async function insertCallout(db: Db, row: Insertable<CalloutTable>): Promise<void> {
  await db.insertInto('callouts').values(row).execute();
}

export async function updateCallout(db: Db, id: string, set: Updateable<CalloutTable>): Promise<void> {
  await db.updateTable('callouts').set(set).where('id', '=', id).execute();
}

/**
 * Of these persons, those on a call-out still active at `now` (not closed, links not expired), with
 * that call-out's meeting point and deadline (the latest such call-out per person).
 */
export async function personsOnActiveCallouts(
  db: Db,
  personIds: readonly string[],
  now: string,
): Promise<Map<string, { callout_id: string; meeting_point: string; deadline_at: string }>> {
  const busy = new Map<string, { callout_id: string; meeting_point: string; deadline_at: string }>();
  for (let i = 0; i < personIds.length; i += 500) {
    const rows = await db
      .selectFrom('callout_orders')
      .innerJoin('callouts', 'callouts.id', 'callout_orders.callout_id')
      .select([
        'callout_orders.person_id',
        'callouts.id as callout_id',
        'callouts.meeting_point',
        'callouts.deadline_at',
      ])
      .where('callout_orders.person_id', 'in', personIds.slice(i, i + 500))
      .where('callouts.status', '=', 'active')
      .where('callouts.expires_at', '>', now)
      .orderBy('callouts.id')
      .execute();
    for (const r of rows) busy.set(r.person_id, r);
  }
  return busy;
}

/**
 * Members of the active teams based in the subtree `path` who have `skill` (skills are a
 * comma-separated list of enum words, none a part of another, so a LIKE finds them), with the
 * registry's name and phone — one row per person.
 */
export async function skilledTeamMembersIn(db: Db, path: string, skill: string) {
  const rows = await inSubtree(
    db
      .selectFrom('callout_team_members')
      .innerJoin('callout_teams', 'callout_teams.id', 'callout_team_members.team_id')
      .innerJoin('persons', 'persons.id', 'callout_team_members.person_id')
      .select(['callout_team_members.person_id', 'persons.name', 'persons.phone'])
      .where('callout_teams.status', '=', 'active')
      .where('callout_team_members.skills', 'like', `%${skill}%`),
    'callout_teams.region_path',
    path,
  )
    .orderBy('callout_team_members.id')
    .execute();
  return [...new Map(rows.map((r) => [r.person_id, r])).values()];
}

/** The team's members with the registry's name and phone (display join), to order or to pick. */
export async function teamMembersForCallout(db: Db, teamId: string) {
  return db
    .selectFrom('callout_team_members')
    .innerJoin('persons', 'persons.id', 'callout_team_members.person_id')
    .select([
      'callout_team_members.person_id',
      'callout_team_members.role',
      'callout_team_members.skills',
      'persons.name',
      'persons.phone',
    ])
    .where('callout_team_members.team_id', '=', teamId)
    .orderBy('callout_team_members.role')
    .orderBy('callout_team_members.id')
    .execute();
}

/** Persons picked by id within the jurisdiction, with name and phone (display read of the registry). */
export async function personsInScopeForCallout(db: Db, scope: Scope, ids: readonly string[]) {
  if (!ids.length) return [];
  return inScope(
    db
      .selectFrom('persons')
      .select(['id as person_id', 'name', 'phone'])
      .where('persons.id', 'in', [...ids]),
    'persons.region_path',
    scope,
  ).execute();
}

export async function insertOrders(db: Db, rows: Insertable<CalloutOrderTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('callout_orders')
      .values(rows.slice(i, i + 500))
      .execute();
}

export async function insertLinks(db: Db, rows: Insertable<CalloutLinkTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('callout_links')
      .values(rows.slice(i, i + 500))
      .execute();
}

export async function insertOutbox(db: Db, rows: Insertable<CalloutOutboxTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('callout_outbox')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** A call-out's orders with the person's name and phone, in the order they were made. */
export async function listOrders(db: Db, calloutId: string) {
  return db
    .selectFrom('callout_orders')
    .innerJoin('persons', 'persons.id', 'callout_orders.person_id')
    .selectAll('callout_orders')
    .select(['persons.name', 'persons.phone'])
    .where('callout_orders.callout_id', '=', calloutId)
    .orderBy('callout_orders.id')
    .execute();
}
export type OrderRow = Awaited<ReturnType<typeof listOrders>>[number];

export async function findOrder(db: Db, calloutId: string, orderId: string) {
  return db
    .selectFrom('callout_orders')
    .selectAll()
    .where('callout_id', '=', calloutId)
    .where('id', '=', orderId)
    .executeTakeFirst();
}

/** The order behind a link's hash, with its call-out and the person's name (no scope: the link is the key). */
export async function findOrderByTokenHash(db: Db, tokenHash: string) {
  return db
    .selectFrom('callout_links')
    .innerJoin('callout_orders', 'callout_orders.id', 'callout_links.order_id')
    .innerJoin('callouts', 'callouts.id', 'callout_orders.callout_id')
    .innerJoin('persons', 'persons.id', 'callout_orders.person_id')
    .leftJoin('callout_teams', 'callout_teams.id', 'callouts.team_id')
    .selectAll('callout_orders')
    .select([
      'callout_links.expires_at as link_expires_at',
      'callouts.meeting_point',
      'callouts.ordered_at',
      'callouts.deadline_at',
      'callouts.status as callout_status',
      'persons.name',
      'callout_teams.name as team_name',
    ])
    .where('callout_links.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

/**
 * The orders behind many links' hashes at once (the answer writer's batch), each with its link's
 * hash and expiry, its call-out and the person's name — one query a batch instead of one an answer.
 */
export async function findOrdersByTokenHashes(db: Db, tokenHashes: readonly string[]) {
  if (!tokenHashes.length) return [];
  return db
    .selectFrom('callout_links')
    .innerJoin('callout_orders', 'callout_orders.id', 'callout_links.order_id')
    .innerJoin('callouts', 'callouts.id', 'callout_orders.callout_id')
    .innerJoin('persons', 'persons.id', 'callout_orders.person_id')
    .leftJoin('callout_teams', 'callout_teams.id', 'callouts.team_id')
    .selectAll('callout_orders')
    .select([
      'callout_links.token_hash',
      'callout_links.expires_at as link_expires_at',
      'callouts.meeting_point',
      'callouts.ordered_at',
      'callouts.deadline_at',
      'callouts.status as callout_status',
      'persons.name',
      'callout_teams.name as team_name',
    ])
    .where('callout_links.token_hash', 'in', [...tokenHashes])
    .execute();
}

/** An order's answer state after a batch of answers (the answer writer). */
export type OrderAnswerState = Pick<
  CalloutOrderTable,
  'id' | 'answer' | 'eta_minutes' | 'reason' | 'answered_at' | 'first_ack_at' | 'arrived_at' | 'changes'
>;

/**
 * Set many orders' answer state at once. On PostgreSQL one UPDATE … FROM (VALUES …) per 500
 * orders, in raw SQL because Kysely has no portable form of it: the call-out bench showed a batch
 * of 500 answers spending most of its time in 500 separate round trips. On SQLite (in process) a
 * prepared UPDATE per order costs microseconds, and it has the same effect.
 */
export async function updateOrderAnswers(db: Db, rows: readonly OrderAnswerState[]): Promise<void> {
  if (engineOf(db) !== 'postgres') {
    for (const { id, ...set } of rows) await updateOrder(db, id, set);
    return;
  }
  for (let i = 0; i < rows.length; i += 500) {
    const values = sql.join(
      rows
        .slice(i, i + 500)
        .map(
          (r) =>
            sql`(${r.id}::uuid, ${r.answer}::text, ${r.eta_minutes}::integer, ${r.reason}::text, ${r.answered_at}::text, ${r.first_ack_at}::text, ${r.arrived_at}::text, ${r.changes}::integer)`,
        ),
    );
    await sql`update callout_orders as o set answer = v.answer, eta_minutes = v.eta_minutes, reason = v.reason,
      answered_at = v.answered_at, first_ack_at = v.first_ack_at, arrived_at = v.arrived_at, changes = v.changes
      from (values ${values}) as v(id, answer, eta_minutes, reason, answered_at, first_ack_at, arrived_at, changes)
      where o.id = v.id`.execute(db);
  }
}

/** Many answers in one statement per 500 (a batch of answers from the links). */
export async function insertAnswers(db: Db, rows: Insertable<CalloutAnswerTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('callout_answers')
      .values(rows.slice(i, i + 500))
      .execute();
}

/** The call-out whose meeting point QR carries this code, with its team's name (no scope: the code is the key). */
export async function findCalloutByPointCode(db: Db, code: string) {
  return db
    .selectFrom('callouts')
    .leftJoin('callout_teams', 'callout_teams.id', 'callouts.team_id')
    .select([
      'callouts.id',
      'callouts.meeting_point',
      'callouts.deadline_at',
      'callouts.expires_at',
      'callouts.status',
      'callout_teams.name as team_name',
    ])
    .where('callouts.point_code', '=', code)
    .executeTakeFirst();
}

export async function updateOrder(db: Db, id: string, set: Updateable<CalloutOrderTable>): Promise<void> {
  await db.updateTable('callout_orders').set(set).where('id', '=', id).execute();
}

export async function insertAnswer(db: Db, row: Insertable<CalloutAnswerTable>): Promise<void> {
  await db.insertInto('callout_answers').values(row).execute();
}

/**
 * Claim up to `limit` due outbox rows (of one call-out, if given) for one drainer, oldest first:
 * pending, due (no backoff pending) and not claimed by another drainer whose claim still holds.
 * The UPDATE repeats the conditions, so of two drainers racing for a row exactly one wins (SQLite
 * has one writer; PostgreSQL re-checks the WHERE on the row the other drainer just committed).
 * Returns the rows this drainer now holds.
 */
export async function claimOutbox(
  db: Db,
  c: { worker: string; now: string; until: string; limit: number; calloutId?: string },
) {
  const due = await db
    .selectFrom('callout_outbox')
    .select('id')
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', c.now)]))
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', c.now)]))
    .$if(c.calloutId !== undefined, (b) => b.where('callout_id', '=', c.calloutId!))
    .orderBy('id')
    .limit(c.limit)
    .execute();
  if (!due.length) return [];
  const ids = due.map((r) => r.id);
  for (let i = 0; i < ids.length; i += 500)
    await db
      .updateTable('callout_outbox')
      .set({ claimed_by: c.worker, claimed_until: c.until })
      .where('id', 'in', ids.slice(i, i + 500))
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', c.now)]))
      .execute();
  return db
    .selectFrom('callout_outbox')
    .selectAll()
    .where('claimed_by', '=', c.worker)
    .where('status', '=', 'pending')
    .orderBy('id')
    .execute();
}

export async function updateOutbox(db: Db, id: string, set: Updateable<CalloutOutboxTable>): Promise<void> {
  await db.updateTable('callout_outbox').set(set).where('id', '=', id).execute();
}

/** The times of every order of the call-outs given to a team (for its history; the team is in scope). */
export async function orderTimesOfTeam(db: Db, teamId: string) {
  return db
    .selectFrom('callout_orders')
    .innerJoin('callouts', 'callouts.id', 'callout_orders.callout_id')
    .select([
      'callout_orders.callout_id',
      'callout_orders.person_id',
      'callouts.ordered_at',
      'callout_orders.answer',
      'callout_orders.first_ack_at',
      'callout_orders.arrived_at',
    ])
    .where('callouts.team_id', '=', teamId)
    .execute();
}

/** The times of these persons' orders on the jurisdiction's call-outs (for their histories). */
export async function orderTimesOfPersons(db: Db, scope: Scope, personIds: readonly string[]) {
  if (!personIds.length) return [];
  return inScope(
    db
      .selectFrom('callout_orders')
      .innerJoin('callouts', 'callouts.id', 'callout_orders.callout_id')
      .select([
        'callout_orders.callout_id',
        'callout_orders.person_id',
        'callouts.ordered_at',
        'callout_orders.answer',
        'callout_orders.first_ack_at',
        'callout_orders.arrived_at',
      ])
      .where('callout_orders.person_id', 'in', [...personIds]),
    'callouts.region_path',
    scope,
  ).execute();
}
export type OrderTimes = Awaited<ReturnType<typeof orderTimesOfTeam>>[number];

/**
 * The jurisdiction's call-outs ordered in [from, to), each with its orders' times, for the figures:
 * region path (to find the township), deadline, and per order the answer, first acknowledgement and
 * arrival.
 */
export async function calloutsWithOrderTimes(db: Db, scope: Scope, from: string, to: string) {
  return inScope(
    db
      .selectFrom('callouts')
      .innerJoin('callout_orders', 'callout_orders.callout_id', 'callouts.id')
      .select([
        'callouts.id',
        'callouts.region_path',
        'callouts.ordered_at',
        'callouts.deadline_at',
        'callout_orders.answer',
        'callout_orders.first_ack_at',
        'callout_orders.arrived_at',
      ])
      .where('callouts.ordered_at', '>=', from)
      .where('callouts.ordered_at', '<', to),
    'callouts.region_path',
    scope,
  ).execute();
}
