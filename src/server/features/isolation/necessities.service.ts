import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { inScope, scopeOf, type Scope } from '../../access/scope';
import type { Necessity, NecessityAction, NecessityInput } from '../../../shared/isolation';
import { audit } from '../audit';
import { getEpisode } from './episodes.service';
import { episodeOfToken } from './followups.service';

/**
 * 隔离不隔心: an isolated household asks for food, medicine, gas or anything else; the village
 * assigns someone, who delivers; the time from request to delivery is kept and shown.
 */
async function insertRequest(db: Db, clock: Clock, ep: { id: string; person_id: string; household_id: string | null; region_path: string }, input: NecessityInput, via: 'observer' | 'self', actor: Actor | null) {
  const now = clock.now();
  const id = uuidv7(now.getTime());
  await db.insertInto('necessity_requests').values({
    id, episode_id: ep.id, person_id: ep.person_id, household_id: ep.household_id, region_path: ep.region_path, kind: input.kind,
    detail: input.detail ?? null, status: 'open', via, requested_at: now.toISOString(), assignee_name: null, assignee_user_id: null,
    assigned_at: null, fulfilled_at: null, note: null, created_by: actor?.id ?? null,
  }).execute();
  await audit(db, clock, actor, { action: 'isolation.necessity_request', entityType: 'necessity_request', entityId: id, regionPath: ep.region_path, details: { kind: input.kind, via } });
  return id;
}

/** An observer or village worker records a request on behalf of an isolated household. */
export async function requestNecessity(db: Db, clock: Clock, actor: Actor, episodeId: string, input: NecessityInput): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const ep = await getEpisode(trx, scopeOf(actor), episodeId);
    if (ep.status !== 'active') throw new AppError('EPISODE_NOT_ACTIVE');
    return insertRequest(trx, clock, ep, input, 'observer', actor);
  });
}

/** The isolated person asks through their self-report link. At most 10 open requests per episode. */
export async function requestNecessityByLink(db: Db, clock: Clock, token: string, input: NecessityInput): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const ep = await episodeOfToken(trx, token);
    const open = await trx.selectFrom('necessity_requests').select((eb) => eb.fn.countAll<number>().as('n')).where('episode_id', '=', ep.id).where('status', 'in', ['open', 'assigned']).executeTakeFirstOrThrow();
    if (Number(open.n) >= 10) throw new AppError('RATE_LIMITED');
    return insertRequest(trx, clock, { id: ep.id, person_id: ep.person_id, household_id: ep.household_id, region_path: ep.region_path }, input, 'self', null);
  });
}

function selectRequests(db: Db) {
  return db.selectFrom('necessity_requests')
    .leftJoin('persons', 'persons.id', 'necessity_requests.person_id')
    .leftJoin('households', 'households.id', 'necessity_requests.household_id')
    .selectAll('necessity_requests').select(['persons.name as person_name', 'households.address']);
}
type RequestRow = Awaited<ReturnType<ReturnType<typeof selectRequests>['execute']>>[number];

export async function listNecessities(db: Db, scope: Scope, f: { status?: string; episodeId?: string; limit: number; before?: string }) {
  return inScope(selectRequests(db), 'necessity_requests.region_path', scope)
    .$if(f.status !== undefined, (q) => q.where('necessity_requests.status', '=', f.status as 'open'))
    .$if(f.episodeId !== undefined, (q) => q.where('necessity_requests.episode_id', '=', f.episodeId!))
    .$if(f.before !== undefined, (q) => q.where('necessity_requests.id', '<', f.before!))
    .orderBy('necessity_requests.id', 'desc').limit(f.limit + 1).execute();
}

export function toNecessity(r: RequestRow, now: Date): Necessity {
  const end = r.fulfilled_at ? Date.parse(r.fulfilled_at) : r.status === 'cancelled' ? null : now.getTime();
  return {
    id: r.id, episodeId: r.episode_id, personId: r.person_id, personName: r.person_name ?? null, address: r.address ?? null, regionPath: r.region_path,
    kind: r.kind, detail: r.detail, status: r.status, via: r.via, requestedAt: r.requested_at, assigneeName: r.assignee_name,
    assignedAt: r.assigned_at, fulfilledAt: r.fulfilled_at, minutesTaken: end === null ? null : Math.max(0, Math.round((end - Date.parse(r.requested_at)) / 60_000)), note: r.note,
  };
}

/** Assign (open → assigned, or reassign), fulfil (→ fulfilled) or cancel with a note. */
export async function actOnNecessity(db: Db, clock: Clock, actor: Actor, id: string, action: NecessityAction): Promise<Necessity> {
  await db.transaction().execute(async (trx) => {
    const row = await inScope(trx.selectFrom('necessity_requests').selectAll().where('id', '=', id), 'region_path', scopeOf(actor)).executeTakeFirst();
    if (!row) throw new AppError('NECESSITY_NOT_FOUND');
    const done = row.status === 'fulfilled' || row.status === 'cancelled';
    if (done) throw new AppError('NECESSITY_STATE', { status: row.status });
    const now = clock.now().toISOString();
    if (action.action === 'assign') {
      await trx.updateTable('necessity_requests').set({ status: 'assigned', assignee_name: action.assigneeName, assignee_user_id: action.assigneeUserId ?? null, assigned_at: now }).where('id', '=', id).execute();
    } else if (action.action === 'fulfil') {
      await trx.updateTable('necessity_requests').set({ status: 'fulfilled', fulfilled_at: now, note: action.note ?? row.note }).where('id', '=', id).execute();
    } else {
      await trx.updateTable('necessity_requests').set({ status: 'cancelled', note: action.note }).where('id', '=', id).execute();
    }
    await audit(trx, clock, actor, { action: `isolation.necessity_${action.action}`, entityType: 'necessity_request', entityId: id, regionPath: row.region_path });
  });
  const row = await selectRequests(db).where('necessity_requests.id', '=', id).executeTakeFirstOrThrow();
  return toNecessity(row, clock.now());
}
