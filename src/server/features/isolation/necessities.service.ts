import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf, type Scope } from '../../access/scope';
import type { Necessity, NecessityAction, NecessityInput } from '../../../shared/isolation';
import { audit } from '../audit';
import { getEpisode } from './episodes.service';
import { episodeOfToken } from './followups.service';
import {
  countOpenRequests,
  findNecessitiesInScope,
  findNecessity,
  findRequestInScope,
  insertNecessityRequest,
  type NecessityFilter,
  type NecessityRow,
  updateRequest,
} from './necessities.repository';

/**
 * 隔离不隔心: an isolated household asks for food, medicine, gas or anything else; the village
 * assigns someone, who delivers; the time from request to delivery is kept and shown.
 */
async function insertRequest(
  db: Db,
  clock: Clock,
  ep: { id: string; person_id: string; household_id: string | null; region_path: string },
  input: NecessityInput,
  via: 'observer' | 'self',
  actor: Actor | null,
) {
  const now = clock.now();
  const id = uuidv7(now.getTime());
  await insertNecessityRequest(db, {
    id,
    episode_id: ep.id,
    person_id: ep.person_id,
    household_id: ep.household_id,
    region_path: ep.region_path,
    kind: input.kind,
    detail: input.detail ?? null,
    status: 'open',
    via,
    requested_at: now.toISOString(),
    assignee_name: null,
    assignee_user_id: null,
    assigned_at: null,
    fulfilled_at: null,
    note: null,
    created_by: actor?.id ?? null,
  });
  await audit(db, clock, actor, {
    action: 'isolation.necessity_request',
    entityType: 'necessity_request',
    entityId: id,
    regionPath: ep.region_path,
    details: { kind: input.kind, via },
  });
  return id;
}

/** An observer or village worker records a request on behalf of an isolated household. */
export async function requestNecessity(
  db: Db,
  clock: Clock,
  actor: Actor,
  episodeId: string,
  input: NecessityInput,
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const ep = await getEpisode(trx, scopeOf(actor), episodeId);
    if (ep.status !== 'active') throw new AppError('EPISODE_NOT_ACTIVE');
    return insertRequest(trx, clock, ep, input, 'observer', actor);
  });
}

/** The isolated person asks through their self-report link. At most 10 open requests per episode. */
export async function requestNecessityByLink(
  db: Db,
  clock: Clock,
  token: string,
  input: NecessityInput,
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const ep = await episodeOfToken(trx, token);
    if ((await countOpenRequests(trx, ep.id)) >= 10) throw new AppError('RATE_LIMITED');
    return insertRequest(
      trx,
      clock,
      { id: ep.id, person_id: ep.person_id, household_id: ep.household_id, region_path: ep.region_path },
      input,
      'self',
      null,
    );
  });
}

/** Requests in the actor's jurisdiction, newest first, by status or episode. */
export async function listNecessities(db: Db, scope: Scope, f: NecessityFilter): Promise<NecessityRow[]> {
  return findNecessitiesInScope(db, scope, f);
}

/** A request as the API shows it, with the minutes from request to delivery (so far, while open). */
export function toNecessity(r: NecessityRow, now: Date): Necessity {
  const end = r.fulfilled_at ? Date.parse(r.fulfilled_at) : r.status === 'cancelled' ? null : now.getTime();
  return {
    id: r.id,
    episodeId: r.episode_id,
    personId: r.person_id,
    personName: r.person_name ?? null,
    address: r.address ?? null,
    regionPath: r.region_path,
    kind: r.kind,
    detail: r.detail,
    status: r.status,
    via: r.via,
    requestedAt: r.requested_at,
    assigneeName: r.assignee_name,
    assignedAt: r.assigned_at,
    fulfilledAt: r.fulfilled_at,
    minutesTaken: end === null ? null : Math.max(0, Math.round((end - Date.parse(r.requested_at)) / 60_000)),
    note: r.note,
  };
}

/** Assign (open → assigned, or reassign), fulfil (→ fulfilled) or cancel with a note. */
export async function actOnNecessity(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  action: NecessityAction,
): Promise<Necessity> {
  await db.transaction().execute(async (trx) => {
    const row = await findRequestInScope(trx, scopeOf(actor), id);
    if (!row) throw new AppError('NECESSITY_NOT_FOUND');
    const done = row.status === 'fulfilled' || row.status === 'cancelled';
    if (done) throw new AppError('NECESSITY_STATE', { status: row.status });
    const now = clock.now().toISOString();
    if (action.action === 'assign') {
      await updateRequest(trx, id, {
        status: 'assigned',
        assignee_name: action.assigneeName,
        assignee_user_id: action.assigneeUserId ?? null,
        assigned_at: now,
      });
    } else if (action.action === 'fulfil') {
      await updateRequest(trx, id, { status: 'fulfilled', fulfilled_at: now, note: action.note ?? row.note });
    } else {
      await updateRequest(trx, id, { status: 'cancelled', note: action.note });
    }
    await audit(trx, clock, actor, {
      action: `isolation.necessity_${action.action}`,
      entityType: 'necessity_request',
      entityId: id,
      regionPath: row.region_path,
    });
  });
  return toNecessity(await findNecessity(db, id), clock.now());
}
