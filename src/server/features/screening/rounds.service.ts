import type { Db } from '../../db/database';
import type { Clock } from '../../clock';
import { uuidv7 } from '../../ids';
import { AppError } from '../../errors';
import type { Actor } from '../../access/actor';
import { scopeOf, type Scope } from '../../access/scope';
import type { Round, RoundInput } from '../../../shared/screening';
import { audit } from '../audit';
import { getRegionInScope } from '../regions';
import {
  findRoundOpenedUnder,
  insertRound,
  listRegionsOfRounds,
  listRoundsOverlapping,
  markRoundClosed,
  type RoundRow,
} from './rounds.repository';

export const ROLES_THAT_OPEN_ROUNDS = ['admin', 'command', 'township'] as const;
export const ROLES_THAT_SCREEN = ['admin', 'command', 'township', 'grid'] as const;

/** Rounds that concern the user: any of their regions lies inside or contains the user's jurisdiction. */
export async function listRounds(db: Db, scope: Scope) {
  return withRegions(db, await listRoundsOverlapping(db, scope));
}

async function withRegions(db: Db, rounds: RoundRow[]): Promise<Round[]> {
  if (rounds.length === 0) return [];
  const regions = await listRegionsOfRounds(
    db,
    rounds.map((r) => r.id),
  );
  return rounds.map((r) => ({
    id: r.id,
    name: r.name,
    startDate: r.start_date,
    endDate: r.end_date,
    status: r.status,
    createdAt: r.created_at,
    regions: regions.filter((x) => x.round_id === r.id).map(({ id, name, path }) => ({ id, name, path })),
  }));
}

/** A round the user may see, with the region paths it covers. */
export async function getRound(db: Db, scope: Scope, id: string) {
  const [round] = (await listRounds(db, scope)).filter((r) => r.id === id);
  if (!round) throw new AppError('NOT_FOUND');
  return round;
}

/** Open a screening round over regions of the opener's jurisdiction. */
export async function openRound(db: Db, clock: Clock, actor: Actor, input: RoundInput): Promise<Round> {
  if (input.endDate < input.startDate)
    throw new AppError('VALIDATION', {
      issues: [{ path: ['endDate'], message: 'the end date is before the start date' }],
    });
  const scope = scopeOf(actor);
  const id = await db.transaction().execute(async (trx) => {
    const regions = [];
    for (const regionId of new Set(input.regionIds)) regions.push(await getRegionInScope(trx, scope, regionId));
    const now = clock.now().toISOString();
    const id = uuidv7();
    await insertRound(
      trx,
      {
        id,
        name: input.name,
        start_date: input.startDate,
        end_date: input.endDate,
        status: 'open',
        region_path: actor.regionPath,
        created_by: actor.id,
        created_at: now,
        closed_at: null,
      },
      regions.map((r) => ({ round_id: id, region_id: r.id, region_path: r.path })),
    );
    await audit(trx, clock, actor, {
      action: 'screening.round_open',
      entityType: 'screening_round',
      entityId: id,
      regionPath: actor.regionPath,
      details: { name: input.name, regions: regions.map((r) => r.code) },
    });
    return id;
  });
  return getRound(db, scope, id);
}

export async function closeRound(db: Db, clock: Clock, actor: Actor, id: string): Promise<Round> {
  const scope = scopeOf(actor);
  const round = await findRoundOpenedUnder(db, id, scope.prefix);
  if (!round) throw new AppError('NOT_FOUND');
  await db.transaction().execute(async (trx) => {
    await markRoundClosed(trx, id, clock.now().toISOString());
    await audit(trx, clock, actor, {
      action: 'screening.round_close',
      entityType: 'screening_round',
      entityId: id,
      regionPath: round.region_path,
    });
  });
  return getRound(db, scope, id);
}
