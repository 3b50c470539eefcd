import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../../db/database';
import { overlapsScope, subtreeCondition, type Scope } from '../../access/scope';
import type { ScreeningRoundRegionTable, ScreeningRoundTable } from './rounds.table';

export type RoundRow = Selectable<ScreeningRoundTable>;

/** The newest 200 rounds any of whose regions lies inside or contains the jurisdiction. */
export async function listRoundsOverlapping(db: Db, scope: Scope): Promise<RoundRow[]> {
  return db
    .selectFrom('screening_rounds')
    .selectAll()
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('screening_round_regions as rr')
          .select('rr.round_id')
          .whereRef('rr.round_id', '=', 'screening_rounds.id')
          .where((e) => overlapsScope(e, 'rr.region_path', scope)),
      ),
    )
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
}

/** The regions of the rounds, with each region's name. */
export async function listRegionsOfRounds(db: Db, roundIds: readonly string[]) {
  return db
    .selectFrom('screening_round_regions')
    .innerJoin('regions', 'regions.id', 'screening_round_regions.region_id')
    .select([
      'screening_round_regions.round_id',
      'regions.id',
      'regions.name',
      'screening_round_regions.region_path as path',
    ])
    .where('screening_round_regions.round_id', 'in', [...roundIds])
    .execute();
}

/** A round opened within the subtree `prefix` (whoever may close it), or undefined. */
export async function findRoundOpenedUnder(db: Db, id: string, prefix: string): Promise<RoundRow | undefined> {
  return db
    .selectFrom('screening_rounds')
    .selectAll()
    .where('id', '=', id)
    .where((eb) => subtreeCondition(eb, 'region_path', prefix))
    .executeTakeFirst();
}

/** Stores a new round and the regions it covers. */
export async function insertRound(
  db: Db,
  round: Insertable<ScreeningRoundTable>,
  regions: readonly Insertable<ScreeningRoundRegionTable>[],
): Promise<void> {
  await db.insertInto('screening_rounds').values(round).execute();
  await db
    .insertInto('screening_round_regions')
    .values([...regions])
    .execute();
}

export async function markRoundClosed(db: Db, id: string, closedAt: string): Promise<void> {
  await db
    .updateTable('screening_rounds')
    .set({ status: 'closed', closed_at: closedAt })
    .where('id', '=', id)
    .execute();
}

/** The region paths of every open round: round id → paths. */
export async function openRoundPaths(db: Db): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom('screening_rounds')
    .innerJoin('screening_round_regions as rr', 'rr.round_id', 'screening_rounds.id')
    .select(['screening_rounds.id', 'rr.region_path'])
    .where('screening_rounds.status', '=', 'open')
    .execute();
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.id, [...(out.get(r.id) ?? []), r.region_path]);
  return out;
}
