import type { Db } from '../../db/database';
import type { Scope } from '../../access/scope';
import type { GatheringFigures, GatheringFiguresRow } from '../../../shared/gatherings';
import { countGatheringsByStatus, countVisitsByPlace, listTownshipsOverlapping } from './gatherings.repository';

const emptyRow = (regionId: string | null, name: string): GatheringFiguresRow => ({
  regionId,
  name,
  registered: 0,
  planned: 0,
  cancelled: 0,
  postponed: 0,
  scaledDown: 0,
  held: 0,
  expectedGuests: 0,
  guestsAvoided: 0,
  visits: 0,
});

/**
 * The gatherings figures the command centre reports up: per township, the gatherings planned for
 * a day in [from, to] — registered, still planned, cancelled, postponed, scaled down, held — and
 * the guests who did not gather (expected − actual, over the cancelled and scaled-down ones),
 * with the persuasion visits made. Townships of the jurisdiction with nothing show zeros.
 */
export async function gatheringFigures(db: Db, scope: Scope, from: string, to: string): Promise<GatheringFigures> {
  const groups = await countGatheringsByStatus(db, scope, from, to);
  const visits = await countVisitsByPlace(db, scope, from, to);
  const townships = await listTownshipsOverlapping(db, scope);

  const rows = new Map(townships.map((t) => [t.path, emptyRow(t.id, t.name)]));
  const rowOf = (path: string) => {
    const t = townships.find((x) => path.startsWith(x.path));
    const key = t?.path ?? '';
    return rows.get(key) ?? rows.set(key, emptyRow(null, '—')).get(key)!;
  };
  const total = emptyRow(null, '');
  for (const g of groups) {
    const n = Number(g.n);
    const expected = Number(g.expected ?? 0);
    const actual = Number(g.actual ?? 0);
    for (const row of [rowOf(g.region_path), total]) {
      row.registered += n;
      row.expectedGuests += expected;
      if (g.status === 'planned') row.planned += n;
      else if (g.status === 'cancelled') row.cancelled += n;
      else if (g.status === 'postponed') row.postponed += n;
      else if (g.status === 'scaled_down') row.scaledDown += n;
      else row.held += n;
      if (g.status === 'cancelled' || g.status === 'scaled_down') row.guestsAvoided += expected - actual;
    }
  }
  for (const v of visits) {
    rowOf(v.region_path).visits += Number(v.n);
    total.visits += Number(v.n);
  }
  return { from, to, rows: [...rows.values()], total };
}
