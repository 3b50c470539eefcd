import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf, type Scope } from '../../access/scope';
import { CursorPair, decodeCursor } from '../../http/pagination';
import type { Role } from '../../../shared/enums';
import { maskPhone } from '../../../shared/validators';
import type {
  Gathering,
  GatheringInput,
  GatheringOutcomeInput,
  GatheringQuery,
  PersuasionVisit,
  PersuasionVisitInput,
} from '../../../shared/gatherings';
import { audit } from '../audit';
import { getRegionInScope } from '../regions';
import {
  findGatheringInScope,
  insertGathering,
  insertGatheringVisit,
  listGatheringsInScope,
  listGatheringVisits,
  updateGathering,
  type GatheringRow,
} from './gatherings.repository';

/** Who registers gatherings, records outcomes and persuasion visits: the village's grid workers up to the command centre. */
export const ROLES_THAT_HANDLE_GATHERINGS: readonly Role[] = ['admin', 'command', 'township', 'grid'];

/** A gathering as lists show it: the host's phone masked (revealing it is audited). */
export function toGathering(r: GatheringRow): Gathering {
  return {
    id: r.id,
    regionId: r.region_id,
    regionName: r.region_name,
    regionPath: r.region_path,
    occasion: r.occasion,
    hostName: r.host_name,
    hostPhone: maskPhone(r.host_phone),
    date: r.date,
    place: r.place,
    expectedGuests: r.expected_guests,
    status: r.status,
    newDate: r.new_date,
    actualGuests: r.actual_guests,
    outcomeNote: r.outcome_note,
    outcomeAt: r.outcome_at,
    note: r.note,
    visits: Number(r.visits ?? 0),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function getGathering(db: Db, scope: Scope, id: string): Promise<GatheringRow> {
  const row = await findGatheringInScope(db, scope, id);
  if (!row) throw new AppError('GATHERING_NOT_FOUND');
  return row;
}

/** Register a gathering the village has heard of, in a village or grid of the actor's jurisdiction; it starts as planned. */
export async function registerGathering(
  db: Db,
  clock: Clock,
  actor: Actor,
  input: GatheringInput,
): Promise<GatheringRow> {
  const scope = scopeOf(actor);
  const id = await db.transaction().execute(async (trx) => {
    const region = await getRegionInScope(trx, scope, input.regionId);
    if (region.level !== 'village' && region.level !== 'grid')
      throw new AppError('GATHERING_REGION_INVALID', { field: 'regionId', level: region.level });
    const now = clock.now();
    const at = now.toISOString();
    const gatheringId = uuidv7(now.getTime());
    await insertGathering(trx, {
      id: gatheringId,
      region_id: region.id,
      region_path: region.path,
      occasion: input.occasion,
      host_name: input.hostName,
      host_phone: input.hostPhone ?? null,
      date: input.date,
      place: input.place ?? null,
      expected_guests: input.expectedGuests,
      status: 'planned',
      new_date: null,
      actual_guests: null,
      outcome_note: null,
      outcome_at: null,
      outcome_by: null,
      note: input.note ?? null,
      created_by: actor.id,
      created_at: at,
      updated_at: at,
    });
    await audit(trx, clock, actor, {
      action: 'gathering.register',
      entityType: 'gathering',
      entityId: gatheringId,
      regionPath: region.path,
      details: { occasion: input.occasion, date: input.date, expectedGuests: input.expectedGuests },
    });
    return gatheringId;
  });
  return getGathering(db, scope, id);
}

/** Gatherings of the actor's jurisdiction, latest date first, filtered by date range, occasion, status, region and host name. */
export async function listGatherings(db: Db, scope: Scope, q: GatheringQuery) {
  const under = q.regionId ? await getRegionInScope(db, scope, q.regionId) : null;
  const before = decodeCursor(q.cursor, CursorPair);
  return listGatheringsInScope(db, scope, {
    from: q.from,
    to: q.to,
    occasion: q.occasion,
    status: q.status,
    hostName: q.q,
    underPath: under?.path,
    before,
    limit: q.limit,
  });
}

/** The host's full phone, for a call; every reveal is in the audit log. */
export async function revealHostPhone(db: Db, clock: Clock, actor: Actor, id: string) {
  const row = await getGathering(db, scopeOf(actor), id);
  await audit(db, clock, actor, {
    action: 'gathering.reveal',
    entityType: 'gathering',
    entityId: id,
    regionPath: row.region_path,
    details: { field: 'phone' },
  });
  return { field: 'phone' as const, value: row.host_phone };
}

/**
 * Record what became of a gathering. Cancelled: nobody gathered. Postponed: to a new date after
 * the planned one. Scaled down: fewer guests than expected came. Held: as many as came. A later
 * outcome replaces an earlier one (a postponed banquet later cancelled); each is audited.
 */
export async function recordOutcome(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  input: GatheringOutcomeInput,
): Promise<GatheringRow> {
  const scope = scopeOf(actor);
  await db.transaction().execute(async (trx) => {
    const g = await getGathering(trx, scope, id);
    const invalid = (field: string) => new AppError('GATHERING_OUTCOME_INVALID', { field, outcome: input.outcome });
    let newDate: string | null = null;
    let actual: number | null = null;
    if (input.outcome === 'postponed') {
      if (!input.newDate || input.newDate <= g.date) throw invalid('newDate');
      newDate = input.newDate;
    } else if (input.outcome === 'cancelled') {
      actual = 0;
    } else {
      if (input.actualGuests === undefined || input.actualGuests === null) throw invalid('actualGuests');
      if (input.outcome === 'scaled_down' && (input.actualGuests >= g.expected_guests || input.actualGuests < 1))
        throw invalid('actualGuests');
      actual = input.actualGuests;
    }
    const now = clock.now().toISOString();
    await updateGathering(trx, id, {
      status: input.outcome,
      new_date: newDate,
      actual_guests: actual,
      outcome_note: input.note ?? null,
      outcome_at: now,
      outcome_by: actor.id,
      updated_at: now,
    });
    await audit(trx, clock, actor, {
      action: 'gathering.outcome',
      entityType: 'gathering',
      entityId: id,
      regionPath: g.region_path,
      details: { from: g.status, to: input.outcome, newDate, actualGuests: actual },
    });
  });
  return getGathering(db, scope, id);
}

/** A persuasion visit (劝导) to the host; once the gathering has been held there is nobody left to persuade. */
export async function addPersuasionVisit(
  db: Db,
  clock: Clock,
  actor: Actor,
  id: string,
  input: PersuasionVisitInput,
): Promise<PersuasionVisit> {
  return db.transaction().execute(async (trx) => {
    const g = await getGathering(trx, scopeOf(actor), id);
    if (g.status === 'held') throw new AppError('GATHERING_STATE', { status: g.status });
    const now = clock.now();
    const row = {
      id: uuidv7(now.getTime()),
      gathering_id: id,
      region_path: g.region_path,
      visited_at: input.visitedAt ? new Date(input.visitedAt).toISOString() : now.toISOString(),
      visitor_id: actor.id,
      visitor_name: actor.displayName,
      present: input.present ?? null,
      result: input.result,
      agreed: input.agreed ? 1 : 0,
      created_at: now.toISOString(),
    };
    await insertGatheringVisit(trx, row);
    await updateGathering(trx, id, { updated_at: row.created_at });
    await audit(trx, clock, actor, {
      action: 'gathering.visit',
      entityType: 'gathering',
      entityId: id,
      regionPath: g.region_path,
      details: { agreed: input.agreed },
    });
    return toVisit(row);
  });
}

function toVisit(v: {
  id: string;
  visited_at: string;
  visitor_name: string | null;
  present: string | null;
  result: string;
  agreed: number;
}): PersuasionVisit {
  return {
    id: v.id,
    visitedAt: v.visited_at,
    visitorName: v.visitor_name,
    present: v.present,
    result: v.result,
    agreed: v.agreed === 1,
  };
}

/** A gathering's persuasion visits, in order. */
export async function visitsOf(db: Db, gatheringId: string): Promise<PersuasionVisit[]> {
  const rows = await listGatheringVisits(db, gatheringId);
  return rows.map(toVisit);
}
